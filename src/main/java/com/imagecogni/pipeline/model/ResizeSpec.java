package com.imagecogni.pipeline.model;

import java.util.List;

/** Resize to 1..20 sizes; each size becomes its own output (and its own variant folder). */
public record ResizeSpec(List<SizeSpec> sizes, Fit fit, boolean upscale, String background) implements OperationSpec {

    public static final int MAX_SIZES = 20;

    public ResizeSpec {
        if (sizes == null || sizes.isEmpty() || sizes.size() > MAX_SIZES) {
            throw new IllegalArgumentException("resize needs 1.." + MAX_SIZES + " sizes, got "
                    + (sizes == null ? 0 : sizes.size()));
        }
        for (SizeSpec size : sizes) {
            if (size == null) {
                throw new IllegalArgumentException("resize sizes must not contain null");
            }
        }
        sizes = List.copyOf(sizes);
        fit = fit == null ? Fit.CONTAIN : fit;
        if (background != null) {
            Colors.parse(background);
        }
    }

    public static ResizeSpec of(Fit fit, SizeSpec... sizes) {
        return new ResizeSpec(List.of(sizes), fit, false, null);
    }

    public ResizeSpec withUpscale(boolean enlarge) {
        return new ResizeSpec(sizes, fit, enlarge, background);
    }

    public ResizeSpec withBackground(String colour) {
        return new ResizeSpec(sizes, fit, upscale, colour);
    }

    @Override
    public String type() {
        return "resize";
    }

    @Override
    public int outputsPerInput() {
        return sizes.size();
    }
}
