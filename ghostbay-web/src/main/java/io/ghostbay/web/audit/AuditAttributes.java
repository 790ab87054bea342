package io.ghostbay.web.audit;

import io.ghostbay.s3.S3Exception;
import io.ghostbay.service.Caller;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What the JAX-RS layer learns about a request and the servlet filter needs for its audit record,
 * passed as request attributes: the pre-matching authentication filter runs inside the servlet
 * filter's {@code chain.doFilter}, and attributes are the one channel both see.
 */
public final class AuditAttributes {
    public static final String BUCKET = "ghostbay.audit.bucket";
    public static final String KEY = "ghostbay.audit.key";
    public static final String PRINCIPAL = "ghostbay.audit.principal";
    public static final String KEY_ID = "ghostbay.audit.keyId";
    /** How the request authenticated: {@link #SIGNED}, {@link #PRESIGNED}, {@link #ANONYMOUS} or {@link #FAILED}. */
    public static final String AUTH = "ghostbay.audit.auth";
    public static final String AUTH_FAILURE_CODE = "ghostbay.audit.authFailureCode";
    public static final String AUTH_FAILURE_MESSAGE = "ghostbay.audit.authFailureMessage";

    public static final String SIGNED = "signed";
    public static final String PRESIGNED = "presigned";
    public static final String ANONYMOUS = "anonymous";
    public static final String FAILED = "failed";

    private AuditAttributes() {
    }

    /** The bucket and key the request addresses (either may be null). */
    public static void address(HttpServletRequest http, String bucket, String key) {
        http.setAttribute(BUCKET, bucket);
        http.setAttribute(KEY, key);
    }

    /** The authenticated (or anonymous) caller. */
    public static void caller(HttpServletRequest http, Caller caller, boolean presigned) {
        if (caller.anonymous()) {
            http.setAttribute(AUTH, ANONYMOUS);
            return;
        }
        http.setAttribute(AUTH, presigned ? PRESIGNED : SIGNED);
        http.setAttribute(PRINCIPAL, caller.displayName());
        http.setAttribute(KEY_ID, caller.accessKeyId());
    }

    /**
     * Signature verification refused the request. Only the error's code and message are kept: they
     * never contain the secret or the signature (SigV4Verifier's messages name the problem, not
     * the values; StringToSign and the like are extra elements, which are not kept).
     */
    public static void authFailure(HttpServletRequest http, S3Exception e) {
        http.setAttribute(AUTH, FAILED);
        http.setAttribute(AUTH_FAILURE_CODE, e.code().code());
        http.setAttribute(AUTH_FAILURE_MESSAGE, e.getMessage());
    }
}
