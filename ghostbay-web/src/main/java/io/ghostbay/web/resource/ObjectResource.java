package io.ghostbay.web.resource;

import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;
import io.ghostbay.web.operation.AclOperations;
import io.ghostbay.web.operation.TaggingOperations;
import io.ghostbay.web.operation.MultipartOperations;
import io.ghostbay.web.operation.ObjectOperations;
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
 * {@code /{bucket}/{key}}: routing only. The key itself is decoded by the pre-matching filter from
 * the raw request path (the path parameter is not used, so JAX-RS decoding and matrix-parameter
 * handling never alter a key).
 *
 * <p>Application-scoped, like {@link BucketResource}: RESTEasy would otherwise build a request-scoped
 * instance, with its five injections, for every request (4.5 % of a small GET's CPU in a profile); the
 * {@code @Context} fields are then RESTEasy's per-thread proxies and every {@code @Inject} is
 * application-scoped or a client proxy of the request-scoped {@link S3Request}.
 */
@ApplicationScoped
@Path("/{bucket}/{key: .+}")
public class ObjectResource {

    @Inject
    AclOperations acls;

    @Inject
    TaggingOperations tagging;

    @Inject
    S3Request s3;

    @Inject
    ObjectOperations objects;

    @Inject
    MultipartOperations multipart;

    @Context
    HttpHeaders headers;

    @Context
    HttpServletRequest http;

    @GET
    public Response get() {
        return switch (s3.operation()) {
            case GET_OBJECT -> objects.getObject(s3, headers, query(), false);
            case LIST_PARTS -> multipart.listParts(s3, query());
            case GET_OBJECT_ATTRIBUTES -> objects.getObjectAttributes(s3, headers, query());
            case GET_OBJECT_ACL -> acls.getObjectAcl(s3.caller(), s3.bucket(), s3.key());
            case GET_OBJECT_TAGGING -> tagging.getObjectTagging(s3.caller(), s3.bucket(), s3.key());
            default -> throw S3Exception.of(S3ErrorCode.NOT_IMPLEMENTED);
        };
    }

    @HEAD
    public Response head() {
        return switch (s3.operation()) {
            case HEAD_OBJECT -> objects.getObject(s3, headers, query(), true);
            default -> throw S3Exception.of(S3ErrorCode.NOT_IMPLEMENTED);
        };
    }

    @PUT
    public Response put(InputStream body) {
        return switch (s3.operation()) {
            case PUT_OBJECT -> objects.putObject(s3, headers, body);
            case PUT_OBJECT_ACL -> acls.putObjectAcl(s3.caller(), s3.bucket(), s3.key(), headers, body);
            case PUT_OBJECT_TAGGING -> tagging.putObjectTagging(s3.caller(), s3.bucket(), s3.key(), body);
            case COPY_OBJECT -> objects.copyObject(s3, headers);
            case UPLOAD_PART -> multipart.uploadPart(s3, headers, query(), body);
            case UPLOAD_PART_COPY -> multipart.uploadPartCopy(s3, headers, query());
            default -> throw S3Exception.of(S3ErrorCode.NOT_IMPLEMENTED);
        };
    }

    @DELETE
    public Response delete() {
        return switch (s3.operation()) {
            case DELETE_OBJECT -> objects.deleteObject(s3, query());
            case DELETE_OBJECT_TAGGING -> tagging.deleteObjectTagging(s3.caller(), s3.bucket(), s3.key());
            case ABORT_MULTIPART_UPLOAD -> multipart.abortMultipartUpload(s3, query());
            default -> throw S3Exception.of(S3ErrorCode.NOT_IMPLEMENTED);
        };
    }

    @POST
    public Response post(InputStream body) {
        return switch (s3.operation()) {
            case CREATE_MULTIPART_UPLOAD -> multipart.createMultipartUpload(s3, headers);
            case COMPLETE_MULTIPART_UPLOAD -> multipart.completeMultipartUpload(s3, headers, query(), body);
            default -> throw S3Exception.of(S3ErrorCode.NOT_IMPLEMENTED);
        };
    }

    private QueryParams query() {
        return QueryParams.parse(http.getQueryString());
    }
}
