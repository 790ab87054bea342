package io.ghostbay.web.auth;

import io.ghostbay.config.GhostBayConfig;
import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;
import io.ghostbay.s3.S3Operation;
import io.ghostbay.service.AccessKeyService;
import io.ghostbay.service.Caller;
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
import java.util.LinkedHashSet;
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

    @Context
    HttpServletRequest http;

    @Inject
    S3Request s3;

    @Inject
    GhostBayConfig config;

    @EJB
    AccessKeyService accessKeys;

    @Override
    public void filter(ContainerRequestContext ctx) {
        String method = ctx.getMethod();
        String rawPath = http.getRequestURI();
        String rawQuery = http.getQueryString();

        Optional<String> hostBucket = VirtualHostResolver.bucketFromHost(ctx.getHeaderString("Host"), config.domain());
        String pathStyle = hostBucket.map(b -> "/" + b + (rawPath.startsWith("/") ? rawPath : "/" + rawPath)).orElse(rawPath);
        String[] bucketAndKey = S3Paths.split(pathStyle);
        s3.address(bucketAndKey[0], bucketAndKey[1]);
        s3.servletRequest(http);

        Set<String> queryNames = new LinkedHashSet<>();
        for (Map.Entry<String, String> p : SigV4.parseQuery(rawQuery)) {
            queryNames.add(p.getKey());
        }
        S3Operation operation = S3RequestClassifier.classify(method, bucketAndKey[0] != null, bucketAndKey[1] != null,
                queryNames, ctx.getHeaderString("x-amz-copy-source") != null);
        s3.operation(operation);
        http.setAttribute(OPERATION_ATTRIBUTE, operation.awsName());

        Caller[] caller = new Caller[1];
        SigV4Verifier verifier = new SigV4Verifier(config.region(), accessKeyId ->
                accessKeys.findActive(accessKeyId).map(c -> {
                    caller[0] = c.caller();
                    return c.secretKey();
                }), Clock.systemUTC());
        AuthenticatedRequest auth = verifier.verify(new SigV4Request(method, rawPath, rawQuery, ctx.getHeaders()));
        if (auth.anonymous() || caller[0] == null) {
            // No anonymous access until bucket policies and ACLs exist.
            throw S3Exception.of(S3ErrorCode.ACCESS_DENIED);
        }
        s3.caller(caller[0]);

        // Always wrapped: RESTEasy's hasEntity() is false for a body sent without Content-Type.
        ctx.setEntityStream(verifiedBody(ctx.getEntityStream(), auth));
        if (hostBucket.isPresent()) {
            URI original = ctx.getUriInfo().getRequestUri();
            ctx.setRequestUri(URI.create(original.getScheme() + "://" + original.getRawAuthority() + pathStyle
                    + (rawQuery == null ? "" : "?" + rawQuery)));
        }
    }

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
