package io.ghostbay.service;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;

/**
 * The catalog's record of pack files (gb_pack), each in its own short transaction: a pack is registered OPEN before
 * its file exists; the collector closes (marks DELETING) a pack that no version points into any more, under the row
 * lock that every commit into the pack takes ({@link ObjectCatalog}); the file is deleted once readers that found a
 * version in it just before have had the garbage grace period to finish, and the row is forgotten after that.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class PackCatalog {
    static final String OPEN = "OPEN";
    static final String DELETING = "DELETING";

    @PersistenceContext(unitName = "ghostbay")
    EntityManager em;

    /**
     * Locks the pack's row for the caller's transaction and tells whether the pack is open. Every transaction that
     * points versions into a pack takes this lock first, and so does {@link #closeIfUnused}: the one lock that keeps
     * a pack from being closed under a commit into it.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public boolean lockIfOpen(String packId) {
        return em.createNativeQuery("UPDATE gb_pack SET state = state WHERE pack_id = ? AND state = ?")
                .setParameter(1, packId).setParameter(2, OPEN).executeUpdate() == 1;
    }

    /** Records a new pack as open for commits, before its file is created. */
    public void register(String packId, long nowMs) {
        em.createNativeQuery("INSERT INTO gb_pack (pack_id, state, created_ms) VALUES (?, ?, ?)")
                .setParameter(1, packId).setParameter(2, OPEN).setParameter(3, nowMs).executeUpdate();
    }

    /** An open pack and when it was created. */
    public record PackRow(String packId, long createdMs) {
    }

    /**
     * Open packs created after {@code afterMs} and before {@code beforeMs}, oldest first (the collector walks them
     * with a cursor, so that packs still in use at the front do not hide the ones behind them).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    @SuppressWarnings("unchecked")
    public List<PackRow> openCreatedBetween(long afterMs, long beforeMs, int limit) {
        return ((List<Object[]>) em.createNativeQuery("SELECT pack_id, created_ms FROM gb_pack"
                        + " WHERE state = ? AND created_ms > ? AND created_ms < ? ORDER BY created_ms")
                .setParameter(1, OPEN).setParameter(2, afterMs).setParameter(3, beforeMs).setMaxResults(limit).getResultList())
                .stream().map(r -> new PackRow(String.valueOf(r[0]), ((Number) r[1]).longValue())).toList();
    }

    /**
     * Marks the pack DELETING, to be deleted after {@code deleteAfterMs}, if no object version points into it. The
     * pack's row is locked first, so a commit into the pack that is in flight either finished before the check (and
     * its versions are seen) or fails on the closed pack after it; the check is its own statement, run after the
     * lock is held, so that it sees what such a commit wrote.
     */
    public boolean closeIfUnused(String packId, long deleteAfterMs) {
        if (!lockIfOpen(packId)) {
            return false;
        }
        boolean used = !em.createNativeQuery("SELECT id FROM gb_object_version WHERE blob_id = ?").setParameter(1, packId)
                .setMaxResults(1).getResultList().isEmpty();
        if (used) {
            return false;
        }
        em.createNativeQuery("UPDATE gb_pack SET state = ?, delete_after_ms = ? WHERE pack_id = ?")
                .setParameter(1, DELETING).setParameter(2, deleteAfterMs).setParameter(3, packId).executeUpdate();
        return true;
    }

    /** How much of a pack is still pointed into: versions and their bytes. */
    public record PackUsage(long versions, long liveBytes) {
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public PackUsage usage(String packId) {
        Object[] row = (Object[]) em.createNativeQuery("SELECT COUNT(*), SUM(size_bytes) FROM gb_object_version WHERE blob_id = ?")
                .setParameter(1, packId).getSingleResult();
        return new PackUsage(((Number) row[0]).longValue(), row[1] == null ? 0 : ((Number) row[1]).longValue());
    }

    /** A version whose bytes are in a pack: where, how many, and their MD5 (a packed object's ETag). */
    public record PackedVersion(long id, long offset, long size, String etag) {
    }

    /** Versions pointing into the pack with ids above {@code afterId}, in id order. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    @SuppressWarnings("unchecked")
    public List<PackedVersion> versionsIn(String packId, long afterId, int limit) {
        return ((List<Object[]>) em.createNativeQuery("SELECT id, blob_offset, size_bytes, etag FROM gb_object_version"
                        + " WHERE blob_id = ? AND id > ? ORDER BY id")
                .setParameter(1, packId).setParameter(2, afterId).setMaxResults(limit).getResultList())
                .stream().map(r -> new PackedVersion(((Number) r[0]).longValue(), ((Number) r[1]).longValue(),
                        ((Number) r[2]).longValue(), String.valueOf(r[3]))).toList();
    }

    /**
     * Points versions whose bytes were copied to {@code toPack} at {@code newOffsets} there, each only if it still
     * points where it was copied from (a version replaced meanwhile is left alone, and its copy is dead bytes). The
     * target pack's row is locked first and must be open, as for any commit into a pack. Returns how many moved.
     */
    public int repoint(String fromPack, List<PackedVersion> moved, String toPack, long[] newOffsets) {
        if (!lockIfOpen(toPack)) {
            return 0;
        }
        int count = 0;
        for (int i = 0; i < moved.size(); i++) {
            PackedVersion v = moved.get(i);
            count += em.createNativeQuery("UPDATE gb_object_version SET blob_id = ?, blob_offset = ?"
                            + " WHERE id = ? AND blob_id = ? AND blob_offset = ?")
                    .setParameter(1, toPack).setParameter(2, newOffsets[i]).setParameter(3, v.id())
                    .setParameter(4, fromPack).setParameter(5, v.offset()).executeUpdate();
        }
        return count;
    }

    /** Packs marked DELETING whose grace period has passed: their files can go. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    @SuppressWarnings("unchecked")
    public List<String> deletable(long nowMs, int limit) {
        return ((List<Object>) em.createNativeQuery("SELECT pack_id FROM gb_pack WHERE state = ? AND delete_after_ms < ?")
                .setParameter(1, DELETING).setParameter(2, nowMs).setMaxResults(limit).getResultList())
                .stream().map(String::valueOf).toList();
    }

    /** Forgets a pack whose file is gone. */
    public void forget(String packId) {
        em.createNativeQuery("DELETE FROM gb_pack WHERE pack_id = ? AND state = ?").setParameter(1, packId)
                .setParameter(2, DELETING).executeUpdate();
    }
}
