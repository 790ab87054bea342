package io.ghostbay.web.operation;

import io.ghostbay.config.LimitsConfig;
import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;
import io.ghostbay.s3.S3Operation;
import io.ghostbay.service.BucketInfo;
import io.ghostbay.service.BucketService;
import io.ghostbay.service.Caller;
import io.ghostbay.service.DeleteResult;
import io.ghostbay.service.ListObjectsPage;
import io.ghostbay.service.ListObjectsQuery;
import io.ghostbay.service.ListingService;
import io.ghostbay.service.ObjectService;
import io.ghostbay.storage.ChecksumAlgorithm;
import io.ghostbay.web.xml.XmlRequestParser;
import io.ghostbay.web.xml.XmlWriter;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Bucket-level S3 operations: parse the request, call one EJB method, build the response. */
@ApplicationScoped
public class BucketOperations {

    @EJB
    BucketService buckets;

    @EJB
    ListingService listing;

    @EJB
    ObjectService objects;

    @Inject
    LimitsConfig limits;

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html">ListBuckets</a> */
    public Response listBuckets(Caller caller) {
        List<BucketInfo> all = buckets.listBuckets(caller);
        XmlWriter w = XmlWriter.s3Document("ListAllMyBucketsResult")
                .start("Owner").element("ID", caller.canonicalId()).element("DisplayName", caller.displayName()).end()
                .start("Buckets");
        for (BucketInfo b : all) {
            w.start("Bucket").element("Name", b.name()).timestamp("CreationDate", b.createdMs())
                    .element("BucketRegion", b.region()).end();
        }
        return xml(w.end().finish());
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html">CreateBucket</a> */
    public Response createBucket(Caller caller, String bucket, HttpHeaders headers, InputStream body) {
        String location = XmlRequestParser.parseCreateBucketConfiguration(
                XmlRequestParser.readCapped(body, 64 * 1024));
        buckets.createBucket(caller, bucket, location, headers.getHeaderString("x-amz-object-ownership"),
                RequestHeaders.acl(headers));
        return Response.ok().header("Location", "/" + bucket).header("Content-Length", 0).build();
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html">HeadBucket</a> */
    public Response headBucket(Caller caller, String bucket) {
        BucketInfo b = buckets.requireBucket(caller, bucket, S3Operation.HEAD_BUCKET, null);
        return Response.ok().header("x-amz-bucket-region", b.region()).header("x-amz-access-point-alias", "false").build();
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucket.html">DeleteBucket</a> */
    public Response deleteBucket(Caller caller, String bucket) {
        buckets.deleteBucket(caller, bucket);
        return Response.noContent().build();
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html">GetBucketLocation</a> */
    public Response getBucketLocation(Caller caller, String bucket) {
        BucketInfo b = buckets.requireBucket(caller, bucket, S3Operation.GET_BUCKET_LOCATION, null);
        // us-east-1 is reported as an empty LocationConstraint, as AWS does.
        String region = "us-east-1".equals(b.region()) ? null : b.region();
        return xml(XmlWriter.s3Document("LocationConstraint").finishWithText(region));
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjects.html">ListObjects</a> (V1) */
    public Response listObjects(Caller caller, String bucket, QueryParams q) {
        boolean url = encodingType(q);
        int maxKeys = maxKeys(q);
        ListObjectsPage page = listing.listObjects(caller,
                new ListObjectsQuery(bucket, q.get("prefix"), q.get("delimiter"), q.get("marker"), maxKeys));
        XmlWriter w = XmlWriter.s3Document("ListBucketResult")
                .element("Name", bucket)
                .element("Prefix", enc(nullToEmpty(q.get("prefix")), url))
                .element("Marker", enc(nullToEmpty(q.get("marker")), url))
                .element("MaxKeys", maxKeys)
                .element("Delimiter", enc(q.get("delimiter"), url))
                .element("IsTruncated", page.truncated());
        if (page.truncated() && q.get("delimiter") != null) {
            w.element("NextMarker", enc(page.lastItem(), url));
        }
        writeEntries(w, page, true, url);
        if (url) {
            w.element("EncodingType", "url");
        }
        return xml(w.finish());
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html">ListObjectsV2</a> */
    public Response listObjectsV2(Caller caller, String bucket, QueryParams q) {
        boolean url = encodingType(q);
        int maxKeys = maxKeys(q);
        String token = q.get("continuation-token");
        String startAfter = q.get("start-after");
        String from = token != null ? ContinuationTokens.decode(token) : startAfter;
        ListObjectsPage page = listing.listObjects(caller,
                new ListObjectsQuery(bucket, q.get("prefix"), q.get("delimiter"), from, maxKeys));
        XmlWriter w = XmlWriter.s3Document("ListBucketResult")
                .element("Name", bucket)
                .element("Prefix", enc(nullToEmpty(q.get("prefix")), url))
                .element("MaxKeys", maxKeys)
                .element("KeyCount", page.contents().size() + page.commonPrefixes().size())
                .element("Delimiter", enc(q.get("delimiter"), url))
                .element("IsTruncated", page.truncated())
                .element("ContinuationToken", token)
                .element("NextContinuationToken", page.truncated() ? ContinuationTokens.encode(page.lastItem()) : null)
                .element("StartAfter", enc(startAfter, url));
        writeEntries(w, page, "true".equals(q.get("fetch-owner")), url);
        if (url) {
            w.element("EncodingType", "url");
        }
        return xml(w.finish());
    }

    private static void writeEntries(XmlWriter w, ListObjectsPage page, boolean owner, boolean url) {
        for (ListObjectsPage.Entry e : page.contents()) {
            w.start("Contents").element("Key", enc(e.key(), url)).timestamp("LastModified", e.lastModifiedMs())
                    .element("ETag", e.quotedEtag()).element("Size", e.size());
            if (owner) {
                w.start("Owner").element("ID", page.ownerCanonicalId()).element("DisplayName", page.ownerDisplayName()).end();
            }
            w.element("StorageClass", "STANDARD").end();
        }
        for (String p : page.commonPrefixes()) {
            w.start("CommonPrefixes").element("Prefix", enc(p, url)).end();
        }
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html">DeleteObjects</a> */
    public Response deleteObjects(Caller caller, String bucket, HttpHeaders headers, InputStream body, Map<String, String> trailers) {
        byte[] xml = XmlRequestParser.readCapped(body, limits.xmlBodyBytes());
        verifyBodyDigests(headers, xml, trailers);
        XmlRequestParser.DeleteRequest request = XmlRequestParser.parseDelete(xml);
        List<DeleteResult> results = objects.deleteObjects(caller, bucket, request.keys());
        XmlWriter w = XmlWriter.s3Document("DeleteResult");
        for (DeleteResult r : results) {
            if (r.ok() && !request.quiet()) {
                w.start("Deleted").element("Key", r.key()).end();
            } else if (!r.ok()) {
                w.start("Error").element("Key", r.key()).element("Code", r.errorCode()).element("Message", r.errorMessage()).end();
            }
        }
        return xml(w.finish());
    }

    /** Content-MD5 and x-amz-checksum-* (header or trailer) of a small request document. */
    static void verifyBodyDigests(HttpHeaders headers, byte[] body, Map<String, String> trailers) {
        String contentMd5 = headers.getHeaderString("Content-MD5");
        if (contentMd5 != null) {
            ObjectService.checkContentMd5Syntax(contentMd5);
            try {
                String actual = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
                if (!actual.equals(contentMd5.trim())) {
                    throw S3Exception.of(S3ErrorCode.BAD_DIGEST);
                }
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        ChecksumHeaders checksum = ChecksumHeaders.parse(headers);
        if (checksum.algorithm() != null) {
            String expected = checksum.inTrailer() ? trailers.get(checksum.algorithm().headerName()) : checksum.value();
            ChecksumAlgorithm.Hasher h = checksum.algorithm().newHasher();
            h.update(body, 0, body.length);
            if (expected != null && !expected.equals(h.digestBase64())) {
                throw S3Exception.of(S3ErrorCode.BAD_DIGEST,
                        "The " + checksum.algorithm().name() + " you specified did not match the calculated checksum.");
            }
        }
    }

    private static int maxKeys(QueryParams q) {
        String v = q.get("max-keys");
        if (v == null || v.isEmpty()) {
            return ListingService.MAX_KEYS;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return Math.min(n, ListingService.MAX_KEYS);
        } catch (NumberFormatException e) {
            throw S3Exception.of(S3ErrorCode.INVALID_ARGUMENT, "Provided max-keys not an integer or within integer range")
                    .with("ArgumentName", "max-keys").with("ArgumentValue", v);
        }
    }

    private static boolean encodingType(QueryParams q) {
        String e = q.get("encoding-type");
        if (e == null) {
            return false;
        }
        if (!e.equalsIgnoreCase("url")) {
            throw S3Exception.of(S3ErrorCode.INVALID_ARGUMENT, "Invalid Encoding Method specified in Request")
                    .with("ArgumentName", "encoding-type").with("ArgumentValue", e);
        }
        return true;
    }

    /** encoding-type=url: form encoding (space as '+'), keeping '/' readable, as AWS answers. */
    static String enc(String s, boolean url) {
        if (s == null || !url) {
            return s;
        }
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    static Response xml(String document) {
        return xmlBuilder(document).build();
    }

    static Response.ResponseBuilder xmlBuilder(String document) {
        return Response.ok(document, "application/xml");
    }

}
