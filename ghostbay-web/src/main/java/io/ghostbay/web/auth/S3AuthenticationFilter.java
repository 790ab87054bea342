package io.ghostbay.web.auth;

import io.ghostbay.config.GhostBayConfig;
import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;
import io.ghostbay.s3.S3Operation;
import io.ghostbay.service.AccessContext;
import io.ghostbay.service.AccessKeyService;
import io.ghostbay.service.Caller;
import io.ghostbay.web.audit.AuditAttributes;
import io.ghostbay.web.routing.S3Paths;
import io.ghostbay.web.routing.S3Request;
import io.ghostbay.web.routing.S3RequestClassifier;
import io.ghostbay.web.routing.VirtualHostResolver;

import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs before JAX-RS matching, and before anything reads the body (so that a rejected
 * {@code Expect: 100-continue} upload is refused without its body being sent):
 * resolves virtual-host addressing, classifies the operation, verifies the SigV4 signature,
 * and wraps the body in the decoder/verifier its payload mode requires.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class S3AuthenticationFilter implements ContainerRequestFilter {
    public static final String OPERATION_ATTRIBUTE = "ghostbay.operation";
    /** The admin REST API's root: {@code _ghostbay} can never be a bucket name (no underscores). */
    public static final String ADMIN_ROOT = "/_ghostbay/admin";

    @Context
    HttpServletRequest http;

    @Inject
    S3Request s3;

    @Inject
    GhostBayConfig config;

    @EJB
    AccessKeyService accessKeys;

    @Inject
    io.ghostbay.config.LimitsConfig limits;

    @Override
    public void filter(ContainerRequestContext ctx) {
        String method = ctx.getMethod();
        String rawPath = http.getRequestURI();
        String rawQuery = http.getQueryString();

        Optional<String> hostBucket = VirtualHostResolver.bucketFromHost(ctx.getHeaderString("Host"), config.domain());
        String pathStyle = hostBucket.map(b -> "/" + b + (rawPath.startsWith("/") ? rawPath : "/" + rawPath)).orElse(rawPath);
        String[] bucketAndKey = S3Paths.split(pathStyle);
        s3.address(bucketAndKey[0], bucketAndKey[1]);
        AuditAttributes.address(http, bucketAndKey[0], bucketAndKey[1]);
        s3.servletRequest(http);

        List<Map.Entry<String, String>> query = SigV4.parseQuery(rawQuery);
        Set<String> queryNames = new LinkedHashSet<>();
        for (Map.Entry<String, String> p : query) {
            queryNames.add(p.getKey());
        }
        boolean admin = hostBucket.isEmpty() && (rawPath.equals(ADMIN_ROOT) || rawPath.startsWith(ADMIN_ROOT + "/"));
        S3Operation operation = admin ? S3Operation.ADMIN : S3RequestClassifier.classify(method, bucketAndKey[0] != null,
                bucketAndKey[1] != null, queryNames, ctx.getHeaderString("x-amz-copy-source") != null);
        s3.operation(operation);
        http.setAttribute(OPERATION_ATTRIBUTE, operation.awsName());

        requireHeaderSectionWithinLimit(ctx);

        AccessKeyService.Credentials[] credentials = new AccessKeyService.Credentials[1];
        SigV4Verifier verifier = new SigV4Verifier(config.region(), accessKeyId -> {
            AccessKeyService.Credentials cached = AccessKeyService.findCached(accessKeyId, config.keyCacheTtl());
            return (cached != null ? Optional.of(cached) : accessKeys.findActive(accessKeyId)).map(c -> {
                credentials[0] = c;
                return c.secretKey();
            });
        }, Clock.systemUTC());
        AuthenticatedRequest auth;
        try {
            auth = verifier.verify(new SigV4Request(method, rawPath, rawQuery, ctx.getHeaders()));
        } catch (S3Exception e) {
            AuditAttributes.authFailure(http, e);
            throw e;
        }
        AccessContext context = accessContext(ctx, query, auth);
        if (auth.anonymous() || credentials[0] == null) {
            // Anonymous requests go on: a bucket policy may allow them (AuthorizationService decides).
            s3.caller(Caller.anonymous(context));
        } else {
            s3.caller(credentials[0].caller().withContext(context));
            s3.keyLimits(credentials[0].limits());
            long now = System.currentTimeMillis();
            if (credentials[0].lastUsedIsStale(now)) {
                accessKeys.markUsed(credentials[0].caller().accessKeyId(), credentials[0].keyRowId(), now);
            }
        }
        AuditAttributes.caller(http, s3.caller(), auth.presigned());
        if (admin && !s3.caller().admin()) {
            throw S3Exception.of(S3ErrorCode.ACCESS_DENIED);
        }

        // Always wrapped: RESTEasy's hasEntity() is false for a body sent without Content-Type.
        ctx.setEntityStream(verifiedBody(ctx.getEntityStream(), auth));
        if (hostBucket.isPresent()) {
            URI original = ctx.getUriInfo().getRequestUri();
            ctx.setRequestUri(URI.create(original.getScheme() + "://" + original.getRawAuthority() + pathStyle
                    + (rawQuery == null ? "" : "?" + rawQuery)));
        }
    }

    /** AWS's 8 KB request header limit, as an S3 error (Liberty's wider limits answer with a bare 400). */
    private void requireHeaderSectionWithinLimit(ContainerRequestContext ctx) {
        long size = 0;
        for (Map.Entry<String, List<String>> h : ctx.getHeaders().entrySet()) {
            for (String v : h.getValue()) {
                size += h.getKey().length() + 4L + v.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            }
        }
        if (size > limits.headerSectionBytes()) {
            throw S3Exception.of(S3ErrorCode.REQUEST_HEADER_SECTION_TOO_LARGE);
        }
    }

    /** The facts bucket-policy conditions may test (aws:* and s3:* condition keys) for this request. */
    private AccessContext accessContext(ContainerRequestContext ctx, List<Map.Entry<String, String>> query,
                                        AuthenticatedRequest auth) {
        Map<String, List<String>> values = new HashMap<>();
        for (Map.Entry<String, String> p : query) {
            String condition = LISTING_CONDITION_KEYS.get(p.getKey());
            if (condition != null) {
                values.put(condition, List.of(p.getValue()));
            }
        }
        for (Map.Entry<String, String> h : HEADER_CONDITION_KEYS.entrySet()) {
            String v = ctx.getHeaderString(h.getKey());
            if (v != null) {
                values.put(h.getValue(), List.of(v));
            }
        }
        if (!auth.anonymous()) {
            values.put("s3:authType", List.of(auth.presigned() ? "REST-QUERY-STRING" : "REST-HEADER"));
            values.put("s3:signatureversion", List.of("AWS4-HMAC-SHA256"));
        }
        return new AccessContext(http.getRemoteAddr(), http.isSecure(), values);
    }

    /** Query parameters that ListObjects conditions test, by their condition key. */
    private static final Map<String, String> LISTING_CONDITION_KEYS = Map.of("prefix", "s3:prefix",
            "delimiter", "s3:delimiter", "max-keys", "s3:max-keys");

    /** Request headers that conditions test, by their condition key. */
    private static final Map<String, String> HEADER_CONDITION_KEYS = Map.of("x-amz-acl", "s3:x-amz-acl",
            "If-None-Match", "s3:if-none-match", "x-amz-content-sha256", "s3:x-amz-content-sha256",
            "x-amz-copy-source", "s3:x-amz-copy-source", "x-amz-metadata-directive", "s3:x-amz-metadata-directive",
            "User-Agent", "aws:UserAgent", "Referer", "aws:Referer");

    private InputStream verifiedBody(InputStream raw, AuthenticatedRequest auth) {
        switch (auth.payloadMode()) {
            case STREAMING_SIGNED:
            case STREAMING_SIGNED_TRAILER:
            case STREAMING_UNSIGNED_TRAILER: {
                AwsChunkedInputStream chunked = new AwsChunkedInputStream(raw, auth.chunkSigning(), auth.payloadMode().hasTrailer());
                s3.chunkedBody(chunked);
                return chunked;
            }
            case SIGNED_HEX:
                return SigV4.EMPTY_SHA256.equals(auth.payloadSha256Hex()) && "GET".equals(http.getMethod()) ? raw
                        : new PayloadSha256VerifyingInputStream(raw, auth.payloadSha256Hex());
            default:
                return raw;
        }
    }
}
