package com.imagecogni.pipeline;

/**
 * Told before and after each native decode of a source, so that a process killed by a fault inside the native code (a
 * segfault is not an exception) leaves behind which source it was decoding.
 */
public interface NativeCallRecorder {

    /** Records nothing: for runs outside a job (the try endpoint, tools, tests). */
    NativeCallRecorder NONE = new NativeCallRecorder() {
        @Override
        public void entering() {
        }

        @Override
        public void left() {
        }
    };

    /** Called before the native call; must have recorded it durably when it returns. */
    void entering();

    /** Called after the native call returned (normally or with an error). */
    void left();
}
