package it.io.ghostbay.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/** Multipart uploads with the AWS SDK for Java v2 in its default configuration (chunked bodies, CRC32 trailers). */
class MultipartIT extends S3TestBase {
    private static final int MIB = 1024 * 1024;

    private String create(String key) {
        return s3.createMultipartUpload(r -> r.bucket(bucket).key(key).contentType("application/x-test").metadata(java.util.Map.of("m", "v")))
                .uploadId();
    }

    private CompletedPart upload(String key, String uploadId, int partNumber, byte[] data) {
        UploadPartResponse r = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber),
                RequestBody.fromBytes(data));
        assertEquals(quotedMd5(data), r.eTag(), "part ETag is the quoted MD5 of the part");
        return CompletedPart.builder().partNumber(partNumber).eTag(r.eTag()).build();
    }

    private void complete(String key, String uploadId, List<CompletedPart> parts) {
        s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
    }

    private static String multipartEtag(byte[]... parts) throws Exception {
        MessageDigest all = MessageDigest.getInstance("MD5");
        for (byte[] p : parts) {
            all.update(MessageDigest.getInstance("MD5").digest(p));
        }
        return "\"" + HexFormat.of().formatHex(all.digest()) + "-" + parts.length + "\"";
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void uploadCompleteAndReadBackAcrossPartBoundaries() throws Exception {
        byte[] p1 = randomBytes(5 * MIB);
        byte[] p2 = randomBytes(5 * MIB);
        byte[] p3 = randomBytes(MIB + 17);
        String id = create("big");
        List<CompletedPart> parts = List.of(upload("big", id, 1, p1), upload("big", id, 2, p2), upload("big", id, 3, p3));

        ListPartsResponse listed = s3.listParts(r -> r.bucket(bucket).key("big").uploadId(id));
        assertEquals(List.of(1, 2, 3), listed.parts().stream().map(p -> p.partNumber()).toList());
        assertEquals(List.of((long) p1.length, (long) p2.length, (long) p3.length), listed.parts().stream().map(p -> p.size()).toList());
        assertTrue(s3.listMultipartUploads(r -> r.bucket(bucket)).uploads().stream().anyMatch(u -> u.uploadId().equals(id)));

        complete("big", id, parts);
        byte[] whole = concat(p1, p2, p3);
        var head = s3.headObject(r -> r.bucket(bucket).key("big"));
        assertEquals(whole.length, head.contentLength());
        assertEquals(multipartEtag(p1, p2, p3), head.eTag(), "ETag = MD5 of the part MD5s, then -N");
        assertEquals("application/x-test", head.contentType());
        assertEquals("v", head.metadata().get("m"));
        assertArrayEquals(whole, s3.getObjectAsBytes(r -> r.bucket(bucket).key("big")).asByteArray());

        long boundary = p1.length;
        byte[] ranged = s3.getObjectAsBytes(r -> r.bucket(bucket).key("big").range("bytes=" + (boundary - 10) + "-" + (boundary + 2L * MIB))).asByteArray();
        assertArrayEquals(Arrays.copyOfRange(whole, (int) boundary - 10, (int) boundary + 2 * MIB + 1), ranged);
        byte[] tail = s3.getObjectAsBytes(r -> r.bucket(bucket).key("big").range("bytes=-100")).asByteArray();
        assertArrayEquals(Arrays.copyOfRange(whole, whole.length - 100, whole.length), tail);

        assertFalse(s3.listMultipartUploads(r -> r.bucket(bucket)).uploads().stream().anyMatch(u -> u.uploadId().equals(id)),
                "a completed upload is no longer listed");
        assertS3Error(404, "NoSuchUpload", () -> s3.listParts(r -> r.bucket(bucket).key("big").uploadId(id)));
    }

    @Test
    void completionErrorsLeaveTheUploadUsable() throws Exception {
        byte[] small = randomBytes(MIB);
        byte[] last = randomBytes(1000);
        String id = create("k");
        CompletedPart c1 = upload("k", id, 1, small);
        CompletedPart c2 = upload("k", id, 2, last);

        assertS3Error(400, "EntityTooSmall", () -> complete("k", id, List.of(c1, c2)));
        assertS3Error(400, "InvalidPartOrder", () -> complete("k", id, List.of(c2, c1)));
        CompletedPart wrongEtag = CompletedPart.builder().partNumber(2).eTag(quotedMd5(new byte[] {1})).build();
        assertS3Error(400, "InvalidPart", () -> complete("k", id, List.of(wrongEtag)));
        CompletedPart missing = CompletedPart.builder().partNumber(7).eTag(c2.eTag()).build();
        assertS3Error(400, "InvalidPart", () -> complete("k", id, List.of(missing)));
        assertFalse(exists("k"), "nothing visible after failed completions");

        // A single (last) part may be small; an unused uploaded part is simply not part of the object.
        complete("k", id, List.of(c2));
        assertArrayEquals(last, s3.getObjectAsBytes(r -> r.bucket(bucket).key("k")).asByteArray());
        assertEquals(multipartEtag(last), s3.headObject(r -> r.bucket(bucket).key("k")).eTag());
    }

    @Test
    void reuploadingAPartReplacesIt() {
        String id = create("r");
        upload("r", id, 1, "first".getBytes());
        CompletedPart second = upload("r", id, 1, "second".getBytes());
        assertEquals(1, s3.listParts(r -> r.bucket(bucket).key("r").uploadId(id)).parts().size());
        complete("r", id, List.of(second));
        assertArrayEquals("second".getBytes(), s3.getObjectAsBytes(r -> r.bucket(bucket).key("r")).asByteArray());
    }

    @Test
    void abortAndUnknownUploads() {
        String id = create("a");
        upload("a", id, 1, randomBytes(1000));
        s3.abortMultipartUpload(r -> r.bucket(bucket).key("a").uploadId(id));
        assertS3Error(404, "NoSuchUpload", () -> s3.listParts(r -> r.bucket(bucket).key("a").uploadId(id)));
        assertS3Error(404, "NoSuchUpload", () -> upload("a", id, 2, randomBytes(10)));
        assertS3Error(404, "NoSuchUpload", () -> s3.abortMultipartUpload(r -> r.bucket(bucket).key("a").uploadId(id)));
        assertS3Error(404, "NoSuchUpload", () -> complete("a", "no-such-upload", List.of(CompletedPart.builder().partNumber(1).eTag("\"x\"").build())));
        assertS3Error(400, "InvalidArgument", () -> upload("a", create("a"), 10001, randomBytes(10)));
        assertFalse(exists("a"));
    }

    @Test
    void multipartObjectsCanBeOverwrittenCopiedAndDeleted() throws Exception {
        byte[] p1 = randomBytes(5 * MIB);
        byte[] p2 = randomBytes(123);
        String id = create("m");
        complete("m", id, new ArrayList<>(List.of(upload("m", id, 1, p1), upload("m", id, 2, p2))));

        s3.copyObject(r -> r.sourceBucket(bucket).sourceKey("m").destinationBucket(bucket).destinationKey("copy"));
        assertArrayEquals(concat(p1, p2), s3.getObjectAsBytes(r -> r.bucket(bucket).key("copy")).asByteArray());

        put("m", "now a small object");
        assertArrayEquals("now a small object".getBytes(), s3.getObjectAsBytes(r -> r.bucket(bucket).key("m")).asByteArray());
        s3.deleteObject(r -> r.bucket(bucket).key("copy"));
        assertFalse(exists("copy"));
    }

    @Test
    void conditionalCompleteIsAtomicWithTheCatalog() {
        put("c", "existing");
        String id = create("c");
        CompletedPart part = upload("c", id, 1, "replacement".getBytes());
        assertS3Error(412, "PreconditionFailed", () -> s3.completeMultipartUpload(r -> r.bucket(bucket).key("c").uploadId(id)
                .ifNoneMatch("*").multipartUpload(m -> m.parts(part))));
        assertArrayEquals("existing".getBytes(), s3.getObjectAsBytes(r -> r.bucket(bucket).key("c")).asByteArray(),
                "the existing object is untouched");
        // The upload survives a failed condition and can still complete unconditionally.
        complete("c", id, List.of(part));
        assertArrayEquals("replacement".getBytes(), s3.getObjectAsBytes(r -> r.bucket(bucket).key("c")).asByteArray());
    }

    @Test
    void getAndHeadByPartNumber() {
        byte[] p1 = randomBytes(5 * MIB);
        byte[] p2 = randomBytes(4321);
        String id = create("pn");
        complete("pn", id, List.of(upload("pn", id, 1, p1), upload("pn", id, 2, p2)));

        var part2 = s3.getObjectAsBytes(r -> r.bucket(bucket).key("pn").partNumber(2));
        assertArrayEquals(p2, part2.asByteArray());
        assertEquals(2, part2.response().partsCount());
        assertEquals("bytes " + p1.length + "-" + (p1.length + p2.length - 1) + "/" + (p1.length + p2.length),
                part2.response().contentRange());
        var head1 = s3.headObject(r -> r.bucket(bucket).key("pn").partNumber(1));
        assertEquals(p1.length, head1.contentLength());
        assertEquals(2, head1.partsCount());
        assertS3Error(416, "InvalidPartNumber", () -> s3.getObjectAsBytes(r -> r.bucket(bucket).key("pn").partNumber(3)));

        put("single", "just one part");
        assertArrayEquals("just one part".getBytes(), s3.getObjectAsBytes(r -> r.bucket(bucket).key("single").partNumber(1)).asByteArray());
        assertS3Error(416, "InvalidPartNumber", () -> s3.getObjectAsBytes(r -> r.bucket(bucket).key("single").partNumber(2)));
    }

    @Test
    void uploadPartCopyWithAndWithoutRange() throws Exception {
        byte[] source = randomBytes(6 * MIB + 5);
        put("src", source);
        String id = create("dst");
        var copied1 = s3.uploadPartCopy(r -> r.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket).destinationKey("dst")
                .uploadId(id).partNumber(1).copySourceRange("bytes=0-" + (5 * MIB - 1)));
        var copied2 = s3.uploadPartCopy(r -> r.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket).destinationKey("dst")
                .uploadId(id).partNumber(2));
        var copied3 = s3.uploadPartCopy(r -> r.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket).destinationKey("dst")
                .uploadId(id).partNumber(3).copySourceRange("bytes=" + (5 * MIB) + "-" + (source.length - 1)));
        assertEquals(quotedMd5(Arrays.copyOfRange(source, 0, 5 * MIB)), copied1.copyPartResult().eTag());
        assertS3Error(416, "InvalidRange", () -> s3.uploadPartCopy(r -> r.sourceBucket(bucket).sourceKey("src")
                .destinationBucket(bucket).destinationKey("dst").uploadId(id).partNumber(4).copySourceRange("bytes=0-" + source.length)));

        complete("dst", id, List.of(
                CompletedPart.builder().partNumber(1).eTag(copied1.copyPartResult().eTag()).build(),
                CompletedPart.builder().partNumber(2).eTag(copied2.copyPartResult().eTag()).build(),
                CompletedPart.builder().partNumber(3).eTag(copied3.copyPartResult().eTag()).build()));
        byte[] expected = concat(Arrays.copyOfRange(source, 0, 5 * MIB), source, Arrays.copyOfRange(source, 5 * MIB, source.length));
        assertArrayEquals(expected, s3.getObjectAsBytes(r -> r.bucket(bucket).key("dst")).asByteArray());
    }

    private static String crc(java.util.zip.Checksum c, byte[]... parts) {
        for (byte[] p : parts) {
            c.update(p, 0, p.length);
        }
        long v = c.getValue();
        return java.util.Base64.getEncoder().encodeToString(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }

    @Test
    void compositeChecksumOfAMultipartObject() {
        byte[] p1 = randomBytes(5 * MIB);
        byte[] p2 = randomBytes(777);
        String id = s3.createMultipartUpload(r -> r.bucket(bucket).key("cs").checksumAlgorithm(
                software.amazon.awssdk.services.s3.model.ChecksumAlgorithm.CRC32)).uploadId();
        var r1 = s3.uploadPart(b -> b.bucket(bucket).key("cs").uploadId(id).partNumber(1)
                .checksumAlgorithm(software.amazon.awssdk.services.s3.model.ChecksumAlgorithm.CRC32), RequestBody.fromBytes(p1));
        var r2 = s3.uploadPart(b -> b.bucket(bucket).key("cs").uploadId(id).partNumber(2)
                .checksumAlgorithm(software.amazon.awssdk.services.s3.model.ChecksumAlgorithm.CRC32), RequestBody.fromBytes(p2));
        String c1 = crc(new java.util.zip.CRC32(), p1);
        String c2 = crc(new java.util.zip.CRC32(), p2);
        assertEquals(c1, r1.checksumCRC32());
        s3.completeMultipartUpload(r -> r.bucket(bucket).key("cs").uploadId(id).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(r1.eTag()).checksumCRC32(c1).build(),
                CompletedPart.builder().partNumber(2).eTag(r2.eTag()).checksumCRC32(c2).build())));
        byte[] raw = concat(java.util.Base64.getDecoder().decode(c1), java.util.Base64.getDecoder().decode(c2));
        String expected = crc(new java.util.zip.CRC32(), raw) + "-2";
        var head = s3.headObject(r -> r.bucket(bucket).key("cs").checksumMode(software.amazon.awssdk.services.s3.model.ChecksumMode.ENABLED));
        assertEquals(expected, head.checksumCRC32(), "checksum of the part checksums, then -N");
        assertEquals("COMPOSITE", head.checksumTypeAsString());
    }

    @Test
    void fullObjectChecksumOfAMultipartObject() {
        byte[] p1 = randomBytes(5 * MIB);
        byte[] p2 = randomBytes(4099);
        String id = s3.createMultipartUpload(r -> r.bucket(bucket).key("fo")
                .checksumAlgorithm(software.amazon.awssdk.services.s3.model.ChecksumAlgorithm.CRC32_C)
                .checksumType(software.amazon.awssdk.services.s3.model.ChecksumType.FULL_OBJECT)).uploadId();
        var r1 = s3.uploadPart(b -> b.bucket(bucket).key("fo").uploadId(id).partNumber(1)
                .checksumAlgorithm(software.amazon.awssdk.services.s3.model.ChecksumAlgorithm.CRC32_C), RequestBody.fromBytes(p1));
        var r2 = s3.uploadPart(b -> b.bucket(bucket).key("fo").uploadId(id).partNumber(2)
                .checksumAlgorithm(software.amazon.awssdk.services.s3.model.ChecksumAlgorithm.CRC32_C), RequestBody.fromBytes(p2));
        s3.completeMultipartUpload(r -> r.bucket(bucket).key("fo").uploadId(id).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(r1.eTag()).checksumCRC32C(r1.checksumCRC32C()).build(),
                CompletedPart.builder().partNumber(2).eTag(r2.eTag()).checksumCRC32C(r2.checksumCRC32C()).build())));
        var head = s3.headObject(r -> r.bucket(bucket).key("fo").checksumMode(software.amazon.awssdk.services.s3.model.ChecksumMode.ENABLED));
        assertEquals(crc(new java.util.zip.CRC32C(), p1, p2), head.checksumCRC32C(), "CRC32C of the whole object, from the parts'");
        assertEquals("FULL_OBJECT", head.checksumTypeAsString());
    }

    @Test
    void getObjectAttributes() throws Exception {
        byte[] p1 = randomBytes(5 * MIB);
        byte[] p2 = randomBytes(10);
        String id = create("attrs");
        complete("attrs", id, List.of(upload("attrs", id, 1, p1), upload("attrs", id, 2, p2)));
        var attrs = s3.getObjectAttributes(r -> r.bucket(bucket).key("attrs").objectAttributes(
                software.amazon.awssdk.services.s3.model.ObjectAttributes.E_TAG,
                software.amazon.awssdk.services.s3.model.ObjectAttributes.OBJECT_PARTS,
                software.amazon.awssdk.services.s3.model.ObjectAttributes.OBJECT_SIZE,
                software.amazon.awssdk.services.s3.model.ObjectAttributes.STORAGE_CLASS));
        assertEquals(multipartEtag(p1, p2).replace("\"", ""), attrs.eTag());
        assertEquals((long) p1.length + p2.length, attrs.objectSize());
        assertEquals(2, attrs.objectParts().totalPartsCount());
        assertEquals(List.of((long) p1.length, (long) p2.length), attrs.objectParts().parts().stream().map(p -> p.size()).toList());
        assertEquals("STANDARD", attrs.storageClassAsString());

        put("plain", "abc");
        var plain = s3.getObjectAttributes(r -> r.bucket(bucket).key("plain").objectAttributes(
                software.amazon.awssdk.services.s3.model.ObjectAttributes.E_TAG,
                software.amazon.awssdk.services.s3.model.ObjectAttributes.OBJECT_SIZE));
        assertEquals(3L, plain.objectSize());
        assertEquals(quotedMd5("abc".getBytes()).replace("\"", ""), plain.eTag());
    }

    @Test
    void listPartsAndListMultipartUploadsPaginate() {
        String id = create("paged");
        for (int n = 1; n <= 5; n++) {
            upload("paged", id, n, ("part " + n).getBytes());
        }
        var first = s3.listParts(r -> r.bucket(bucket).key("paged").uploadId(id).maxParts(2));
        assertTrue(first.isTruncated());
        assertEquals(List.of(1, 2), first.parts().stream().map(p -> p.partNumber()).toList());
        var second = s3.listParts(r -> r.bucket(bucket).key("paged").uploadId(id).maxParts(2)
                .partNumberMarker(first.nextPartNumberMarker()));
        assertEquals(List.of(3, 4), second.parts().stream().map(p -> p.partNumber()).toList());
        var last = s3.listParts(r -> r.bucket(bucket).key("paged").uploadId(id).maxParts(2)
                .partNumberMarker(second.nextPartNumberMarker()));
        assertEquals(List.of(5), last.parts().stream().map(p -> p.partNumber()).toList());
        assertFalse(last.isTruncated());

        create("dir/a");
        create("dir/b");
        create("other");
        var withDelimiter = s3.listMultipartUploads(r -> r.bucket(bucket).delimiter("/"));
        assertEquals(List.of("dir/"), withDelimiter.commonPrefixes().stream().map(p -> p.prefix()).toList());
        assertEquals(List.of("other", "paged"), withDelimiter.uploads().stream().map(u -> u.key()).toList());
        var prefixed = s3.listMultipartUploads(r -> r.bucket(bucket).prefix("dir/"));
        assertEquals(List.of("dir/a", "dir/b"), prefixed.uploads().stream().map(u -> u.key()).toList());

        List<String> keys = new ArrayList<>();
        String keyMarker = null;
        String idMarker = null;
        for (int page = 0; page < 10; page++) {
            String km = keyMarker;
            String im = idMarker;
            var p = s3.listMultipartUploads(r -> r.bucket(bucket).maxUploads(2).keyMarker(km).uploadIdMarker(im));
            p.uploads().forEach(u -> keys.add(u.key()));
            if (!p.isTruncated()) {
                break;
            }
            keyMarker = p.nextKeyMarker();
            idMarker = p.nextUploadIdMarker();
        }
        assertEquals(List.of("dir/a", "dir/b", "other", "paged"), keys, "every upload once, in key order");
    }
}
