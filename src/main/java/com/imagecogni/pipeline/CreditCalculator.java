package com.imagecogni.pipeline;

import com.imagecogni.pipeline.model.OperationSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * SPEC section 4: every operation costs one credit per image it produces. Putting operations in ascending order of
 * fan-out is always cheapest (swapping a neighbouring pair a > b lowers the cost by P*(a-b)), which is the hint given.
 * Every count is exact: a configuration whose outputs per source exceed the cap is refused as a whole
 * ({@link TooManyOutputsException}) before any product or sum can overflow, so credits never wrap around.
 */
public final class CreditCalculator {

    /** SPEC section 10 default of {@code imagecogni.limits.max-outputs-per-source}. */
    public static final int DEFAULT_MAX_OUTPUTS = 400;

    private CreditCalculator() {
    }

    /**
     * Images one source becomes (the product of the fan-outs).
     *
     * @throws TooManyOutputsException when that is more than {@code maxOutputs}; checked after every step, so the
     *         running product never exceeds {@code maxOutputs * 20} and cannot overflow
     */
    public static int outputsPerSource(List<? extends OperationSpec> operations, int maxOutputs) {
        long images = 1;
        for (OperationSpec op : operations) {
            images = Math.multiplyExact(images, (long) op.outputsPerInput());
            if (images > maxOutputs) {
                throw new TooManyOutputsException(maxOutputs);
            }
        }
        return (int) images;
    }

    /** Credits for one source: the images each step produces, summed (at most operations x maxOutputs). */
    public static int creditsPerSource(List<? extends OperationSpec> operations, int maxOutputs) {
        outputsPerSource(operations, maxOutputs);
        long images = 1;
        long credits = 0;
        for (OperationSpec op : operations) {
            images = Math.multiplyExact(images, (long) op.outputsPerInput());
            credits = Math.addExact(credits, images);
        }
        return Math.toIntExact(credits);
    }

    /** Credits for one source under the default output cap. */
    public static int creditsPerSource(List<? extends OperationSpec> operations) {
        return creditsPerSource(operations, DEFAULT_MAX_OUTPUTS);
    }

    public static int creditsFor(List<? extends OperationSpec> operations, int sources) {
        return Math.multiplyExact(creditsPerSource(operations), sources);
    }

    public static CreditEstimate estimate(List<? extends OperationSpec> operations) {
        return estimate(operations, DEFAULT_MAX_OUTPUTS);
    }

    /** The cost, the cheapest order's cost and the hint; refuses a configuration over {@code maxOutputs}. */
    public static CreditEstimate estimate(List<? extends OperationSpec> operations, int maxOutputs) {
        int current = creditsPerSource(operations, maxOutputs);
        List<OperationSpec> sorted = new ArrayList<>(operations);
        sorted.sort(Comparator.comparingInt(OperationSpec::outputsPerInput)); // stable: equal fan-outs keep their order
        int cheapest = creditsPerSource(sorted, maxOutputs); // same product, so within the cap too
        if (cheapest >= current) {
            return new CreditEstimate(current, current, Optional.empty());
        }
        String hint;
        if (operations.size() == 2) {
            hint = "put " + sorted.get(0).type() + " before " + sorted.get(1).type() + ": "
                    + cheapest + " instead of " + current + " credits per source";
        } else {
            hint = "order as " + sorted.stream().map(OperationSpec::type).collect(Collectors.joining(", "))
                    + ": " + cheapest + " instead of " + current + " credits per source";
        }
        return new CreditEstimate(current, cheapest, Optional.of(hint));
    }
}
