package com.imagecogni.support;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.stream.Stream;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PoolArenaMetric;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.internal.PlatformDependent;
import io.vertx.core.buffer.impl.VertxByteBufAllocator;

/**
 * Memory this JVM holds after a full collection: heap in use, direct (off-heap) memory reserved,
 * and of that the part Netty's buffer pools have handed out and not had back — the rest of a
 * pool's memory is free chunks it keeps for reuse, a fixed amount that does not grow with traffic.
 */
public final class MemoryProbe {

    private static final long MIB = 1024 * 1024;

    private MemoryProbe() {
    }

    /** One reading, in bytes. */
    public record Reading(long heap, long direct, long directInUse) {
        @Override
        public String toString() {
            return String.format("heap %d MiB, direct %d MiB (%d MiB of it in use)", heap / MIB, direct / MIB,
                    directInUse / MIB);
        }
    }

    /** Collects a few times, keeping the lowest readings so an allocation racing a collection does not count. */
    public static Reading afterCollection() {
        long heap = Long.MAX_VALUE;
        long direct = Long.MAX_VALUE;
        long inUse = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            heap = Math.min(heap, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            direct = Math.min(direct, direct());
            inUse = Math.min(inUse, pooledDirectInUse());
        }
        return new Reading(heap, direct, inUse);
    }

    private static long direct() {
        long used = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                used += pool.getMemoryUsed();
            }
        }
        // Netty's own direct buffers (allocated without a Cleaner) are not in the JVM's pool; it counts them itself
        return used + Math.max(0, PlatformDependent.usedDirectMemory());
    }

    /** Direct bytes handed out by the pools Vert.x writes through (its own, and Netty's default when shared). */
    private static long pooledDirectInUse() {
        long active = 0;
        // distinct: with vertx.reuseNettyAllocators both are the same pool
        for (ByteBufAllocator allocator : Stream.of(VertxByteBufAllocator.POOLED_ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .distinct().toList()) {
            if (allocator instanceof PooledByteBufAllocator pooled) {
                for (PoolArenaMetric arena : pooled.metric().directArenas()) {
                    active += Math.max(0, arena.numActiveBytes());
                }
            }
        }
        return active;
    }
}
