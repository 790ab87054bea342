package io.ghostbay.web.operation;

import io.ghostbay.config.LimitsConfig;
import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;
import io.ghostbay.service.CopyObjectCommand;
import io.ghostbay.service.ListingService;
import io.ghostbay.service.MultipartRecords;
import io.ghostbay.service.MultipartRecords.CompletedPart;
import io.ghostbay.service.MultipartService;
import io.ghostbay.service.ObjectService;
import io.ghostbay.service.PutObjectResult;
import io.ghostbay.service.WriteCondition;
import io.ghostbay.storage.ChecksumAlgorithm;
import io.ghostbay.web.routing.S3Request;
import io.ghostbay.web.xml.XmlRequestParser;
import io.ghostbay.web.xml.XmlWriter;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;
import java.util.List;

/** Multipart-upload operations: parse the request, call one EJB method, build the response. */
@ApplicationScoped
public class MultipartOperations {

    @EJB
    MultipartService multipart;

    @Inject
    LimitsConfig limits;

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateMultipartUpload.html">CreateMultipartUpload</a> */
    public Response createMultipartUpload(S3Request s3, HttpHeaders headers) {
        String algorithmHeader = headers.getHeaderString("x-amz-checksum-algorithm");
        ChecksumAlgorithm algorithm = algorithmHeader == null ? null : ChecksumAlgorithm.fromName(algorithmHeader.trim())
                .orElseThrow(() -> S3Exception.of(S3ErrorCode.INVALID_REQUEST, "Checksum algorithm provided is unsupported."));
        String checksumType = headers.getHeaderString("x-amz-checksum-type");
        String uploadId = multipart.createMultipartUpload(s3.caller(), s3.bucket(), s3.key(),
                RequestHeaders.metadata(headers, limits.userMetadataBytes()), algorithm, checksumType, RequestHeaders.acl(headers));
        Response.ResponseBuilder rb = BucketOperations.xmlBuilder(XmlWriter.s3Document("InitiateMultipartUploadResult")
                .element("Bucket", s3.bucket()).element("Key", s3.key()).element("UploadId", uploadId).finish());
        if (algorithm != null) {
            rb.header("x-amz-checksum-algorithm", algorithm.name())
                    .header("x-amz-checksum-type", checksumType == null || checksumType.isBlank()
                            ? io.ghostbay.storage.MultipartChecksums.defaultType(algorithm) : checksumType.trim());
        }
        return rb.build();
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPart.html">UploadPart</a> */
    public Response uploadPart(S3Request s3, HttpHeaders headers, QueryParams q, InputStream body) {
        int partNumber = intParam(q, "partNumber", -1);
        String contentMd5 = headers.getHeaderString("Content-MD5");
        ObjectService.checkContentMd5Syntax(contentMd5);
        ChecksumHeaders checksum = ChecksumHeaders.parse(headers);
        PutObjectResult result = multipart.uploadPart(s3.caller(), new MultipartRecords.UploadPartCommand(s3.bucket(), s3.key(),
                q.get("uploadId"), partNumber, ObjectOperations.expectedBodyLength(s3, headers), contentMd5, checksum.algorithm(),
                checksum.value(), checksum.inTrailer(), s3::trailers), body);
        Response.ResponseBuilder rb = Response.ok().header("ETag", result.quotedEtag()).header("Content-Length", 0);
        if (result.checksumAlgorithm() != null) {
            rb.header(ChecksumAlgorithm.valueOf(result.checksumAlgorithm()).headerName(), result.checksumValue());
        }
        return rb.build();
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPartCopy.html">UploadPartCopy</a> */
    public Response uploadPartCopy(S3Request s3, HttpHeaders headers, QueryParams q) {
        String[] source = ObjectOperations.parseCopySource(headers.getHeaderString("x-amz-copy-source"));
        CopyObjectCommand cmd = new CopyObjectCommand(source[0], source[1], s3.bucket(), s3.key(), false, null, WriteCondition.NONE,
                headers.getHeaderString("x-amz-copy-source-if-match"), headers.getHeaderString("x-amz-copy-source-if-none-match"),
                RequestHeaders.httpDate(headers.getHeaderString("x-amz-copy-source-if-modified-since")),
                RequestHeaders.httpDate(headers.getHeaderString("x-amz-copy-source-if-unmodified-since")),
                io.ghostbay.acl.AclHeaders.Requested.NONE, false, null);
        PutObjectResult result = multipart.uploadPartCopy(s3.caller(), cmd, q.get("uploadId"), intParam(q, "partNumber", -1),
                headers.getHeaderString("x-amz-copy-source-range"));
        return BucketOperations.xml(XmlWriter.s3Document("CopyPartResult").timestamp("LastModified", result.lastModifiedMs())
                .element("ETag", result.quotedEtag()).finish());
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html">CompleteMultipartUpload</a> */
    public Response completeMultipartUpload(S3Request s3, HttpHeaders headers, QueryParams q, InputStream body) {
        byte[] xml = XmlRequestParser.readCapped(body, limits.xmlBodyBytes());
        List<CompletedPart> parts = XmlRequestParser.parseCompleteMultipartUpload(xml).stream()
                .map(p -> new CompletedPart(p.partNumber(), p.etag())).toList();
        PutObjectResult result = multipart.completeMultipartUpload(s3.caller(), s3.bucket(), s3.key(), q.get("uploadId"), parts,
                RequestHeaders.writeCondition(headers));
        XmlWriter w = XmlWriter.s3Document("CompleteMultipartUploadResult")
                .element("Location", "/" + s3.bucket() + "/" + s3.key())
                .element("Bucket", s3.bucket()).element("Key", s3.key()).element("ETag", result.quotedEtag());
        if (result.checksumAlgorithm() != null) {
            w.element(ChecksumAlgorithm.valueOf(result.checksumAlgorithm()).xmlName(), result.checksumValue())
                    .element("ChecksumType", result.checksumType());
        }
        return BucketOperations.xml(w.finish());
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_AbortMultipartUpload.html">AbortMultipartUpload</a> */
    public Response abortMultipartUpload(S3Request s3, QueryParams q) {
        multipart.abortMultipartUpload(s3.caller(), s3.bucket(), s3.key(), q.get("uploadId"));
        return Response.noContent().build();
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListParts.html">ListParts</a> */
    public Response listParts(S3Request s3, QueryParams q) {
        int maxParts = Math.min(intParam(q, "max-parts", 1000), 1000);
        int marker = intParam(q, "part-number-marker", 0);
        MultipartRecords.ListPartsPage page = multipart.listParts(s3.caller(), s3.bucket(), s3.key(), q.get("uploadId"), marker, maxParts);
        XmlWriter w = XmlWriter.s3Document("ListPartsResult").element("Bucket", s3.bucket()).element("Key", s3.key())
                .element("UploadId", page.uploadId())
                .start("Initiator").element("ID", page.initiatorCanonicalId()).element("DisplayName", page.initiatorDisplayName()).end()
                .start("Owner").element("ID", page.initiatorCanonicalId()).element("DisplayName", page.initiatorDisplayName()).end()
                .element("StorageClass", "STANDARD").element("PartNumberMarker", marker)
                .element("NextPartNumberMarker", page.nextPartNumberMarker()).element("MaxParts", maxParts)
                .element("IsTruncated", page.truncated())
                .element("ChecksumAlgorithm", page.checksumAlgorithm());
        ChecksumAlgorithm algorithm = page.checksumAlgorithm() == null ? null : ChecksumAlgorithm.fromName(page.checksumAlgorithm()).orElse(null);
        for (MultipartRecords.PartInfo p : page.parts()) {
            w.start("Part").element("PartNumber", p.partNumber()).timestamp("LastModified", p.lastModifiedMs())
                    .element("ETag", "\"" + p.etag() + "\"").element("Size", p.size());
            if (algorithm != null && p.checksumValue() != null) {
                w.element(algorithm.xmlName(), p.checksumValue());
            }
            w.end();
        }
        return BucketOperations.xml(w.finish());
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListMultipartUploads.html">ListMultipartUploads</a> */
    public Response listMultipartUploads(S3Request s3, QueryParams q) {
        int maxUploads = Math.min(intParam(q, "max-uploads", ListingService.MAX_KEYS), ListingService.MAX_KEYS);
        MultipartRecords.ListUploadsPage page = multipart.listMultipartUploads(s3.caller(), s3.bucket(), q.get("prefix"),
                q.get("delimiter"), q.get("key-marker"), q.get("upload-id-marker"), maxUploads);
        XmlWriter w = XmlWriter.s3Document("ListMultipartUploadsResult").element("Bucket", s3.bucket())
                .element("KeyMarker", q.get("key-marker") == null ? "" : q.get("key-marker"))
                .element("UploadIdMarker", q.get("upload-id-marker") == null ? "" : q.get("upload-id-marker"))
                .element("NextKeyMarker", page.nextKeyMarker()).element("NextUploadIdMarker", page.nextUploadIdMarker())
                .element("Prefix", q.get("prefix")).element("Delimiter", q.get("delimiter"))
                .element("MaxUploads", maxUploads).element("IsTruncated", page.truncated());
        for (MultipartRecords.UploadInfo u : page.uploads()) {
            w.start("Upload").element("Key", u.key()).element("UploadId", u.uploadId())
                    .start("Initiator").element("ID", u.initiatorId()).element("DisplayName", u.initiatorName()).end()
                    .start("Owner").element("ID", u.initiatorId()).element("DisplayName", u.initiatorName()).end()
                    .element("StorageClass", "STANDARD").timestamp("Initiated", u.initiatedMs()).end();
        }
        for (String p : page.commonPrefixes()) {
            w.start("CommonPrefixes").element("Prefix", p).end();
        }
        return BucketOperations.xml(w.finish());
    }

    private static int intParam(QueryParams q, String name, int absent) {
        String v = q.get(name);
        if (v == null || v.isEmpty()) {
            if (absent < 0) {
                throw S3Exception.of(S3ErrorCode.INVALID_ARGUMENT, name + " is required").with("ArgumentName", name);
            }
            return absent;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw S3Exception.of(S3ErrorCode.INVALID_ARGUMENT, "Invalid " + name).with("ArgumentName", name).with("ArgumentValue", v);
        }
    }
}
