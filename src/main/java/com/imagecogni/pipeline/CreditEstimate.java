package com.imagecogni.pipeline;

import java.util.Optional;

/** Credits one source costs with a configuration, the cheapest reordering's cost, and a hint when that is lower. */
public record CreditEstimate(int creditsPerSource, int cheapestCreditsPerSource, Optional<String> hint) {
}
