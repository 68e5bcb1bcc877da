package com.imagecogni.pipeline.model;

import java.util.HashSet;
import java.util.List;

/** Choose the output format(s); several formats fan out, one output per format. */
public record ConvertSpec(List<ImageFormat> formats) implements OperationSpec {

    public static final int MAX_FORMATS = 4;

    public ConvertSpec {
        if (formats == null || formats.isEmpty() || formats.size() > MAX_FORMATS) {
            throw new IllegalArgumentException("convert needs 1.." + MAX_FORMATS + " formats");
        }
        for (ImageFormat f : formats) {
            if (f == null || !f.isWritable()) {
                throw new IllegalArgumentException("cannot write " + f + "; formats are jpeg, png, webp, gif");
            }
        }
        if (new HashSet<>(formats).size() != formats.size()) {
            throw new IllegalArgumentException("convert formats must not repeat: " + formats);
        }
        formats = List.copyOf(formats);
    }

    public static ConvertSpec of(ImageFormat... formats) {
        return new ConvertSpec(List.of(formats));
    }

    @Override
    public String type() {
        return "convert";
    }

    @Override
    public int outputsPerInput() {
        return formats.size();
    }
}
