package io.ghostbay.storage;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A small, lossy memory of which blobs were read a moment ago: a fixed table indexed by the blob id's hash,
 * one (id, time) per slot. A collision forgets the older blob, which only means that blob's next read is
 * taken for a first one. No lock, no growth, no clean-up.
 */
final class RecentReads {
    private record Read(String blobId, long atNanos) {
    }

    private final AtomicReferenceArray<Read> slots;
    private final long windowNanos;

    RecentReads(int slots, long windowNanos) {
        this.slots = new AtomicReferenceArray<>(slots);
        this.windowNanos = windowNanos;
    }

    /**
     * Records a read of {@code blobId} at {@code nowNanos}; true when no read of it is remembered from the last
     * window (a first read), false when it was read within the window (a hot blob).
     */
    boolean firstReadIn(String blobId, long nowNanos) {
        int slot = Math.floorMod(blobId.hashCode(), slots.length());
        Read previous = slots.getAndSet(slot, new Read(blobId, nowNanos));
        return previous == null || !previous.blobId().equals(blobId) || nowNanos - previous.atNanos() > windowNanos;
    }
}
