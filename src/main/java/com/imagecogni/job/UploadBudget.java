package com.imagecogni.job;

import java.util.concurrent.atomic.AtomicLong;

import com.imagecogni.common.ImagecogniConfig;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Bounds the upload bytes held in memory at once (between reading the spooled parts and storing
 * them), so many large concurrent uploads are refused with 503 instead of exhausting the heap.
 */
@ApplicationScoped
public class UploadBudget {

    @Inject
    ImagecogniConfig config;

    private final AtomicLong inUse = new AtomicLong();
    private long capacity;

    @PostConstruct
    void init() {
        capacity = config.limits().maxInflightUploadBytes().orElse(Runtime.getRuntime().maxMemory() / 4);
    }

    /** Takes {@code bytes} from the budget, or returns false when that would exceed it. One upload always fits alone. */
    public boolean tryTake(long bytes) {
        while (true) {
            long current = inUse.get();
            if (current > 0 && current + bytes > capacity) {
                return false;
            }
            if (inUse.compareAndSet(current, current + bytes)) {
                return true;
            }
        }
    }

    public void giveBack(long bytes) {
        inUse.addAndGet(-bytes);
    }
}
