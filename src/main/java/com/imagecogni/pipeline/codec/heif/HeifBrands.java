package com.imagecogni.pipeline.codec.heif;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * The codec of a HEIF file told by its ftyp brands (libheif 1.15 has no call that names a handle's codec): AVIF files
 * carry {@code avif}/{@code avis}, HEIC files one of the HEVC brands.
 */
final class HeifBrands {

    private static final List<String> AV1 = List.of("avif", "avis");
    private static final List<String> HEVC = List.of("heic", "heix", "heim", "heis", "hevc", "hevx");

    private HeifBrands() {
    }

    static HeifCompression compressionOf(Arena arena, MemorySegment data) {
        int main = HeifBinding.readMainBrand(data);
        if (AV1.stream().anyMatch(brand -> HeifBinding.fourcc(brand) == main)) {
            return HeifCompression.AV1;
        }
        if (HEVC.stream().anyMatch(brand -> HeifBinding.fourcc(brand) == main)) {
            return HeifCompression.HEVC;
        }
        // a generic main brand (mif1): the compatible brands still name the codec
        for (String brand : AV1) {
            if (HeifBinding.hasCompatibleBrand(data, arena.allocateFrom(brand))) {
                return HeifCompression.AV1;
            }
        }
        for (String brand : HEVC) {
            if (HeifBinding.hasCompatibleBrand(data, arena.allocateFrom(brand))) {
                return HeifCompression.HEVC;
            }
        }
        return HeifCompression.OTHER;
    }
}
