package io.ghostbay.service;

import io.ghostbay.catalog.Account;
import io.ghostbay.s3.ObjectKeys;
import io.ghostbay.s3.S3Operation;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;

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
        BucketInfo bucket = buckets.requireBucket(caller, query.bucket(), S3Operation.LIST_OBJECTS, null);
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
            byte[] skipping = null; // the common prefix whose remaining keys this batch is passing over
            for (Object[] row : rows) {
                String key = (String) row[0];
                byte[] keyBytes = (byte[]) row[1];
                if (skipping != null && startsWith(keyBytes, skipping)) {
                    continue;
                }
                skipping = null;
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
                        skipping = cpBytes;
                        continue;
                    }
                }
                contents.add(new ListObjectsPage.Entry(key, ((Number) row[2]).longValue(), (String) row[3],
                        ((Number) row[4]).longValue()));
                lastItem = key;
                from = ObjectKeys.successor(keyBytes);
            }
            if (skipping != null) {
                // The batch ended inside a common prefix: seek past all of its keys in one step.
                from = ObjectKeys.prefixUpperBound(skipping);
                if (from == null) {
                    break;
                }
                continue;
            }
            if (rows.size() < want) {
                break;
            }
        }
        return new ListObjectsPage(contents, prefixes, truncated, truncated ? lastItem : null, owner.getId(),
                owner.getCanonicalId(), owner.getDisplayName());
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && java.util.Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    /**
     * One seek on the (bucket_id, key_bytes) index. Native SQL so that the row limit is part of the
     * statement ({@code FETCH FIRST n ROWS ONLY}, understood by Derby and PostgreSQL alike): the
     * database then walks the index from {@code from} and stops, instead of joining every key of the
     * bucket and letting the JDBC driver drop the surplus.
     */
    @SuppressWarnings("unchecked")
    private List<Object[]> page(long bucketId, byte[] from, byte[] upper, int limit) {
        String sql = "SELECT e.object_key, e.key_bytes, v.size_bytes, v.etag, v.created_ms"
                + " FROM gb_object_entry e JOIN gb_object_version v ON v.id = e.current_version_id"
                + " WHERE e.bucket_id = ? AND e.key_bytes >= ?" + (upper == null ? "" : " AND e.key_bytes < ?")
                + " AND v.delete_marker = FALSE ORDER BY e.key_bytes FETCH FIRST ? ROWS ONLY";
        // A constant statement text lets both engines reuse the compiled statement.
        Query q = em.createNativeQuery(sql).setParameter(1, bucketId).setParameter(2, from);
        int next = 3;
        if (upper != null) {
            q.setParameter(next++, upper);
        }
        return q.setParameter(next, limit).getResultList();
    }
}
