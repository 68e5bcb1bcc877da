package com.imagecogni.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Seeded mutations of a seed file: bit flips, interesting bytes, truncation, inserted or duplicated chunks, header fields. */
final class FuzzMutator {

    /** A mutated file and a readable trace of what was done to it, so a failure can be understood without re-running. */
    record Mutant(byte[] bytes, List<String> trace) {
    }

    private static final int[] INTERESTING_BYTES = {0x00, 0xFF, 0x7F, 0x80};

    private final Random random;

    FuzzMutator(Random random) {
        this.random = random;
    }

    /** One to three stacked mutations; stacking reaches states a single change cannot, such as a big size plus a cut. */
    Mutant mutate(FuzzSeeds.Seed seed) {
        byte[] bytes = seed.bytes().clone();
        List<String> trace = new ArrayList<>();
        int roll = random.nextInt(10);
        int count = roll < 7 ? 1 : roll < 9 ? 2 : 3;
        for (int i = 0; i < count && bytes.length > 0; i++) {
            bytes = switch (random.nextInt(6)) {
                case 0 -> flipBits(bytes, trace);
                case 1 -> interestingBytes(bytes, trace);
                case 2 -> truncate(bytes, trace);
                case 3 -> insertRandom(bytes, trace);
                case 4 -> duplicateChunk(bytes, trace);
                default -> corruptField(bytes, seed.fields(), trace);
            };
        }
        return new Mutant(bytes, trace);
    }

    private byte[] flipBits(byte[] b, List<String> trace) {
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips; i++) {
            int pos = random.nextInt(b.length);
            int bit = random.nextInt(8);
            b[pos] ^= (byte) (1 << bit);
            trace.add("flip@" + pos + "." + bit);
        }
        return b;
    }

    private byte[] interestingBytes(byte[] b, List<String> trace) {
        int writes = 1 + random.nextInt(4);
        for (int i = 0; i < writes; i++) {
            int pos = random.nextInt(b.length);
            int value = INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)];
            b[pos] = (byte) value;
            trace.add(String.format("set@%d=0x%02X", pos, value));
        }
        return b;
    }

    private byte[] truncate(byte[] b, List<String> trace) {
        int keep = random.nextInt(b.length);
        trace.add("truncate@" + keep);
        return Arrays.copyOf(b, keep);
    }

    private byte[] insertRandom(byte[] b, List<String> trace) {
        byte[] chunk = new byte[1 + random.nextInt(64)];
        random.nextBytes(chunk);
        int at = random.nextInt(b.length + 1);
        trace.add("insert@" + at + "+" + chunk.length);
        return splice(b, at, chunk);
    }

    private byte[] duplicateChunk(byte[] b, List<String> trace) {
        int from = random.nextInt(b.length);
        int length = 1 + random.nextInt(Math.min(512, b.length - from));
        int at = random.nextInt(b.length + 1);
        trace.add("dup[" + from + "+" + length + "]@" + at);
        return splice(b, at, Arrays.copyOfRange(b, from, from + length));
    }

    /** Writes an extreme or random value into a width, height, size or offset field of the header. */
    private byte[] corruptField(byte[] b, List<FuzzSeeds.Field> fields, List<String> trace) {
        FuzzSeeds.Field field = fields.get(random.nextInt(fields.size()));
        if (field.offset() + field.length() > b.length) {
            return b; // an earlier truncation removed it
        }
        long max = field.length() == 8 ? -1L : (1L << (8 * field.length())) - 1;
        long value = switch (random.nextInt(6)) {
            case 0 -> max;
            case 1 -> max >>> 1; // the largest positive signed value
            case 2 -> (max >>> 1) + 1; // the smallest negative signed value
            case 3 -> 0;
            case 4 -> Math.min(max, 30_000L + random.nextInt(40_000)); // large but plausible
            default -> random.nextLong() & max;
        };
        for (int i = 0; i < field.length(); i++) {
            int shift = 8 * (field.littleEndian() ? i : field.length() - 1 - i);
            b[field.offset() + i] = (byte) (value >>> shift);
        }
        trace.add("field@" + field.offset() + "=" + value);
        return b;
    }

    private static byte[] splice(byte[] b, int at, byte[] chunk) {
        byte[] out = new byte[b.length + chunk.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(chunk, 0, out, at, chunk.length);
        System.arraycopy(b, at, out, at + chunk.length, b.length - at);
        return out;
    }
}
