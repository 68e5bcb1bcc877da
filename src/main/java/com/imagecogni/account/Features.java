package com.imagecogni.account;

import java.util.List;

/** The operation types a plan can grant; a configuration may only use those of its account's plan. */
public final class Features {

    public static final List<String> ALL = List.of("resize", "crop", "trim", "rotate", "flip", "convert", "compress", "watermark",
            "filter");

    private Features() {
    }
}
