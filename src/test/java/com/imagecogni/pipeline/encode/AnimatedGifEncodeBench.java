package com.imagecogni.pipeline.encode;

import com.imagecogni.pipeline.PipelineRuntime;
import com.imagecogni.support.EncodeTimer;
import com.imagecogni.pipeline.decode.DecodeLimits;
import com.imagecogni.pipeline.decode.SourceDecoder;
import com.imagecogni.pipeline.image.Animation;
import com.sksamuel.scrimage.DisposeMethod;
import com.sksamuel.scrimage.ImmutableImage;
import com.sksamuel.scrimage.nio.StreamingGifWriter;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Measurement, not a test: encode time and size of a 20-frame 400x300 animation (a gradient with a moving disc and a
 * transparent band, 40 ms a frame, looping forever) through {@link AnimatedGifEncoder} and through Scrimage's
 * {@link StreamingGifWriter} (each frame with its delay and "restore to background", as ours writes it). Both drive
 * the JDK's GIF writer. Then, for scale, decoding that GIF: every frame composited through the source decoder
 * (Scrimage's reader) against the JDK's reader returning each raw frame. Prints warm medians; asserts nothing. Run
 * with the test classpath:
 * {@code java -cp target/test-classes:target/classes:<test classpath> com.imagecogni.pipeline.encode.AnimatedGifEncodeBench}.
 */
public final class AnimatedGifEncodeBench {

    private static final PipelineRuntime RUNTIME = PipelineRuntime.standalone();

    private static final int RUNS = Integer.getInteger("bench.iters", 9);

    private AnimatedGifEncodeBench() {
    }

    public static void main(String[] args) {
        Animation animation = animation(20, 400, 300);
        AnimatedGifEncoder ours = new AnimatedGifEncoder();
        System.out.printf("%d frames %dx%d, %d runs after 3 warm-ups, medians%n", animation.frames().size(),
                animation.width(), animation.height(), RUNS);
        for (int round = 0; round < 2; round++) {
            report("AnimatedGifEncoder (ours)   ", () -> ours.encode(animation));
            report("Scrimage StreamingGifWriter ", () -> scrimage(animation));
        }
        byte[] gif = ours.encode(animation);
        SourceDecoder decoder = new SourceDecoder(DecodeLimits.defaults(), RUNTIME.parallel());
        report("decode: SourceDecoder, every frame composited", () -> {
            decoder.decode(gif);
            return gif;
        });
        report("decode: JDK reader, every raw frame          ", () -> {
            imageIoFrames(gif);
            return gif;
        });
    }

    private static void imageIoFrames(byte[] gif) {
        javax.imageio.ImageReader reader = javax.imageio.ImageIO.getImageReadersByFormatName("gif").next();
        try (javax.imageio.stream.ImageInputStream in = javax.imageio.ImageIO.createImageInputStream(
                new java.io.ByteArrayInputStream(gif))) {
            reader.setInput(in);
            for (int i = 0, n = reader.getNumImages(true); i < n; i++) {
                reader.read(i);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            reader.dispose();
        }
    }

    /** Scrimage's writer as the pipeline would have to use it: each frame with its own delay and disposal. */
    static byte[] scrimage(Animation animation) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (StreamingGifWriter.GifStream stream = new StreamingGifWriter(Duration.ZERO, animation.loopCount() == 0,
                false).prepareStream(out, BufferedImage.TYPE_INT_ARGB)) {
            for (int i = 0; i < animation.frames().size(); i++) {
                stream.writeFrame(ImmutableImage.wrapAwt(animation.frames().get(i)),
                        Duration.ofMillis(animation.durationsMillis().get(i)), DisposeMethod.RESTORE_TO_BACKGROUND_COLOR);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    static Animation animation(int frames, int width, int height) {
        List<BufferedImage> images = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    boolean band = y >= height / 2 - 10 && y < height / 2 + 10;
                    frame.setRGB(x, y, band ? 0 : 0xFF000000 | (x * 255 / width) << 16 | (y * 255 / height) << 8 | i * 12);
                }
            }
            Graphics2D g = frame.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(250, 220, 40));
            g.fillOval(i * (width - 60) / frames, height / 4, 60, 60);
            g.dispose();
            images.add(frame);
        }
        return new Animation(images, java.util.Collections.nCopies(frames, 40), 0);
    }

    private static void report(String name, Supplier<byte[]> encode) {
        EncodeTimer.report(name, RUNS, encode);
    }
}
