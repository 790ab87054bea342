package io.ghostbay.web.operation;

import io.ghostbay.config.LimitsConfig;
import io.ghostbay.s3.ByteRange;
import io.ghostbay.s3.ObjectTags;
import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;
import io.ghostbay.service.CopyObjectCommand;
import io.ghostbay.service.ETags;
import io.ghostbay.service.ObjectBodies;
import io.ghostbay.service.ObjectMetadata;
import io.ghostbay.service.ObjectSegment;
import io.ghostbay.service.ObjectService;
import io.ghostbay.service.PutObjectCommand;
import io.ghostbay.service.PutObjectResult;
import io.ghostbay.service.StoredObject;
import io.ghostbay.storage.BlobRangeReader;
import io.ghostbay.storage.ChecksumAlgorithm;
import io.ghostbay.web.auth.SigV4;
import io.ghostbay.web.routing.S3Paths;
import io.ghostbay.web.routing.S3Request;
import io.ghostbay.web.xml.XmlWriter;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** Object-level S3 operations: parse the request, call one EJB method, build the response. */
@ApplicationScoped
public class ObjectOperations {
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    @EJB
    ObjectService objects;

    @Inject
    ObjectBodies bodies;

    @Inject
    LimitsConfig limits;

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html">PutObject</a> */
    public Response putObject(S3Request s3, HttpHeaders headers, InputStream body) {
        ObjectMetadata metadata = RequestHeaders.metadata(headers, limits.userMetadataBytes());
        long expectedLength = expectedBodyLength(s3, headers);
        String contentMd5 = headers.getHeaderString("Content-MD5");
        ObjectService.checkContentMd5Syntax(contentMd5);
        ChecksumHeaders checksum = ChecksumHeaders.parse(headers);
        PutObjectCommand cmd = new PutObjectCommand(s3.bucket(), s3.key(), metadata, expectedLength, contentMd5,
                checksum.algorithm(), checksum.value(), checksum.inTrailer(), s3::trailers, RequestHeaders.writeCondition(headers),
                RequestHeaders.acl(headers), ObjectTags.parseHeader(headers.getHeaderString("x-amz-tagging")));
        PutObjectResult result = objects.putObject(s3.caller(), cmd, body);
        Response.ResponseBuilder rb = Response.ok().header("ETag", result.quotedEtag()).header("Content-Length", 0);
        if (result.checksumAlgorithm() != null) {
            ChecksumAlgorithm a = ChecksumAlgorithm.valueOf(result.checksumAlgorithm());
            rb.header(a.headerName(), result.checksumValue()).header("x-amz-checksum-type", "FULL_OBJECT");
        }
        return rb.build();
    }

