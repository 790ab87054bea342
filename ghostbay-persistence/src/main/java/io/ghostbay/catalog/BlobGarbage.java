package io.ghostbay.catalog;

import jakarta.persistence.*;

/** A blob that nothing references any more; deleted from disk once {@code eligibleMs} has passed. */
@Entity
@Table(name = "gb_blob_garbage")
@NamedQuery(name = "BlobGarbage.due", query = "SELECT g FROM BlobGarbage g WHERE g.eligibleMs <= :now ORDER BY g.eligibleMs")
public class BlobGarbage {
    @Id
    @Column(name = "blob_id", length = 64)
    private String blobId;

    @Column(name = "enqueued_ms", nullable = false)
    private long enqueuedMs;

    @Column(name = "eligible_ms", nullable = false)
    private long eligibleMs;

    protected BlobGarbage() {
    }

    public BlobGarbage(String blobId, long enqueuedMs, long eligibleMs) {
        this.blobId = blobId;
        this.enqueuedMs = enqueuedMs;
        this.eligibleMs = eligibleMs;
    }

    public String getBlobId() { return blobId; }
    public long getEnqueuedMs() { return enqueuedMs; }
    public long getEligibleMs() { return eligibleMs; }
}
