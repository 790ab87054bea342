package io.ghostbay.web.error;

import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;
import io.ghostbay.s3.S3Operation;
import io.ghostbay.web.admin.AdminErrors;
import io.ghostbay.web.auth.S3AuthenticationFilter;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The one renderer of S3 errors: status, XML body (none for HEAD or 304), x-amz-request-id. */
@Provider
public class S3ExceptionMapper implements ExceptionMapper<S3Exception> {
    /** Request attribute: the S3 error code of the response (for the audit log). */
    public static final String ERROR_CODE_ATTRIBUTE = "ghostbay.errorCode";
    private static final Logger LOG = Logger.getLogger(S3ExceptionMapper.class.getName());
    /** Request attribute: the Retry-After seconds to send with a SlowDown (default 1), set by the request limiter. */
    public static final String RETRY_AFTER_ATTRIBUTE = "ghostbay.retryAfter";

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(S3Exception e) {
        return render(e, request);
    }

    static Response render(S3Exception e, HttpServletRequest request) {
        String requestId = RequestIds.of(request);
        if (e.code().status() >= 500) {
            LOG.log(Level.WARNING, "Request " + requestId + " failed: " + e.getMessage(), e.getCause() != null ? e.getCause() : e);
        }
        request.setAttribute(ERROR_CODE_ATTRIBUTE, e.code().code());
        Response.ResponseBuilder rb = Response.status(e.code().status());
        if (e.code() == S3ErrorCode.INVALID_RANGE) {
            e.extraElements().stream().filter(x -> x.getKey().equals("ActualObjectSize")).map(Map.Entry::getValue)
                    .findFirst().ifPresent(size -> rb.header("Content-Range", "bytes */" + size));
        }
        if (e.code() == S3ErrorCode.SLOW_DOWN || e.code() == S3ErrorCode.SERVICE_UNAVAILABLE) {
            Object retryAfter = request.getAttribute(RETRY_AFTER_ATTRIBUTE);
            rb.header("Retry-After", retryAfter == null ? "1" : retryAfter.toString());
        }
        if ("HEAD".equals(request.getMethod()) || e.code().status() == 304) {
            return rb.build();
        }
        if (S3Operation.ADMIN.awsName().equals(request.getAttribute(S3AuthenticationFilter.OPERATION_ATTRIBUTE))) {
            // The admin API speaks JSON, errors included (docs/admin-api.md).
            return rb.type("application/json").entity(AdminErrors.render(e.code(), e.getMessage(), requestId)).build();
        }
        return rb.type("application/xml").entity(ErrorDocument.render(e, requestId)).build();
    }
}
