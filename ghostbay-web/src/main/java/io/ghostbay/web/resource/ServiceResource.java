package io.ghostbay.web.resource;

import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;
import io.ghostbay.web.operation.BucketOperations;
import io.ghostbay.web.routing.S3Request;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** {@code /}: ListBuckets. */
@Path("/")
public class ServiceResource {

    @Inject
    S3Request s3;

    @Inject
    BucketOperations buckets;

    @GET
    public Response get() {
        return switch (s3.operation()) {
            case LIST_BUCKETS -> buckets.listBuckets(s3.caller());
            default -> throw S3Exception.of(S3ErrorCode.NOT_IMPLEMENTED);
        };
    }
}
