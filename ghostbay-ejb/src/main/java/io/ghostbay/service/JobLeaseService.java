package io.ghostbay.service;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

/**
 * Leases in the catalog (gb_job_lease) so that, of several servers sharing one catalog, only one runs a
 * given sweep at a time. A lease is taken when it is free or expired, or renewed by its holder.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class JobLeaseService {

    @PersistenceContext(unitName = "ghostbay")
    EntityManager em;

    /** Takes or renews the lease; false when another holder has it (also when another server just created it). */
    public boolean tryAcquire(String job, String holder, long ttlMillis) {
        long now = System.currentTimeMillis();
        int updated = em.createNativeQuery("UPDATE gb_job_lease SET holder = ?, expires_ms = ? WHERE job_name = ?"
                        + " AND (expires_ms < ? OR holder = ?)")
                .setParameter(1, holder).setParameter(2, now + ttlMillis).setParameter(3, job).setParameter(4, now)
                .setParameter(5, holder).executeUpdate();
        if (updated == 1) {
            return true;
        }
        Number existing = (Number) em.createNativeQuery("SELECT COUNT(*) FROM gb_job_lease WHERE job_name = ?")
                .setParameter(1, job).getSingleResult();
        if (existing.longValue() > 0) {
            return false;
        }
        try {
            em.createNativeQuery("INSERT INTO gb_job_lease (job_name, holder, expires_ms) VALUES (?, ?, ?)")
                    .setParameter(1, job).setParameter(2, holder).setParameter(3, now + ttlMillis).executeUpdate();
            return true;
        } catch (PersistenceException e) {
            // Another server inserted the lease row first; this transaction is rolled back by the container.
            return false;
        }
    }
}
