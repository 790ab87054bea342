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

    public long pending() {
        return em.createQuery("SELECT COUNT(g) FROM BlobGarbage g", Long.class).getSingleResult();
    }
}
