package com.imagecogni.pipeline.model;

/** One step of a configuration; the pipeline applies them in the order given. */
public sealed interface OperationSpec
        permits ResizeSpec, CropSpec, TrimSpec, RotateSpec, FlipSpec, ConvertSpec, CompressSpec, WatermarkSpec, FilterSpec {

    /** Most steps one configuration may have. */
    int MAX_PER_CONFIGURATION = 50;

    /** The configuration's name for this step ({@code resize}, {@code crop}, ...). */
    String type();

    /** How many images this step produces for each image it receives (the basis of the credit model). */
    default int outputsPerInput() {
        return 1;
    }
}
