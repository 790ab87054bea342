package io.ghostbay.service;

import io.ghostbay.catalog.BlobGarbage;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;

/** The blob garbage queue (gb_blob_garbage), filled by the transactions that unlink blobs. */
@Stateless
public class GarbageService {

    @PersistenceContext(unitName = "ghostbay")
    EntityManager em;

    public List<String> due(long nowMs, int limit) {
        return em.createNamedQuery("BlobGarbage.due", BlobGarbage.class).setParameter("now", nowMs)
                .setMaxResults(limit).getResultList().stream().map(BlobGarbage::getBlobId).toList();
    }

    public void forget(List<String> blobIds) {
        em.createQuery("DELETE FROM BlobGarbage g WHERE g.blobId IN :ids").setParameter("ids", blobIds).executeUpdate();
    }

    /**
     * The ids among {@code blobIds} that nothing in the catalog refers to: no object version, no multipart
     * object segment, no uploaded part, and not already queued as garbage.
     */
    @SuppressWarnings("unchecked")
    public java.util.Set<String> unreferenced(java.util.Collection<String> blobIds) {
        java.util.Set<String> out = new java.util.HashSet<>(blobIds);
        if (out.isEmpty()) {
            return out;
        }
        for (String table : new String[] {"gb_object_version", "gb_version_segment", "gb_upload_part", "gb_blob_garbage"}) {
            StringBuilder sql = new StringBuilder("SELECT blob_id FROM ").append(table).append(" WHERE blob_id IN (");
            for (int i = 0; i < blobIds.size(); i++) {
                sql.append(i == 0 ? "?" : ", ?");
            }
            jakarta.persistence.Query q = em.createNativeQuery(sql.append(')').toString());
            int i = 1;
            for (String id : blobIds) {
                q.setParameter(i++, id);
            }
            for (Object referenced : q.getResultList()) {
                out.remove(String.valueOf(referenced));
            }
        }
        return out;
    }
}
