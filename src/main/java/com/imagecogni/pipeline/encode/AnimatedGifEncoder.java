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
 * An animated GIF through the JDK's GIF writer: each full-canvas frame with its delay (GIF counts in 1/100 s), each
 * replacing the one before (disposal "restore to background", so transparent areas do not show the previous frame),
 * and the loop count in a NETSCAPE2.0 extension.
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
                if (i == 0) {
                    IIOMetadataNode netscape = new IIOMetadataNode("ApplicationExtension");
                    netscape.setAttribute("applicationID", "NETSCAPE");
                    netscape.setAttribute("authenticationCode", "2.0");
                    int loops = animation.loopCount();
                    netscape.setUserObject(new byte[] {1, (byte) (loops & 0xFF), (byte) ((loops >> 8) & 0xFF)});
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