    /** The object size a PUT must deliver: x-amz-decoded-content-length for aws-chunked bodies, else Content-Length. */
    static long expectedBodyLength(S3Request s3, HttpHeaders headers) {
        if (s3.isChunked()) {
            long decoded = RequestHeaders.longHeader(headers, "x-amz-decoded-content-length", -1);
            if (decoded < 0) {
                throw S3Exception.of(S3ErrorCode.MISSING_CONTENT_LENGTH);
            }
            return decoded;
        }
        long length = RequestHeaders.longHeader(headers, "Content-Length", -1);
        if (length < 0) {
            throw S3Exception.of(S3ErrorCode.MISSING_CONTENT_LENGTH);
        }
        return length;
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html">CopyObject</a> */
    public Response copyObject(S3Request s3, HttpHeaders headers) {
        String[] source = parseCopySource(headers.getHeaderString("x-amz-copy-source"));
        String directive = headers.getHeaderString("x-amz-metadata-directive");
        if (directive != null && !directive.equals("COPY") && !directive.equals("REPLACE")) {
            throw S3Exception.of(S3ErrorCode.INVALID_ARGUMENT, "Unknown metadata directive.")
                    .with("ArgumentName", "x-amz-metadata-directive").with("ArgumentValue", directive);
        }
        boolean replace = "REPLACE".equals(directive);
        CopyObjectCommand cmd = new CopyObjectCommand(source[0], source[1], s3.bucket(), s3.key(), replace,
                replace ? RequestHeaders.metadata(headers, limits.userMetadataBytes()) : null, RequestHeaders.writeCondition(headers),
                headers.getHeaderString("x-amz-copy-source-if-match"), headers.getHeaderString("x-amz-copy-source-if-none-match"),
                RequestHeaders.httpDate(headers.getHeaderString("x-amz-copy-source-if-modified-since")),
                RequestHeaders.httpDate(headers.getHeaderString("x-amz-copy-source-if-unmodified-since")),
                RequestHeaders.acl(headers), replaceTags(headers),
                ObjectTags.parseHeader(headers.getHeaderString("x-amz-tagging")));
        PutObjectResult result = objects.copyObject(s3.caller(), cmd);
        XmlWriter w = XmlWriter.s3Document("CopyObjectResult").timestamp("LastModified", result.lastModifiedMs())
                .element("ETag", result.quotedEtag());
        if (result.checksumAlgorithm() != null) {
            w.element("ChecksumType", "FULL_OBJECT")
                    .element(ChecksumAlgorithm.valueOf(result.checksumAlgorithm()).xmlName(), result.checksumValue());
        }
        return BucketOperations.xml(w.finish());
    }

    /** {@code x-amz-copy-source}: {@code [/]bucket/key[?versionId=...]}, URL-encoded. */
    static String[] parseCopySource(String header) {
        if (header == null || header.isBlank()) {
            throw S3Exception.of(S3ErrorCode.INVALID_ARGUMENT, "Copy Source must mention the source bucket and key: sourcebucket/sourcekey")
                    .with("ArgumentName", "x-amz-copy-source");
        }
        String raw = header.trim();
        String versionId = null;
        int q = raw.indexOf('?');
        if (q >= 0) {
            String query = raw.substring(q + 1);
            raw = raw.substring(0, q);
            for (Map.Entry<String, String> p : SigV4.parseQuery(query)) {
                if (p.getKey().equals("versionId")) {
                    versionId = p.getValue();
                }
            }
        }
        String[] parts = S3Paths.split(raw.startsWith("/") ? raw : "/" + raw);
        if (parts[0] == null || parts[1] == null) {
            throw S3Exception.of(S3ErrorCode.INVALID_ARGUMENT, "Copy Source must mention the source bucket and key: sourcebucket/sourcekey")
                    .with("ArgumentName", "x-amz-copy-source");
        }
        requireNullVersion(versionId);
        return parts;
    }

    private static void requireNullVersion(String versionId) {
        if (versionId != null && !versionId.equals("null")) {
            throw S3Exception.of(S3ErrorCode.INVALID_ARGUMENT, "Invalid version id specified")
                    .with("ArgumentName", "versionId").with("ArgumentValue", versionId);
        }
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html">GetObject</a> and HeadObject */
    public Response getObject(S3Request s3, HttpHeaders headers, QueryParams q, boolean head) {
        requireNullVersion(q.get("versionId"));
        StoredObject object = objects.getObject(s3.caller(), s3.bucket(), s3.key());
        Response notModified = evaluatePreconditions(headers, object);
        if (notModified != null) {
            return notModified;
        }
        ByteRange range;
        Integer partsCount = null;
        if (q.has("partNumber")) {
            if (headers.getHeaderString("Range") != null) {
                throw S3Exception.of(S3ErrorCode.INVALID_REQUEST, "Cannot specify both Range header and partNumber query parameter");
            }
            range = partRange(object, q.get("partNumber"));
            partsCount = object.isMultipart() ? object.segments().size() : 1;
        } else {
            range = ByteRange.parse(headers.getHeaderString("Range"), object.size());
        }
        Response.ResponseBuilder rb = Response.status(range.partial() ? 206 : 200);
        if (partsCount != null) {
            rb.header("x-amz-mp-parts-count", partsCount);
        }
        objectHeaders(rb, object, q, "ENABLED".equalsIgnoreCase(headers.getHeaderString("x-amz-checksum-mode")) && !range.partial());
        rb.header("Content-Length", range.length());
        if (range.partial()) {
            rb.header("Content-Range", range.contentRange());
        }
        if (head || range.length() == 0) {
            return rb.build();
        }
        s3.exactContentType(override(q, "response-content-type",
                object.metadata().contentType() == null ? ObjectMetadata.DEFAULT_CONTENT_TYPE : object.metadata().contentType()));
        // Opened before the response exists: a missing blob is an error response, never a truncated body.
        BlobRangeReader reader = bodies.open(object, range.first(), range.last());
        StreamingOutput stream = out -> {
            try (reader) {
                reader.writeTo(out);
            }
        };
        return rb.entity(stream).build();
    }

    /**
     * The byte range of part {@code n} of an object: a part of a multipart object, or, for a single-part
     * object, part 1 = the whole object. Beyond the last part: 416 InvalidPartNumber.
     */
    private static ByteRange partRange(StoredObject object, String partNumber) {
        int n;
        try {
            n = Integer.parseInt(partNumber.trim());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > 10_000) {
            throw S3Exception.of(S3ErrorCode.INVALID_ARGUMENT, "Part number must be an integer between 1 and 10000, inclusive")
                    .with("ArgumentName", "partNumber").with("ArgumentValue", partNumber);
        }
        int parts = object.isMultipart() ? object.segments().size() : 1;
        if (n > parts) {
            throw S3Exception.of(S3ErrorCode.INVALID_PART_NUMBER).with("PartNumberRequested", Integer.toString(n))
                    .with("ActualPartCount", Integer.toString(parts));
        }
        if (!object.isMultipart()) {
            return new ByteRange(0, object.size() - 1, object.size(), object.size() > 0);
        }
        long first = 0;
        for (int i = 0; i < n - 1; i++) {
            first += object.segments().get(i).size();
        }
        long size = object.segments().get(n - 1).size();
        return new ByteRange(first, first + size - 1, object.size(), true);
    }

    /** RFC 7232 order, as S3: If-Match, If-Unmodified-Since (412), If-None-Match, If-Modified-Since (304). */
    private static Response evaluatePreconditions(HttpHeaders headers, StoredObject object) {
        String ifMatch = headers.getHeaderString("If-Match");
        String ifNoneMatch = headers.getHeaderString("If-None-Match");
        Long ifModifiedSince = RequestHeaders.httpDate(headers.getHeaderString("If-Modified-Since"));
        Long ifUnmodifiedSince = RequestHeaders.httpDate(headers.getHeaderString("If-Unmodified-Since"));
        long lastModifiedSeconds = object.lastModifiedMs() / 1000;
        if (ifMatch != null && !ETags.matches(ifMatch, object.etag())) {
            throw S3Exception.of(S3ErrorCode.PRECONDITION_FAILED).with("Condition", "If-Match");
        }
        if (ifMatch == null && ifUnmodifiedSince != null && lastModifiedSeconds > ifUnmodifiedSince / 1000) {
            throw S3Exception.of(S3ErrorCode.PRECONDITION_FAILED).with("Condition", "If-Unmodified-Since");
        }
        boolean notModified = ifNoneMatch != null ? ETags.matches(ifNoneMatch, object.etag())
                : ifModifiedSince != null && lastModifiedSeconds <= ifModifiedSince / 1000;
        if (notModified) {
            return Response.notModified().header("ETag", object.quotedEtag())
                    .header("Last-Modified", HTTP_DATE.format(Instant.ofEpochMilli(object.lastModifiedMs()))).build();
        }
        return null;
    }

    private static void objectHeaders(Response.ResponseBuilder rb, StoredObject o, QueryParams q, boolean checksumMode) {
        ObjectMetadata m = o.metadata();
        rb.header("ETag", o.quotedEtag())
                .header("Last-Modified", HTTP_DATE.format(Instant.ofEpochMilli(o.lastModifiedMs())))
                .header("Accept-Ranges", "bytes")
                .header("Content-Type", override(q, "response-content-type", m.contentType() == null ? ObjectMetadata.DEFAULT_CONTENT_TYPE : m.contentType()))
                .header("Cache-Control", override(q, "response-cache-control", m.cacheControl()))
                .header("Content-Disposition", override(q, "response-content-disposition", m.contentDisposition()))
                .header("Content-Encoding", override(q, "response-content-encoding", m.contentEncoding()))
                .header("Content-Language", override(q, "response-content-language", m.contentLanguage()))
                .header("Expires", override(q, "response-expires", m.expires()));
        m.userMetadata().forEach((k, v) -> rb.header("x-amz-meta-" + k, v));
        if (checksumMode && o.checksumAlgorithm() != null) {
            ChecksumAlgorithm.fromName(o.checksumAlgorithm()).ifPresent(a -> rb.header(a.headerName(), o.checksumValue()));
            rb.header("x-amz-checksum-type", o.checksumType());
        }
    }

    private static String override(QueryParams q, String param, String stored) {
        String v = q.get(param);
        return v != null ? v : stored;
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectAttributes.html">GetObjectAttributes</a> */
    public Response getObjectAttributes(S3Request s3, HttpHeaders headers, QueryParams q) {
        requireNullVersion(q.get("versionId"));
        String requested = headers.getHeaderString("x-amz-object-attributes");
        if (requested == null || requested.isBlank()) {
            throw S3Exception.of(S3ErrorCode.INVALID_ARGUMENT, "Invalid attribute name specified.")
                    .with("ArgumentName", "x-amz-object-attributes").with("ArgumentValue", "");
        }
        java.util.Set<String> attributes = new java.util.HashSet<>();
        for (String a : requested.split(",")) {
            String name = a.trim();
            if (!java.util.Set.of("ETag", "Checksum", "ObjectParts", "StorageClass", "ObjectSize").contains(name)) {
                throw S3Exception.of(S3ErrorCode.INVALID_ARGUMENT, "Invalid attribute name specified.")
                        .with("ArgumentName", "x-amz-object-attributes").with("ArgumentValue", name);
            }
            attributes.add(name);
        }
        StoredObject o = objects.getObject(s3.caller(), s3.bucket(), s3.key());
        XmlWriter w = XmlWriter.s3Document("GetObjectAttributesResponse");
        if (attributes.contains("ETag")) {
            w.element("ETag", o.etag());
        }
        ChecksumAlgorithm algorithm = o.checksumAlgorithm() == null ? null : ChecksumAlgorithm.fromName(o.checksumAlgorithm()).orElse(null);
        if (attributes.contains("Checksum") && algorithm != null) {
            w.start("Checksum").element(algorithm.xmlName(), o.checksumValue()).element("ChecksumType", o.checksumType()).end();
        }
        if (attributes.contains("ObjectParts") && o.isMultipart()) {
            int maxParts = (int) Math.min(1000, RequestHeaders.longHeader(headers, "x-amz-max-parts", 1000));
            int marker = (int) RequestHeaders.longHeader(headers, "x-amz-part-number-marker", 0);
            List<ObjectSegment> after = o.segments().stream().filter(seg -> seg.partNumber() > marker).toList();
            List<ObjectSegment> page = after.stream().limit(maxParts).toList();
            w.start("ObjectParts").element("PartsCount", o.segments().size()).element("PartNumberMarker", marker)
                    .element("NextPartNumberMarker", page.isEmpty() ? marker : page.get(page.size() - 1).partNumber())
                    .element("MaxParts", maxParts).element("IsTruncated", after.size() > page.size());
            for (ObjectSegment seg : page) {
                w.start("Part").element("PartNumber", seg.partNumber()).element("Size", seg.size());
                if (algorithm != null && seg.checksumValue() != null) {
                    w.element(algorithm.xmlName(), seg.checksumValue());
                }
                w.end();
            }
            w.end();
        }
        if (attributes.contains("StorageClass")) {
            w.element("StorageClass", "STANDARD");
        }
        if (attributes.contains("ObjectSize")) {
            w.element("ObjectSize", o.size());
        }
        return BucketOperations.xmlBuilder(w.finish())
                .header("Last-Modified", HTTP_DATE.format(Instant.ofEpochMilli(o.lastModifiedMs()))).build();
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html">DeleteObject</a> */
    public Response deleteObject(S3Request s3, QueryParams q) {
        requireNullVersion(q.get("versionId"));
        objects.deleteObject(s3.caller(), s3.bucket(), s3.key());
        return Response.noContent().build();
    }


    /** x-amz-tagging-directive: COPY (default) keeps the source's tags, REPLACE takes x-amz-tagging. */
    private static boolean replaceTags(HttpHeaders headers) {
        String directive = headers.getHeaderString("x-amz-tagging-directive");
        if (directive == null || directive.equals("COPY")) {
            return false;
        }
        if (directive.equals("REPLACE")) {
            return true;
        }
        throw S3Exception.of(S3ErrorCode.INVALID_ARGUMENT, "Unknown tagging directive.").with("ArgumentName", "x-amz-tagging-directive")
                .with("ArgumentValue", directive);
    }

}
