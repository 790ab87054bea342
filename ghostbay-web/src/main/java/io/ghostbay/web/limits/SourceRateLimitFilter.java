package io.ghostbay.web.limits;

import io.ghostbay.config.GhostBayConfig;
import io.ghostbay.web.auth.S3AuthenticationFilter;
import io.ghostbay.web.routing.VirtualHostResolver;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * The per-source-address rate limit ({@code ghostbay.limits.ip-rate}). It counts every request from
 * an address, signed or not, and runs before {@link S3AuthenticationFilter}: a flood, badly signed
 * requests included, is refused without a catalog lookup per request and before any body byte is
 * read. The admin API is exempt, so that an operator can always reach it; /health and /metrics are
 * other applications and never pass through here.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class SourceRateLimitFilter implements ContainerRequestFilter {

    @Context
    HttpServletRequest http;

    @Inject
    GhostBayConfig config;

    @Inject
    RequestLimits limits;

    @Override
    public void filter(ContainerRequestContext ctx) {
        if (isAdminApi(http.getRequestURI(), ctx.getHeaderString("Host"))) {
            return;
        }
        limits.checkSource(http);
    }

    /** The same test S3AuthenticationFilter applies: the admin root, path style only. */
    private boolean isAdminApi(String rawPath, String host) {
        String root = S3AuthenticationFilter.ADMIN_ROOT;
        return (rawPath.equals(root) || rawPath.startsWith(root + "/"))
                && VirtualHostResolver.bucketFromHost(host, config.domain()).isEmpty();
    }
}
