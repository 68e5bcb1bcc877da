package com.imagecogni.pipeline.decode;

import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.InputRejectedException;
import com.imagecogni.pipeline.image.Animation;
import com.imagecogni.pipeline.image.Images;
import com.imagecogni.pipeline.image.Parallel;
import com.sksamuel.scrimage.nio.AnimatedGif;
import com.sksamuel.scrimage.nio.internal.GifSequenceReader;

import java.awt.Dimension;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayInputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every frame of an animated GIF whose header {@link GifHeaderParser} already walked and {@link HeaderReader} held to
 * the frame and pixel limits: Scrimage's GIF reader ({@link GifSequenceReader}, what {@code AnimatedGifReader.read}
 * runs, behind its {@link AnimatedGif} API) parses the blocks and decodes the LZW data, and each frame comes out
 * composited over the ones before it on the full canvas, as browsers show it.
 *
 * <p>Scrimage's reader is used through a subclass that bounds it and corrects it, because as shipped (4.3.5):
 * <ul>
 * <li><b>It composites wrongly.</b> {@code setPixels} prepares frame N from frame N-1 using frame N's own disposal
 *     method, where GIF89a (section 23) and browsers use frame N-1's: a full-canvas "keep" frame followed by a small
 *     "restore to background" frame comes out as the small frame alone on a cleared canvas. "Restore to previous"
 *     restores the last "keep" frame but never frame 0. Here the previous frame's method is applied, restore to
 *     background clears to transparent (browsers ignore the background colour), restore to previous brings back the
 *     canvas as it was before the previous frame was drawn.</li>
 * <li><b>Its per-frame state leaks.</b> {@code resetFrame} declares local {@code dispose}, {@code transparency} and
 *     {@code delay} variables instead of clearing the fields, so a frame without a Graphic Control Extension inherits
 *     the delay, disposal and transparent index of the frame before. A GCE applies to the one image after it: here
 *     the fields are cleared.</li>
 * <li><b>It reads some blocks out of step.</b> Its Graphic Control Extension reader assumes a 4-byte block; after
 *     LZW data that ends before the image is full, and after an empty application-extension block, it takes the next
 *     block's introducer for a sub-block length. The header parse refuses the first and last (the JDK's reader slips
 *     on them too); LZW data cut short is valid enough for it and for browsers. Here the GCE is read as sub-blocks,
 *     and a block terminator already read ends the data, so the walk is the one the header parse made.</li>
 * <li><b>It refuses a file without the 0x3B trailer</b> (end of input is a format error), which is common and which
 *     the header parse accepts after complete frames: a trailer is supplied after the bytes (a reader that stops at
 *     the file's own trailer never reads it).</li>
 * <li><b>Its allocations follow the file.</b> It allocates a canvas of the logical screen for every frame it finds,
 *     and {@code width x height} bytes of every frame descriptor it reads (an {@code int} product, which overflows).
 *     Here the canvas is the header's (the screen grown to every frame, the size the limits were checked on), a
 *     frame beyond the header's count, or a descriptor larger than the canvas or outside it, is refused before
 *     anything is allocated for it; so is a frame count that differs from the header's at the end.</li>
 * <li><b>Its loop count conflates "none" and "1".</b> {@code getLoopCount()} answers 1 without a NETSCAPE2.0 block
 *     and the stored count otherwise (0 = forever). Browsers play a GIF without the block once and a GIF with count
 *     n &gt; 0 n + 1 times (Chromium's {@code cc/paint/image_animation_count.h}); {@link Animation#loopCount()} counts
 *     plays as WebP's ANIM chunk does, so the count becomes n + 1 (libwebp's gif2webp maps it the same way), no block
 *     becomes 1, and 0 stays forever.</li>
 * </ul>
 * Any failure in it (a status code, an exception from a malformed stream, e.g. the LZW decoder's
 * ArrayIndexOutOfBoundsException on a self-referencing code) is a {@code corrupt_image} refusal; running out of heap
 * is an {@code out_of_memory} one.
 */
final class GifAnimationDecoder {

    private GifAnimationDecoder() {
    }

    /**
     * @param header the parsed, limit-checked header of {@code bytes}, with more than one frame
     * @param parallel where frames are brought into the pipeline's int layout
     */
    static Animation decode(byte[] bytes, ImageHeader header, Parallel parallel) {
        BoundedReader reader = new BoundedReader(header);
        try {
            // the appended trailer is read only when the file has none of its own
            int status = reader.read(new SequenceInputStream(new ByteArrayInputStream(bytes),
                    new ByteArrayInputStream(new byte[] {0x3B})));
            if (status != GifSequenceReader.STATUS_OK) {
                throw corrupt("the GIF data is malformed after " + reader.getFrameCount() + " of its "
                        + header.frames() + " frames");
            }
            AnimatedGif gif = new AnimatedGif(reader);
            if (gif.getFrameCount() != header.frames()) {
                throw corrupt("the GIF decoder read " + gif.getFrameCount() + " frames where the header has "
                        + header.frames());
            }
            Dimension canvas = gif.getDimensions();
            List<BufferedImage> frames = new ArrayList<>(gif.getFrameCount());
            List<Integer> delays = new ArrayList<>(gif.getFrameCount());
            for (int i = 0; i < gif.getFrameCount(); i++) {
                BufferedImage frame = Images.normalise(gif.getFrame(i).awt(), parallel);
                if (frame.getWidth() != canvas.width || frame.getHeight() != canvas.height) {
                    throw corrupt("GIF frame " + (i + 1) + " is " + frame.getWidth() + "x" + frame.getHeight()
                            + ", not the " + canvas.width + "x" + canvas.height + " canvas");
                }
                frames.add(frame);
                delays.add((int) gif.getDelay(i).toMillis()); // at most 65535 x 10
            }
            return new Animation(frames, delays, plays(reader.loopCountRead(), gif.getLoopCount()));
        } catch (InputRejectedException e) {
            throw e;
        } catch (Rejected e) {
            throw corrupt(e.getMessage());
        } catch (RuntimeException e) {
            throw new InputRejectedException(FailureReason.CORRUPT_IMAGE, "the GIF data cannot be decoded (frame "
                    + (reader.getFrameCount() + 1) + "): " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } catch (OutOfMemoryError e) {
            // the allocations are held to the header's canvas and frame count: this is the heap, not the file
            throw new InputRejectedException(FailureReason.OUT_OF_MEMORY, "the server ran out of memory decoding the "
                    + header.frames() + " frames of this " + header.width() + "x" + header.height() + " GIF", e);
        }
    }

    /**
     * The number of plays (0 = forever) for a NETSCAPE2.0 loop count, which counts repetitions after the first play.
     * 65535 plays stays 65535: the most an Animation (a WebP ANIM chunk) holds.
     */
    static int plays(boolean netscapeBlock, int loopCount) {
        if (!netscapeBlock) {
            return 1;
        }
        return loopCount == 0 ? 0 : Math.min(loopCount + 1, Animation.MAX_LOOP_COUNT);
    }

    private static InputRejectedException corrupt(String message) {
        return new InputRejectedException(FailureReason.CORRUPT_IMAGE, message);
    }

    /** A refusal from inside the reader, which runs under Scrimage's own methods. */
    private static final class Rejected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Rejected(String message) {
            super(message, null, false, false);
        }
    }

    /** Scrimage's reader, held to the header and corrected where it parts from GIF89a (see the class comment). */
    private static final class BoundedReader extends GifSequenceReader {

        private final ImageHeader header;
        /** The last readBlock() read a block terminator (or hit the end): the sub-block sequence is over. */
        private boolean blockEnded;
        private boolean netscapeLoopCount;
        /** The disposal method of the frame drawn last, and its area: applied before the next frame is drawn. */
        private int previousDisposal;
        private Rectangle previousArea;
        /** The canvas before the last frame was drawn, kept when that frame's method is "restore to previous". */
        private int[] restorePoint;

        BoundedReader(ImageHeader header) {
            this.header = header;
        }

        boolean loopCountRead() {
            return netscapeLoopCount;
        }

        @Override
        protected void readLSD() {
            super.readLSD();
            // the header's canvas: the logical screen grown to every frame, the size the limits were checked on
            width = header.width();
            height = header.height();
        }

        @Override
        protected int read() {
            blockEnded = false;
            return super.read();
        }

        @Override
        protected int readBlock() {
            int n = super.readBlock();
            blockEnded = blockSize <= 0;
            return n;
        }

        @Override
        protected void skip() {
            if (!blockEnded) {
                super.skip();
            }
        }

        /** As sub-blocks, whatever the size byte says; a block shorter than 4 bytes sets nothing. */
        @Override
        protected void readGraphicControlExt() {
            readBlock();
            if (blockSize >= 4) {
                int packed = block[0] & 0xFF;
                dispose = (packed & 0x1C) >> 2;
                transparency = (packed & 1) != 0;
                delay = ((block[1] & 0xFF) | (block[2] & 0xFF) << 8) * 10;
                transIndex = block[3] & 0xFF;
            }
            skip();
        }

        /** The sub-block whose first byte is 1 carries the loop count; an empty block ends the extension. */
        @Override
        protected void readNetscapeExt() {
            while (!blockEnded && !err()) {
                readBlock();
                if (blockSize >= 3 && (block[0] & 0x07) == 1) {
                    loopCount = (block[1] & 0xFF) | (block[2] & 0xFF) << 8;
                    netscapeLoopCount = true;
                }
            }
        }

        /** Scrimage's reader dereferences a missing colour table when the frame has a transparent index. */
        @Override
        protected void readImage() {
            try {
                super.readImage();
            } catch (RuntimeException e) {
                throw act == null ? noColourTable() : e;
            }
            if (err() && act == null) {
                throw noColourTable();
            }
        }

        private Rejected noColourTable() {
            return new Rejected("GIF frame " + (frameCount + 1) + " has no colour table (no global or local one)");
        }

        /** Called once the frame's descriptor and colour table are read, before anything is allocated for it. */
        @Override
        protected void decodeImageData() {
            int frame = frameCount + 1;
            if (frameCount >= header.frames()) {
                throw new Rejected("the GIF decoder found a frame " + frame + " the header parse did not count ("
                        + header.frames() + " frames)");
            }
            if (ix < 0 || iy < 0 || iw < 1 || ih < 1 || ix + iw > width || iy + ih > height) {
                throw new Rejected("GIF frame " + frame + " (" + iw + "x" + ih + " at " + ix + "," + iy
                        + ") does not lie on the " + width + "x" + height + " canvas");
            }
            super.decodeImageData();
        }

        @Override
        protected void setPixels() {
            int[] canvas = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
            if (lastImage != null) {
                if (previousDisposal == 3) {
                    System.arraycopy(restorePoint, 0, canvas, 0, canvas.length);
                } else {
                    int[] previous = ((DataBufferInt) lastImage.getRaster().getDataBuffer()).getData();
                    System.arraycopy(previous, 0, canvas, 0, canvas.length);
                    if (previousDisposal == 2) {
                        for (int y = previousArea.y; y < previousArea.y + previousArea.height; y++) {
                            int row = y * width;
                            Arrays.fill(canvas, row + previousArea.x,
                                    row + previousArea.x + previousArea.width, 0);
                        }
                    }
                }
            }
            restorePoint = dispose == 3 ? canvas.clone() : null;
            // Scrimage's drawing loop (interlacing, transparent index) without its disposal handling
            int own = dispose;
            dispose = 0;
            try {
                super.setPixels();
            } finally {
                dispose = own;
            }
        }

        /** After each frame: its method and area are what the next frame starts from, and the GCE's fields clear. */
        @Override
        protected void resetFrame() {
            super.resetFrame();
            previousDisposal = dispose;
            previousArea = new Rectangle(ix, iy, iw, ih);
            dispose = 0;
            transparency = false;
            delay = 0;
        }
    }
}
