package io.ghostbay.web.operation;

import io.ghostbay.acl.AccessControlList;
import io.ghostbay.acl.AclGrant;
import io.ghostbay.acl.AclGrantee;
import io.ghostbay.acl.AclHeaders;
import io.ghostbay.acl.PublicAccessBlock;
import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;
import io.ghostbay.service.AclService;
import io.ghostbay.service.Caller;
import io.ghostbay.web.xml.XmlRequestParser;
import io.ghostbay.web.xml.XmlWriter;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;
import java.util.List;

/**
 * Get/PutBucketAcl, Get/PutObjectAcl, Get/Put/DeleteBucketOwnershipControls and
 * Get/Put/DeletePublicAccessBlock.
 */
@ApplicationScoped
public class AclOperations {
    private static final int MAX_DOCUMENT = 64 * 1024;
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    @EJB
    AclService acls;

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketAcl.html">GetBucketAcl</a> */
    public Response getBucketAcl(Caller caller, String bucket) {
        return BucketOperations.xml(render(acls.getBucketAcl(caller, bucket)));
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketAcl.html">PutBucketAcl</a> */
    public Response putBucketAcl(Caller caller, String bucket, HttpHeaders headers, InputStream body) {
        AclInput input = input(headers, body);
        acls.putBucketAcl(caller, bucket, input.headers(), input.grants());
        return Response.ok().header("Content-Length", 0).build();
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectAcl.html">GetObjectAcl</a> */
    public Response getObjectAcl(Caller caller, String bucket, String key) {
        return BucketOperations.xml(render(acls.getObjectAcl(caller, bucket, key)));
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectAcl.html">PutObjectAcl</a> */
    public Response putObjectAcl(Caller caller, String bucket, String key, HttpHeaders headers, InputStream body) {
        AclInput input = input(headers, body);
        acls.putObjectAcl(caller, bucket, key, input.headers(), input.grants());
        return Response.ok().header("Content-Length", 0).build();
    }

    public Response getOwnershipControls(Caller caller, String bucket) {
        String ownership = acls.getOwnershipControls(caller, bucket);
        return BucketOperations.xml(XmlWriter.s3Document("OwnershipControls").start("Rule")
                .element("ObjectOwnership", ownership).end().finish());
    }

    public Response putOwnershipControls(Caller caller, String bucket, InputStream body) {
        acls.putOwnershipControls(caller, bucket, XmlRequestParser.parseOwnershipControls(XmlRequestParser.readCapped(body, MAX_DOCUMENT)));
        return Response.ok().header("Content-Length", 0).build();
    }

    public Response deleteOwnershipControls(Caller caller, String bucket) {
        acls.deleteOwnershipControls(caller, bucket);
        return Response.noContent().build();
    }

    public Response getPublicAccessBlock(Caller caller, String bucket) {
        PublicAccessBlock b = acls.getPublicAccessBlock(caller, bucket);
        return BucketOperations.xml(XmlWriter.s3Document("PublicAccessBlockConfiguration")
                .element("BlockPublicAcls", b.blockPublicAcls()).element("IgnorePublicAcls", b.ignorePublicAcls())
                .element("BlockPublicPolicy", b.blockPublicPolicy()).element("RestrictPublicBuckets", b.restrictPublicBuckets())
                .finish());
    }

    public Response putPublicAccessBlock(Caller caller, String bucket, InputStream body) {
        acls.putPublicAccessBlock(caller, bucket, XmlRequestParser.parsePublicAccessBlock(XmlRequestParser.readCapped(body, MAX_DOCUMENT)));
        return Response.ok().header("Content-Length", 0).build();
    }

    public Response deletePublicAccessBlock(Caller caller, String bucket) {
        acls.deletePublicAccessBlock(caller, bucket);
        return Response.noContent().build();
    }

    /** An ACL comes from headers or from a document, never both (AWS answers such a request with an error). */
    private record AclInput(AclHeaders.Requested headers, List<AclGrant> grants) {
    }

    private static AclInput input(HttpHeaders headers, InputStream body) {
        AclHeaders.Requested requested = RequestHeaders.acl(headers);
        byte[] document = XmlRequestParser.readCapped(body, MAX_DOCUMENT);
        boolean hasDocument = new String(document, java.nio.charset.StandardCharsets.UTF_8).strip().length() > 0;
        if (hasDocument && !requested.isNone()) {
            throw S3Exception.of(S3ErrorCode.UNEXPECTED_CONTENT, "This request does not support content");
        }
        if (!hasDocument && requested.isNone()) {
            throw S3Exception.of(S3ErrorCode.MISSING_SECURITY_HEADER, "Your request was missing a required header")
                    .with("MissingHeaderName", "x-amz-acl");
        }
        return new AclInput(requested, hasDocument ? XmlRequestParser.parseAccessControlPolicy(document) : null);
    }

    private static String render(AclService.AclView view) {
        AccessControlList acl = view.acl();
        XmlWriter w = XmlWriter.s3Document("AccessControlPolicy")
                .start("Owner").element("ID", acl.ownerCanonicalId()).element("DisplayName", view.displayNames().get(acl.ownerCanonicalId())).end()
                .start("AccessControlList");
        for (AclGrant g : acl.grants()) {
            w.start("Grant");
            if (g.grantee().type() == AclGrantee.Type.CANONICAL_USER) {
                w.start("Grantee", "xmlns:xsi", XSI, "xsi:type", "CanonicalUser").element("ID", g.grantee().value())
                        .element("DisplayName", view.displayNames().get(g.grantee().value())).end();
            } else {
                w.start("Grantee", "xmlns:xsi", XSI, "xsi:type", "Group").element("URI", g.grantee().value()).end();
            }
            w.element("Permission", g.permission().name()).end();
        }
        return w.end().finish();
    }
}
