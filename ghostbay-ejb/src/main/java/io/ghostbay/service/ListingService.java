package io.ghostbay.service;

import io.ghostbay.catalog.Account;
import io.ghostbay.s3.ObjectKeys;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * ListObjects and ListObjectsV2 as seeks on the (bucket_id, key_bytes) index: each query starts at a
 * key and reads at most one page. With a delimiter, a key that rolls up into a CommonPrefix makes the
 * next query start past every key under that prefix, so a prefix costs one query, not one row per key.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ListingService {
    public static final int MAX_KEYS = 1000;

    @PersistenceContext(unitName = "ghostbay")
    EntityManager em;

    @EJB
    BucketService buckets;

    public ListObjectsPage listObjects(Caller caller, ListObjectsQuery query) {
        BucketInfo bucket = buckets.requireBucket(caller, query.bucket());
        Account owner = buckets.owner(bucket);
        String prefix = query.prefix() == null ? "" : query.prefix();
        String delimiter = query.delimiter() == null || query.delimiter().isEmpty() ? null : query.delimiter();
        int maxKeys = Math.max(0, Math.min(query.maxKeys(), MAX_KEYS));
        byte[] prefixBytes = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] upper = prefixBytes.length == 0 ? null : ObjectKeys.prefixUpperBound(prefixBytes);
        byte[] marker = query.startAfter() == null || query.startAfter().isEmpty() ? null
                : query.startAfter().getBytes(StandardCharsets.UTF_8);

        byte[] from = prefixBytes;
        if (marker != null && ObjectKeys.compare(ObjectKeys.successor(marker), from) > 0) {
            from = ObjectKeys.successor(marker);
        }
        List<ListObjectsPage.Entry> contents = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String lastItem = null;
        boolean truncated = false;
        scan:
        while (maxKeys > 0) {
            int want = maxKeys - contents.size() - prefixes.size() + 1;
            List<Object[]> rows = page(bucket.id(), from, upper, want);
            for (Object[] row : rows) {
                String key = (String) row[0];
                byte[] keyBytes = (byte[]) row[1];
                if (contents.size() + prefixes.size() == maxKeys) {
                    truncated = true;
                    break scan;
                }
                if (delimiter != null) {
                    int idx = key.indexOf(delimiter, prefix.length());
                    if (idx >= 0) {
                        String commonPrefix = key.substring(0, idx + delimiter.length());
                        byte[] cpBytes = commonPrefix.getBytes(StandardCharsets.UTF_8);
                        // A prefix at or before the marker was already returned on an earlier page.
                        if (marker == null || ObjectKeys.compare(cpBytes, marker) > 0) {
                            prefixes.add(commonPrefix);
                            lastItem = commonPrefix;
                        }
                        byte[] next = ObjectKeys.prefixUpperBound(cpBytes);
                        if (next == null) {
                            break scan;
                        }
                        from = next;
                        continue scan;
                    }
                }
                contents.add(new ListObjectsPage.Entry(key, ((Number) row[2]).longValue(), (String) row[3],
                        ((Number) row[4]).longValue()));
                lastItem = key;
                from = ObjectKeys.successor(keyBytes);
            }
            if (rows.size() < want) {
                break;
            }
        }
        return new ListObjectsPage(contents, prefixes, truncated, truncated ? lastItem : null, owner.getId(),
                owner.getCanonicalId(), owner.getDisplayName());
    }

    private List<Object[]> page(long bucketId, byte[] from, byte[] upper, int limit) {
        String jpql = "SELECT e.objectKey, e.keyBytes, v.size, v.etag, v.createdMs FROM ObjectEntry e, ObjectVersion v"
                + " WHERE e.bucketId = :b AND e.keyBytes >= :from" + (upper == null ? "" : " AND e.keyBytes < :upper")
                + " AND v.id = e.currentVersionId AND v.deleteMarker = FALSE ORDER BY e.keyBytes";
        TypedQuery<Object[]> q = em.createQuery(jpql, Object[].class).setParameter("b", bucketId).setParameter("from", from);
        if (upper != null) {
            q.setParameter("upper", upper);
        }
        return q.setMaxResults(limit).getResultList();
    }
}
