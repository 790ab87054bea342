package io.ghostbay.web.operation;

import io.ghostbay.service.BucketPolicyService;
import io.ghostbay.service.Caller;
import io.ghostbay.web.xml.XmlRequestParser;
import io.ghostbay.web.xml.XmlWriter;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** PutBucketPolicy, GetBucketPolicy, DeleteBucketPolicy, GetBucketPolicyStatus. */
@ApplicationScoped
public class BucketPolicyOperations {
    /**
     * Read cap for a policy body. AWS's limit is 20 KB and the parser reports that limit; the cap
     * only keeps an absurd body from being read into memory.
     */
    private static final int MAX_POLICY_BODY = 64 * 1024;

    @EJB
    BucketPolicyService policies;

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketPolicy.html">PutBucketPolicy</a> */
    public Response putBucketPolicy(Caller caller, String bucket, InputStream body) {
        String document = new String(XmlRequestParser.readCapped(body, MAX_POLICY_BODY), StandardCharsets.UTF_8);
        policies.putBucketPolicy(caller, bucket, document);
        return Response.noContent().build();
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketPolicy.html">GetBucketPolicy</a>: the document as stored. */
    public Response getBucketPolicy(Caller caller, String bucket) {
        return Response.ok(policies.getBucketPolicy(caller, bucket), "application/json").build();
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketPolicy.html">DeleteBucketPolicy</a> */
    public Response deleteBucketPolicy(Caller caller, String bucket) {
        policies.deleteBucketPolicy(caller, bucket);
        return Response.noContent().build();
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketPolicyStatus.html">GetBucketPolicyStatus</a> */
    public Response getBucketPolicyStatus(Caller caller, String bucket) {
        boolean isPublic = policies.isPublic(caller, bucket);
        return BucketOperations.xml(XmlWriter.s3Document("PolicyStatus")
                .element("IsPublic", Boolean.toString(isPublic)).finish());
    }
}
