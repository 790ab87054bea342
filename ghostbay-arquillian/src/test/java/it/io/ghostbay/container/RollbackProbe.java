package it.io.ghostbay.container;

import io.ghostbay.catalog.Bucket;
import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;
import io.ghostbay.service.Caller;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Test-only EJB: writes a catalog row, flushes it, then fails with an S3Exception in the same transaction. */
@Stateless
public class RollbackProbe {

    @PersistenceContext(unitName = "ghostbay")
    EntityManager em;

    public void createBucketThenFail(Caller caller, String name) {
        em.persist(new Bucket(name, caller.accountId(), "us-east-1", System.currentTimeMillis()));
        em.flush();
        throw S3Exception.of(S3ErrorCode.INTERNAL_ERROR, "probe failure after a flushed insert");
    }
}
