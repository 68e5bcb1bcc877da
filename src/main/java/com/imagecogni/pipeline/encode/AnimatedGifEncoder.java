package com.imagecogni.pipeline.encode;

import com.imagecogni.pipeline.FailureReason;
import com.imagecogni.pipeline.ProcessingFailedException;
import com.imagecogni.pipeline.image.Animation;
import com.imagecogni.pipeline.image.ImageIoPlugins;

import javax.imageio.IIOImage;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * An animated GIF through the JDK's GIF writer: each full-canvas frame with its delay (GIF counts in 1/100 s, so the
 * milliseconds are rounded to the nearest 10), each replacing the one before (disposal "restore to background", so
 * transparent areas do not show the previous frame), and the number of plays in a NETSCAPE2.0 extension on the first
 * frame. {@link Animation#loopCount()} counts plays (0 = forever) as WebP's ANIM chunk does, while browsers play a GIF
 * without the extension once and one with count n &gt; 0 n + 1 times (Chromium's {@code image_animation_count.h}), so
 * 0 is written as 0, 1 as no extension, and n plays as n - 1 ({@code GifAnimationDecoder} reads it back the same way).
 *
 * <p>Why not Scrimage's {@code StreamingGifWriter} (4.3.5), which drives the same JDK writer: it cannot write a loop
 * count. Its {@code infiniteLoop} flag gives forever (NETSCAPE 0) or no extension (one play), so an animation played 3
 * times would come out playing once; the extension is built inside {@code prepareStream} with no way in (its
 * {@code AbstractGifWriter} helpers are package-private, {@code GifStream} keeps the metadata to itself), so a count
 * cannot be added without rewriting that method. Where it can express the animation it gives the same frames,
 * palettes and transparency, but writes the NETSCAPE block before every frame instead of once and truncates delays
 * to 1/100 s (105 ms becomes 100). It is no faster: on a 20-frame 400x300 animation (AnimatedGifEncodeBench, 2 cores)
 * both took 250..310 ms, the JDK's palette building and LZW coding being nearly all of it. Using it for the two counts
 * it can write would make the bytes of the same frames depend on the loop count for no gain.
 */
final class AnimatedGifEncoder {

    private static final String FORMAT = "javax_imageio_gif_image_1.0";

    byte[] encode(Animation animation) {
        ImageWriter writer = ImageIoPlugins.writer("gif").orElseThrow(() -> new ProcessingFailedException(
                FailureReason.ENCODE_FAILED, "no gif encoder installed"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            writer.prepareWriteSequence(null);
            for (int i = 0; i < animation.frames().size(); i++) {
                BufferedImage frame = animation.frames().get(i);
                IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), param);
                IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(FORMAT);
                IIOMetadataNode control = child(root, "GraphicControlExtension");
                control.setAttribute("disposalMethod", "restoreToBackgroundColor");
                control.setAttribute("userInputFlag", "FALSE");
                control.setAttribute("delayTime", Integer.toString(Math.round(animation.durationsMillis().get(i) / 10f)));
                if (i == 0 && animation.loopCount() != 1) {
                    IIOMetadataNode netscape = new IIOMetadataNode("ApplicationExtension");
                    netscape.setAttribute("applicationID", "NETSCAPE");
                    netscape.setAttribute("authenticationCode", "2.0");
                    int repeats = netscapeLoopCount(animation.loopCount());
                    netscape.setUserObject(new byte[] {1, (byte) (repeats & 0xFF), (byte) ((repeats >> 8) & 0xFF)});
                    child(root, "ApplicationExtensions").appendChild(netscape);
                }
                metadata.setFromTree(FORMAT, root);
                writer.writeToSequence(new IIOImage(frame, null, metadata), param);
            }
            writer.endWriteSequence();
        } catch (IOException | RuntimeException e) {
            throw new ProcessingFailedException(FailureReason.ENCODE_FAILED, "gif encoding failed: " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** The NETSCAPE2.0 count for a number of plays other than 1: 0 (forever) stays 0, n plays repeat n - 1 times. */
    static int netscapeLoopCount(int plays) {
        return plays == 0 ? 0 : plays - 1;
    }

    /** The node named {@code name} under {@code root}, added when the default metadata has none. */
    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equals(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }
}
