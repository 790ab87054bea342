package io.ghostbay.web.error;

import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;

import jakarta.ejb.EJBException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Everything that is not already an S3Exception becomes one: an S3Exception wrapped by the EJB
 * container is unwrapped, JAX-RS's own 404/405/415 get their S3 codes, the rest is InternalError.
 * Clients therefore never see an HTML error page or a stack trace.
 */
@Provider
public class FallbackExceptionMapper implements ExceptionMapper<Throwable> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(Throwable t) {
        return S3ExceptionMapper.render(toS3(t), request);
    }

    static S3Exception toS3(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof S3Exception s3) {
                return s3;
            }
            if (c == c.getCause()) {
                break;
            }
        }
        if (t instanceof NotAllowedException) {
            return S3Exception.of(S3ErrorCode.METHOD_NOT_ALLOWED);
        }
        if (t instanceof NotFoundException) {
            return S3Exception.of(S3ErrorCode.INVALID_URI);
        }
        if (t instanceof NotSupportedException) {
            return S3Exception.of(S3ErrorCode.INVALID_REQUEST, "Unsupported Content-Type.");
        }
        if (t instanceof WebApplicationException w && w.getResponse() != null && w.getResponse().getStatus() < 500) {
            return S3Exception.of(S3ErrorCode.INVALID_REQUEST, w.getMessage());
        }
        if (t instanceof EJBException) {
            return S3Exception.of(S3ErrorCode.INTERNAL_ERROR, S3ErrorCode.INTERNAL_ERROR.defaultMessage(), t);
        }
        return S3Exception.of(S3ErrorCode.INTERNAL_ERROR, S3ErrorCode.INTERNAL_ERROR.defaultMessage(), t);
    }
}
