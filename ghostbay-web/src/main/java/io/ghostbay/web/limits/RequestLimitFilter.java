package io.ghostbay.web.limits;

import io.ghostbay.config.LimitsConfig;
import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;
import io.ghostbay.s3.S3Operation;
import io.ghostbay.web.auth.S3AuthenticationFilter;
import io.ghostbay.web.routing.S3Request;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Limits that need to know the caller: the access key's request rate and its requests in flight
 * (its overrides from the catalog, else {@code ghostbay.limits.key-*}), and the configured key-length
 * limit of writes. Runs right after {@link S3AuthenticationFilter}, still pre-matching: pre-matching
 * filters all run before resource matching, and nothing reads the body before the resource method,
 * so a refused upload is answered without its body being read (with {@code Expect: 100-continue}, without
 * it being sent). Anonymous requests have no key; only the per-address limit applies to them. The
 * admin API is exempt.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION + 10)
public class RequestLimitFilter implements ContainerRequestFilter {
    /** Writes that create a key; reads and deletes of keys stored before a lower limit keep working. */
    private static final Set<S3Operation> KEY_CREATING = Set.of(S3Operation.PUT_OBJECT, S3Operation.COPY_OBJECT,
            S3Operation.CREATE_MULTIPART_UPLOAD);

    @Context
    HttpServletRequest http;

    @Inject
    S3Request s3;

    @Inject
    LimitsConfig config;

    @Inject
    RequestLimits limits;

    @Override
    public void filter(ContainerRequestContext ctx) {
        if (s3.operation() == S3Operation.ADMIN) {
            return;
        }
        if (s3.caller() != null && !s3.caller().anonymous()) {
            limits.admitKey(s3.caller().accessKeyId(), s3.keyLimits(), http);
        }
        checkKeyLength();
    }

    /**
     * The configured key-length limit (below S3's 1024 bytes, which ObjectKeys enforces for every
     * operation). Checked here so that an over-long key is refused before its body is read.
     */
    private void checkKeyLength() {
        int max = config.maxKeyBytes();
        String key = s3.key();
        if (key == null || max >= LimitsConfig.MAX_KEY_BYTES_CEILING || !KEY_CREATING.contains(s3.operation())) {
            return;
        }
        int length = key.getBytes(StandardCharsets.UTF_8).length;
        if (length > max) {
            throw S3Exception.forResource(S3ErrorCode.KEY_TOO_LONG, "/" + s3.bucket())
                    .with("Size", Integer.toString(length)).with("MaxSizeAllowed", Integer.toString(max));
        }
    }
}
