package io.ghostbay.service;

import io.ghostbay.config.GhostBayConfig;
import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * Reads the current version of a key for GetObject and HeadObject: one indexed join of the entry and its
 * current version, plus one query for the segments of a multipart object, in plain JDBC on one pooled
 * connection and outside any transaction.
 *
 * <p>Why not JPA in a transactional bean, as before: this is the hottest query of the server, and a profile
 * of warm 4 KiB GETs put three quarters of the request's application time inside that call, most of it not
 * in the database but in starting and committing a JTA transaction and in EclipseLink building, and then
 * dropping, an entity (docs/performance.md). Nothing here is written, so no transaction is needed: each
 * statement reads committed rows.
 */
@ApplicationScoped
public class CurrentObjectReader {
    private static final Logger LOG = Logger.getLogger(CurrentObjectReader.class.getName());
    private static final String VERSION_SQL = "SELECT v.id, v.delete_marker, v.version_id, v.blob_id, v.size_bytes,"
            + " v.etag, v.created_ms, v.content_type, v.cache_control, v.content_disposition, v.content_encoding,"
            + " v.content_language, v.expires_header, v.user_metadata, v.checksum_algorithm, v.checksum_value,"
            + " v.checksum_type, v.parts_count, v.corrupt_ms, v.acl, v.blob_offset"
            + " FROM gb_object_entry e JOIN gb_object_version v ON v.id = e.current_version_id"
            + " WHERE e.bucket_id = ? AND e.key_bytes = ?";
    private static final String SEGMENTS_SQL = "SELECT part_number, blob_id, size_bytes, etag, checksum_value"
            + " FROM gb_version_segment WHERE version_ref = ? ORDER BY ordinal";
    /** Reads of a multipart object whose version was replaced between its two queries are retried this often. */
    private static final int ATTEMPTS = 3;

    @Resource(lookup = "jdbc/ghostbay")
    DataSource dataSource;

    @Inject
    GhostBayConfig config;

    /**
     * From ghostbay.catalog.read-concurrency. A reader waiting for its turn holds no catalog locks (its only
     * caller, ObjectService, runs without a transaction and reads before it writes), so the readers inside can
     * never be waiting for it.
     */
    private CatalogReadGate gate;

    @PostConstruct
    void chooseGate() {
        int processors = Runtime.getRuntime().availableProcessors();
        try {
            gate = CatalogReadGate.forSetting(config.catalogReadConcurrency(), processors);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.SEVERE, e.getMessage() + "; using auto");
            gate = CatalogReadGate.forSetting("auto", processors);
        }
        int permits = gate.permits();
        LOG.info(() -> "Catalog reads of GetObject/HeadObject: "
                + (permits == 0 ? "no concurrency limit" : "at most " + permits + " at once, in arrival order"));
    }

    /** The key's current version, or null when it has none or it is a delete marker. */
    public StoredObject find(BucketInfo bucket, String key, byte[] keyBytes) {
        gate.enter();
        try (Connection c = dataSource.getConnection();
             PreparedStatement version = c.prepareStatement(VERSION_SQL)) {
            version.setLong(1, bucket.id());
            version.setBytes(2, keyBytes);
            for (int attempt = 1; ; attempt++) {
                StoredObject found = read(c, version, bucket.name(), key);
                if (found != INCONSISTENT) {
                    return found;
                }
                if (attempt == ATTEMPTS) {
                    throw S3Exception.of(S3ErrorCode.INTERNAL_ERROR, "The object changed while it was being read.");
                }
            }
        } catch (SQLException e) {
            throw S3Exception.of(S3ErrorCode.INTERNAL_ERROR, "The catalog could not be read.", e);
        } finally {
            gate.leave();
        }
    }

    /** Marker for "the segments do not add up to the version": it was replaced between the two statements. */
    private static final StoredObject INCONSISTENT = new StoredObject(null, null, null, null, -1, 0, null, 0, null, null,
            null, null, null, null, false, null);

    private static StoredObject read(Connection c, PreparedStatement version, String bucket, String key)
            throws SQLException {
        long id;
        long size;
        Integer partsCount;
        StoredObject found;
        try (ResultSet r = version.executeQuery()) {
            if (!r.next() || r.getBoolean(2)) {
                return null;
            }
            id = r.getLong(1);
            size = r.getLong(5);
            int parts = r.getInt(18);
            partsCount = r.wasNull() ? null : parts;
            r.getLong(19);
            boolean corrupt = !r.wasNull();
            ObjectMetadata metadata = new ObjectMetadata(r.getString(8), r.getString(9), r.getString(10),
                    r.getString(11), r.getString(12), r.getString(13), UserMetadataCodec.decode(r.getString(14)));
            long packOffset = r.getLong(21);
            if (r.wasNull()) {
                packOffset = -1;
            }
            found = new StoredObject(bucket, key, r.getString(3), r.getString(4), packOffset, size, r.getString(6),
                    r.getLong(7), metadata, r.getString(15), r.getString(16), r.getString(17), partsCount, null,
                    corrupt, r.getString(20));
        }
        if (partsCount == null) {
            return found;
        }
        List<ObjectSegment> segments = new ArrayList<>(partsCount);
        long total = 0;
        try (PreparedStatement s = c.prepareStatement(SEGMENTS_SQL)) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ObjectSegment segment = new ObjectSegment(r.getInt(1), r.getString(2), r.getLong(3),
                            r.getString(4), r.getString(5));
                    segments.add(segment);
                    total += segment.size();
                }
            }
        }
        return segments.size() == partsCount && total == size ? found.withSegments(List.copyOf(segments)) : INCONSISTENT;
    }
}
