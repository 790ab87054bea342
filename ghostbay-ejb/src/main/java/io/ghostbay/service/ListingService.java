package io.ghostbay.service;

import io.ghostbay.catalog.Account;
import io.ghostbay.catalog.migration.MigrationRunner;
import io.ghostbay.s3.ObjectKeys;
import io.ghostbay.s3.S3Operation;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;
import jakarta.annotation.Resource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * ListObjects and ListObjectsV2 as seeks on the (bucket_id, key_bytes) index: each query starts at a
 * key and reads at most one page. With a delimiter, a key that rolls up into a CommonPrefix makes the
 * next query start past every key under that prefix, so a prefix costs one query, not one row per key.
 *
 * <p>Batch sizes adapt to what the keys look like: a batch that ended inside a common prefix is
 * followed by a small one (the next key is probably another prefix, and reading the rest of a big
 * prefix's keys would be wasted), a batch of plain keys by one twice as large (up to the page). So a
 * page of 1,000 common prefixes costs about 1,000 one- or two-row index seeks, and a page of 1,000
 * keys a handful of queries. The seeks of one page run on one JDBC connection with one prepared
 * statement per shape: on the embedded catalog a seek is then tens of microseconds, where a JPA native
 * query per seek costs several times that.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ListingService {
    public static final int MAX_KEYS = 1000;
    /** First batch with a delimiter: enough for a page of short prefixes, little waste on a big one. */
    static final int FIRST_DELIMITED_BATCH = 16;

    /**
     * One seek. The {@code --DERBY-PROPERTIES} comments (ignored by PostgreSQL) pin the plan Derby must use: walk
     * the {@code (bucket_id, key_bytes)} index in key order and look each version up by its primary key, so
     * the ORDER BY needs no sort and FETCH FIRST stops the scan. Without them, once its index statistics had
     * been refreshed on a bucket of a million keys, Derby chose to join everything past {@code from} and sort
     * it: seconds per seek instead of tens of microseconds.
     */
    private static final String PAGE_SQL = "SELECT e.object_key, e.key_bytes, v.size_bytes, v.etag, v.created_ms"
            + " FROM --DERBY-PROPERTIES joinOrder=FIXED\n"
            + " gb_object_entry e --DERBY-PROPERTIES constraint=uk_object_entry\n"
            + " , gb_object_version v --DERBY-PROPERTIES joinStrategy=NESTEDLOOP\n"
            + " WHERE v.id = e.current_version_id AND e.bucket_id = ? AND e.key_bytes >= ?%s"
            + " AND v.delete_marker = FALSE ORDER BY e.key_bytes FETCH FIRST ? ROWS ONLY";
    private static final String UNBOUNDED_SQL = String.format(PAGE_SQL, "");
    private static final String BOUNDED_SQL = String.format(PAGE_SQL, " AND e.key_bytes < ?");

    @EJB
    BucketService buckets;

    @Resource(lookup = "jdbc/ghostbay")
    DataSource dataSource;

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
        int batch = delimiter == null ? Integer.MAX_VALUE : FIRST_DELIMITED_BATCH;
        try (Connection c = maxKeys > 0 ? dataSource.getConnection() : null;
             PreparedStatement seek = maxKeys > 0 ? prepareSeek(c, upper != null, delimiter != null) : null) {
            boolean multiSeek = seek != null && delimiter != null && isPostgres(c);
            scan:
            while (maxKeys > 0) {
                int want = maxKeys - contents.size() - prefixes.size() + 1;
                int limit = multiSeek ? want : Math.min(want, batch);
                int rowCount = 0;
                int itemsBefore = contents.size() + prefixes.size();
                byte[] skipping = null; // the common prefix whose remaining keys this batch is passing over
                if (multiSeek) {
                    bindMultiSeek(seek, bucket.id(), from, upper, prefixBytes.length, delimiter.getBytes(StandardCharsets.UTF_8), limit);
                } else {
                    seek.setLong(1, bucket.id());
                    seek.setBytes(2, from);
                    int next = 3;
                    if (upper != null) {
                        seek.setBytes(next++, upper);
                    }
                    seek.setInt(next, limit);
                }
                try (ResultSet rows = seek.executeQuery()) {
                    while (rows.next()) {
                        rowCount++;
                        byte[] keyBytes = rows.getBytes(2);
                        if (skipping != null && startsWith(keyBytes, skipping)) {
                            continue;
                        }
                        skipping = null;
                        if (contents.size() + prefixes.size() == maxKeys) {
                            truncated = true;
                            break scan;
                        }
                        String key = rows.getString(1);
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
                        contents.add(new ListObjectsPage.Entry(key, rows.getLong(3), rows.getString(4), rows.getLong(5)));
                        lastItem = key;
                        from = ObjectKeys.successor(keyBytes);
                    }
                }
                if (skipping != null) {
                    // The batch ended inside a common prefix: seek past all of its keys in one step, with
                    // a next batch as large as the number of items this one gave (one row per seek while
                    // prefixes follow each other: the rest of a prefix's keys are never read).
                    from = ObjectKeys.prefixUpperBound(skipping);
                    if (from == null) {
                        break;
                    }
                    batch = Math.max(1, contents.size() + prefixes.size() - itemsBefore);
                    continue;
                }
                if (rowCount < limit) {
                    break;
                }
                batch = batch >= Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE : batch * 2;
            }
        } catch (SQLException e) {
            throw S3Exception.of(S3ErrorCode.INTERNAL_ERROR, "The catalog could not be listed.", e);
        }
        return new ListObjectsPage(contents, prefixes, truncated, truncated ? lastItem : null, owner.getId(),
                owner.getCanonicalId(), owner.getDisplayName());
    }

    /** Whether the catalog is PostgreSQL; looked up once per bean instance (the data source does not change). */
    private Boolean postgres;

    private boolean isPostgres(Connection c) throws SQLException {
        if (postgres == null) {
            postgres = MigrationRunner.Dialect.of(c.getMetaData()) == MigrationRunner.Dialect.POSTGRES;
        }
        return postgres;
    }

    private PreparedStatement prepareSeek(Connection c, boolean bounded, boolean delimited) throws SQLException {
        if (delimited && isPostgres(c)) {
            return c.prepareStatement(bounded ? BOUNDED_MULTI_SEEK_SQL : UNBOUNDED_MULTI_SEEK_SQL);
        }
        return c.prepareStatement(bounded ? BOUNDED_SQL : UNBOUNDED_SQL);
    }

    /**
     * PostgreSQL with a delimiter: all the seeks of a batch in one statement, a recursive query that finds
     * the first key at or after {@code from}, then repeatedly the first key past the previous one's common
     * prefix (or past the previous key, when it has no delimiter after the listing prefix); the same
     * seeks as the one-row loop on Derby, without a round trip each. A common prefix ends with the
     * delimiter, whose last UTF-8 byte is at most 0xBF, so its upper bound is the prefix with that byte
     * plus one.
     */
    private static final String MULTI_SEEK_SQL = "WITH RECURSIVE walk(n, key_bytes, object_key, size_bytes, etag, created_ms) AS ("
            + " (SELECT 1, e.key_bytes, e.object_key, v.size_bytes, v.etag, v.created_ms"
            + "  FROM gb_object_entry e JOIN gb_object_version v ON v.id = e.current_version_id"
            + "  WHERE e.bucket_id = ? AND e.key_bytes >= ?%1$s AND v.delete_marker = FALSE ORDER BY e.key_bytes LIMIT 1)"
            + " UNION ALL"
            + " SELECT w.n + 1, x.key_bytes, x.object_key, x.size_bytes, x.etag, x.created_ms"
            + " FROM walk w"
            + " CROSS JOIN LATERAL (SELECT position(CAST(? AS bytea) IN substring(w.key_bytes FROM CAST(? AS int) + 1)) AS p) d"
            + " CROSS JOIN LATERAL (SELECT CAST(? AS int) + d.p + length(CAST(? AS bytea)) - 1 AS cut) c"
            + " CROSS JOIN LATERAL (SELECT CASE WHEN d.p > 0"
            + "   THEN set_byte(substring(w.key_bytes FROM 1 FOR c.cut), c.cut - 1, get_byte(w.key_bytes, c.cut - 1) + 1)"
            + "   ELSE w.key_bytes || '\\x00'::bytea END AS next_from) f"
            + " CROSS JOIN LATERAL (SELECT e.key_bytes, e.object_key, v.size_bytes, v.etag, v.created_ms"
            + "  FROM gb_object_entry e JOIN gb_object_version v ON v.id = e.current_version_id"
            + "  WHERE e.bucket_id = ? AND e.key_bytes >= f.next_from%1$s AND v.delete_marker = FALSE"
            + "  ORDER BY e.key_bytes LIMIT 1) x"
            + " WHERE w.n < ?)"
            + " SELECT object_key, key_bytes, size_bytes, etag, created_ms FROM walk ORDER BY n";
    private static final String UNBOUNDED_MULTI_SEEK_SQL = String.format(MULTI_SEEK_SQL, "");
    private static final String BOUNDED_MULTI_SEEK_SQL = String.format(MULTI_SEEK_SQL, " AND e.key_bytes < ?");

    private static void bindMultiSeek(PreparedStatement seek, long bucketId, byte[] from, byte[] upper, int prefixLength,
                                      byte[] delimiter, int limit) throws SQLException {
        int i = 1;
        seek.setLong(i++, bucketId);
        seek.setBytes(i++, from);
        if (upper != null) {
            seek.setBytes(i++, upper);
        }
        seek.setBytes(i++, delimiter);
        seek.setInt(i++, prefixLength);
        seek.setInt(i++, prefixLength);
        seek.setBytes(i++, delimiter);
        seek.setLong(i++, bucketId);
        if (upper != null) {
            seek.setBytes(i++, upper);
        }
        seek.setInt(i, limit);
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && java.util.Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }
}
