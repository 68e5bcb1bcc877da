package com.imagecogni.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Which decoder fuzz targets a bounded fuzzing run fuzzes: with {@code -Dfuzz.rotation=N}, every N-th target of the
 * sorted list, a different share each day (UTC), so N consecutive days fuzz them all while one run pays for 1/N of
 * the JVMs. Each target's regression inputs still run every time (the {@code decoder-fuzz-regression} execution does
 * not use this condition). {@code -Dfuzz.rotation=1} fuzzes every target.
 */
public final class FuzzRotation implements ExecutionCondition {

    static final String SUFFIX = "DecoderFuzzTest";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        int rotation = Integer.getInteger("fuzz.rotation", 1);
        Class<?> target = context.getTestClass().orElse(null);
        if (rotation <= 1 || context.getTestMethod().isPresent() || target == null
                || !target.getSimpleName().endsWith(SUFFIX)) {
            return ConditionEvaluationResult.enabled("every fuzz target runs");
        }
        List<String> targets = targets(target);
        int index = targets.indexOf(target.getName());
        int share = Math.floorMod(LocalDate.now(ZoneOffset.UTC).toEpochDay(), rotation);
        return chosen(index, rotation, share)
                ? ConditionEvaluationResult.enabled("fuzzed today: share " + share + " of " + rotation)
                : ConditionEvaluationResult.disabled("fuzzed on another day: target " + (index + 1) + " of "
                        + targets.size() + ", today's share is " + share + " of " + rotation + " (-Dfuzz.rotation=1 fuzzes all)");
    }

    static boolean chosen(int index, int rotation, int share) {
        return index < 0 || index % rotation == share;
    }

    /** Every fuzz target class beside this one on the test class path, by name. */
    static List<String> targets(Class<?> target) {
        try {
            Path root = Path.of(target.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (Stream<Path> files = Files.walk(root)) {
                return files.map(root::relativize).map(Path::toString)
                        .filter(name -> name.endsWith(SUFFIX + ".class"))
                        .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                        .sorted().toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
