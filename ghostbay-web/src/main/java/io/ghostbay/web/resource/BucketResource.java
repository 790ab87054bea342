package io.ghostbay.web.resource;

import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;
import io.ghostbay.web.operation.AclOperations;
import io.ghostbay.web.operation.BucketOperations;
import io.ghostbay.web.operation.BucketPolicyOperations;
import io.ghostbay.web.operation.MultipartOperations;
import io.ghostbay.web.operation.QueryParams;
import io.ghostbay.web.routing.S3Request;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;

/**
 * {@code /} (ListBuckets) and {@code /{bucket}}: routing only. The operation was classified by the
 * pre-matching filter from method, query and headers; anything unrecognised is 501, never a
 * fall-through. Both paths live in one class because RESTEasy, given a root resource at "/" and
 * another at "/{bucket}", picks the "/" class for "/bucket" and then finds no method (404).
 * Application-scoped for the reason given on {@link ObjectResource}.
 */
@ApplicationScoped
@Path("/")
public class BucketResource {

    @Inject
    S3Request s3;

    @Inject
    BucketOperations buckets;

    @Inject
    MultipartOperations multipart;

    @Inject
    BucketPolicyOperations policies;

    @Inject
    AclOperations acls;

    @Context
    HttpHeaders headers;

    @Context
    HttpServletRequest http;

    @GET
    public Response service() {
        return switch (s3.operation()) {
            case LIST_BUCKETS -> buckets.listBuckets(s3.caller());
            default -> throw S3Exception.of(S3ErrorCode.NOT_IMPLEMENTED);
        };
    }

    @GET
    @Path("{bucket}")
    public Response get() {
        return switch (s3.operation()) {
            case LIST_OBJECTS -> buckets.listObjects(s3.caller(), s3.bucket(), query());
            case LIST_OBJECTS_V2 -> buckets.listObjectsV2(s3.caller(), s3.bucket(), query());
            case GET_BUCKET_LOCATION -> buckets.getBucketLocation(s3.caller(), s3.bucket());
            case LIST_MULTIPART_UPLOADS -> multipart.listMultipartUploads(s3, query());
            case GET_BUCKET_POLICY -> policies.getBucketPolicy(s3.caller(), s3.bucket());
            case GET_BUCKET_POLICY_STATUS -> policies.getBucketPolicyStatus(s3.caller(), s3.bucket());
            case GET_BUCKET_ACL -> acls.getBucketAcl(s3.caller(), s3.bucket());
            case GET_BUCKET_OWNERSHIP_CONTROLS -> acls.getOwnershipControls(s3.caller(), s3.bucket());
            case GET_PUBLIC_ACCESS_BLOCK -> acls.getPublicAccessBlock(s3.caller(), s3.bucket());
            default -> throw S3Exception.of(S3ErrorCode.NOT_IMPLEMENTED);
        };
    }

    @HEAD
    @Path("{bucket}")
    public Response head() {
        return switch (s3.operation()) {
            case HEAD_BUCKET -> buckets.headBucket(s3.caller(), s3.bucket());
            default -> throw S3Exception.of(S3ErrorCode.NOT_IMPLEMENTED);
        };
    }

    @PUT
    @Path("{bucket}")
    public Response put(InputStream body) {
        return switch (s3.operation()) {
            case CREATE_BUCKET -> buckets.createBucket(s3.caller(), s3.bucket(), headers, body);
            case PUT_BUCKET_ACL -> acls.putBucketAcl(s3.caller(), s3.bucket(), headers, body);
            case PUT_BUCKET_OWNERSHIP_CONTROLS -> acls.putOwnershipControls(s3.caller(), s3.bucket(), body);
            case PUT_PUBLIC_ACCESS_BLOCK -> acls.putPublicAccessBlock(s3.caller(), s3.bucket(), body);
            case PUT_BUCKET_POLICY -> policies.putBucketPolicy(s3.caller(), s3.bucket(), body);
            default -> throw S3Exception.of(S3ErrorCode.NOT_IMPLEMENTED);
        };
    }

    @DELETE
    @Path("{bucket}")
    public Response delete() {
        return switch (s3.operation()) {
            case DELETE_BUCKET -> buckets.deleteBucket(s3.caller(), s3.bucket());
            case DELETE_BUCKET_POLICY -> policies.deleteBucketPolicy(s3.caller(), s3.bucket());
            case DELETE_BUCKET_OWNERSHIP_CONTROLS -> acls.deleteOwnershipControls(s3.caller(), s3.bucket());
            case DELETE_PUBLIC_ACCESS_BLOCK -> acls.deletePublicAccessBlock(s3.caller(), s3.bucket());
            default -> throw S3Exception.of(S3ErrorCode.NOT_IMPLEMENTED);
        };
    }

    @POST
    @Path("{bucket}")
    public Response post(InputStream body) {
        return switch (s3.operation()) {
            case DELETE_OBJECTS -> buckets.deleteObjects(s3.caller(), s3.bucket(), headers, body, s3.trailers());
            default -> throw S3Exception.of(S3ErrorCode.NOT_IMPLEMENTED);
        };
    }

    private QueryParams query() {
        return QueryParams.parse(http.getQueryString());
    }
}
