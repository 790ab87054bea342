package it.io.ghostbay.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ghostbay.acl.AclHeaders;
import io.ghostbay.catalog.migration.MigrationRunner;
import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;
import io.ghostbay.s3.S3Operation;
import io.ghostbay.service.AccessKeyService;
import io.ghostbay.service.BucketService;
import io.ghostbay.service.Caller;
import io.ghostbay.service.ObjectMetadata;
import io.ghostbay.service.ObjectService;
import io.ghostbay.service.PutObjectCommand;
import io.ghostbay.service.PutObjectResult;
import io.ghostbay.service.StoredObject;
import io.ghostbay.service.WriteCondition;
import io.ghostbay.storage.BlobStore;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs inside Liberty against the real catalog (Derby): what the container guarantees about
 * S3Exception (an application exception with rollback) and about failed writes.
 */
@ExtendWith(ArquillianExtension.class)
class CatalogTransactionsArquillianIT {

    @Deployment
    static WebArchive deployment() {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "ghostbay-arq.war")
                .addPackages(true, "io.ghostbay")
                .addClass(RollbackProbe.class)
                .addAsResource("META-INF/persistence.xml")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
        for (String script : MigrationRunner.scripts()) {
            war.addAsResource("db/migration/" + script);
        }
        return war;
    }

    @EJB
    BucketService buckets;

    @EJB
    ObjectService objects;

    @EJB
    AccessKeyService accessKeys;

    @EJB
    RollbackProbe probe;

    @Inject
    BlobStore blobs;

    private Caller root;
    private String bucket;

    @BeforeEach
    void setUp() {
        root = accessKeys.findActive("GBARQROOTKEY").orElseThrow().caller();
        bucket = "arq-" + UUID.randomUUID().toString().substring(0, 8);
        buckets.createBucket(root, bucket, null, null, AclHeaders.Requested.NONE);
    }

    @Test
    void s3ExceptionFromAnEjbArrivesUnwrapped() {
        S3Exception e = assertThrows(S3Exception.class, () -> buckets.requireBucket(root, "no-such-bucket-here", S3Operation.HEAD_BUCKET, null));
        assertEquals(S3ErrorCode.NO_SUCH_BUCKET, e.code());
    }

    @Test
    void s3ExceptionRollsTheTransactionBack() {
        String name = "arq-rolled-" + UUID.randomUUID().toString().substring(0, 8);
        S3Exception e = assertThrows(S3Exception.class, () -> probe.createBucketThenFail(root, name));
        assertEquals(S3ErrorCode.INTERNAL_ERROR, e.code());
        // The insert was flushed before the exception: only a rollback can have removed it.
        assertEquals(S3ErrorCode.NO_SUCH_BUCKET, assertThrows(S3Exception.class, () -> buckets.requireBucket(root, name, S3Operation.HEAD_BUCKET, null)).code());
    }

    @Test
    void putWithWrongContentMd5LeavesNoCatalogRowAndNoBlob() throws IOException {
        long blobsBefore = countFiles(blobs.root().resolve("blobs"));
        S3Exception e = assertThrows(S3Exception.class, () -> put("fresh", "payload", "1B2M2Y8AsgTpgAmY7PhCfg=="));
        assertEquals(S3ErrorCode.BAD_DIGEST, e.code());
        assertEquals(S3ErrorCode.NO_SUCH_KEY, assertThrows(S3Exception.class, () -> objects.getObject(root, bucket, "fresh")).code());
        assertEquals(blobsBefore, countFiles(blobs.root().resolve("blobs")), "no blob left behind");
        assertEquals(0, countFiles(blobs.root().resolve("staging")), "no staging file left behind");
    }

    @Test
    void failedWritesLeaveThePreviousObjectIntact() throws IOException {
        PutObjectResult first = put("k", "version one", null);
        long blobsBefore = countFiles(blobs.root().resolve("blobs"));

        assertEquals(S3ErrorCode.BAD_DIGEST, assertThrows(S3Exception.class, () -> put("k", "version two", "1B2M2Y8AsgTpgAmY7PhCfg==")).code());
        PutObjectCommand conditional = command("k", "version three", null, new WriteCondition(true, null));
        assertEquals(S3ErrorCode.PRECONDITION_FAILED, assertThrows(S3Exception.class,
                () -> objects.putObject(root, conditional, body("version three"))).code());

        StoredObject current = objects.getObject(root, bucket, "k");
        assertEquals(first.etag(), current.etag());
        assertEquals("version one".length(), current.size());
        assertEquals(blobsBefore, countFiles(blobs.root().resolve("blobs")), "rejected bodies were discarded");
        assertTrue(current.isPacked(), "a small object is stored in a pack");
        assertTrue(blobs.packExists(current.blobId()), "the current version's pack is still there");
        assertEquals("version one", new String(read(current), StandardCharsets.UTF_8), "and holds its bytes");
    }

    private byte[] read(StoredObject object) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (io.ghostbay.storage.BlobRangeReader reader = objects.openRange(object, 0, object.size() - 1)) {
            reader.writeTo(out);
        }
        return out.toByteArray();
    }

    private PutObjectResult put(String key, String content, String contentMd5) {
        return objects.putObject(root, command(key, content, contentMd5, WriteCondition.NONE), body(content));
    }

    private PutObjectCommand command(String key, String content, String contentMd5, WriteCondition condition) {
        ObjectMetadata metadata = new ObjectMetadata("text/plain", null, null, null, null, null, Map.of());
        return new PutObjectCommand(bucket, key, metadata, content.getBytes(StandardCharsets.UTF_8).length, contentMd5,
                null, null, false, Map::of, condition, AclHeaders.Requested.NONE, null);
    }

    private static ByteArrayInputStream body(String content) {
        return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }

    private static long countFiles(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
