package io.ghostbay.service;

import io.ghostbay.config.GhostBayConfig;
import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

import java.util.List;

/**
 * Makes staged, fsynced blobs visible: the catalog commit of PutObject and CopyObject. Unconditional
 * writes that arrive while another commit is running are grouped into one transaction
 * ({@link GroupCommit}), so concurrent small PUTs share one forced log write; a conditional write
 * (If-None-Match / If-Match) always commits alone, its condition checked under the key's row lock.
 * Either way a caller returns only after its own version is committed.
 */
@ApplicationScoped
public class VersionCommitter {

    @EJB
    ObjectCatalog catalog;

    @Inject
    GhostBayConfig config;

    @Inject
    PackWriter packWriter;

    private GroupCommit<PendingPut, PutObjectResult> group;

    /**
     * The current batch's puts as placed in the pack, kept while its shared transaction runs, so that when it fails
     * and the batch is committed put by put the bodies are not written a second time. Only the batch's leader uses
     * it, and {@link GroupCommit} runs one batch at a time.
     */
    private final java.util.Map<PendingPut, PendingPut> placedInBatch = new java.util.IdentityHashMap<>();

    @PostConstruct
    void init() {
        group = new GroupCommit<>(new GroupCommit.Committer<>() {
            @Override
            public List<PutObjectResult> commitAll(List<PendingPut> puts) {
                List<PendingPut> placed = packWriter.place(puts);
                placedInBatch.clear();
                for (int i = 0; i < puts.size(); i++) {
                    placedInBatch.put(puts.get(i), placed.get(i));
                }
                List<PutObjectResult> results = catalog.commitPuts(placed);
                placedInBatch.clear();
                return results;
            }

            @Override
            public PutObjectResult commitOne(PendingPut put) {
                // After a failed batch its bodies are already durable in the pack: commit them where they are.
                PendingPut placed = placedInBatch.remove(put);
                if (placed == null) {
                    placed = packWriter.place(List.of(put)).get(0);
                }
                return commitAlone(placed.bucket(), placed.key(), placed.keyBytes(), placed.version(), WriteCondition.NONE);
            }
        }, config.groupCommitMax());
    }

    public PutObjectResult commit(BucketInfo bucket, String key, byte[] keyBytes, NewVersion version, WriteCondition condition) {
        if (!condition.isNone()) {
            return commitAlone(bucket, key, keyBytes, version, condition);
        }
        return group.submit(new PendingPut(bucket, key, keyBytes, version));
    }

    /**
     * Commits an unconditional write of a small object whose body is still in memory: the group's leader appends it
     * to the pack with the other bodies of its batch, one fsync for all, and then commits the batch's versions.
     */
    public PutObjectResult commitPacked(BucketInfo bucket, String key, byte[] keyBytes, NewVersion version, byte[] body) {
        return group.submit(new PendingPut(bucket, key, keyBytes, version, body));
    }

    /** Catalog transactions that committed unconditional writes so far (a write committed alone counts as one). */
    public long commitBatches() {
        return group.batches();
    }

    /** Unconditional writes committed (or failed) so far: divided by {@link #commitBatches}, the mean batch size. */
    public long commitWrites() {
        return group.jobs();
    }

    private PutObjectResult commitAlone(BucketInfo bucket, String key, byte[] keyBytes, NewVersion version, WriteCondition condition) {
        try {
            return catalog.commitPut(bucket, key, keyBytes, version, condition);
        } catch (EJBException | PersistenceException e) {
            // A concurrent writer created the key's entry first: retry once, now under its row lock.
            try {
                return catalog.commitPut(bucket, key, keyBytes, version, condition);
            } catch (EJBException | PersistenceException again) {
                throw S3Exception.of(condition.isNone() ? S3ErrorCode.INTERNAL_ERROR : S3ErrorCode.CONDITIONAL_REQUEST_CONFLICT,
                        condition.isNone() ? "The catalog could not record the object." : S3ErrorCode.CONDITIONAL_REQUEST_CONFLICT.defaultMessage(),
                        again);
            }
        }
    }
}
