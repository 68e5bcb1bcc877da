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
 */
public final class CreditCalculator {

    private CreditCalculator() {
    }

    public static int creditsPerSource(List<? extends OperationSpec> operations) {
        long images = 1;
        long credits = 0;
        for (OperationSpec op : operations) {
            images *= op.outputsPerInput();
            credits += images;
        }
        return Math.toIntExact(credits);
    }

    public static int creditsFor(List<? extends OperationSpec> operations, int sources) {
        return Math.multiplyExact(creditsPerSource(operations), sources);
    }

    public static CreditEstimate estimate(List<? extends OperationSpec> operations) {
        int current = creditsPerSource(operations);
        List<OperationSpec> sorted = new ArrayList<>(operations);
        sorted.sort(Comparator.comparingInt(OperationSpec::outputsPerInput)); // stable: equal fan-outs keep their order
        int cheapest = creditsPerSource(sorted);
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
