package io.ghostbay.web.routing;

import io.ghostbay.config.GhostBayConfig;
import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.web.audit.AuditAttributes;
import io.ghostbay.web.audit.AuditLog;
import io.ghostbay.web.audit.AuditRecord;
import io.ghostbay.web.auth.S3AuthenticationFilter;
import io.ghostbay.web.error.RequestIds;
import io.ghostbay.web.error.S3ExceptionMapper;
import io.ghostbay.web.metrics.S3Metrics;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Outermost layer of every request: gives it an x-amz-request-id (set before anything can be
 * committed, so error pages carry it too) and records its metrics and its audit record once the
 * response is complete (health probes and metric scrapes are not audited).
 */
@WebFilter(urlPatterns = "/*", dispatcherTypes = DispatcherType.REQUEST)
public class S3ServletFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(S3ServletFilter.class.getName());

    @Inject
    S3Metrics metrics;

    @Inject
    GhostBayConfig config;

    @Inject
    AuditLog auditLog;

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain) throws IOException, ServletException {
        long start = System.nanoTime();
        Instant arrived = Instant.now();
        String requestId = RequestIds.newId();
        req.setAttribute(RequestIds.ATTRIBUTE, requestId);
        resp.setHeader("x-amz-request-id", requestId);
        resp.setHeader("x-amz-id-2", requestId);
        // Liberty writes Content-Language from the response locale when it commits the headers; with the
        // root locale there is no language to write (S3 sends Content-Language only when stored).
        resp.setLocale(java.util.Locale.ROOT);
        // Browsers may be pointed at objects (public buckets, presigned URLs): never let them guess a type.
        resp.setHeader("X-Content-Type-Options", "nosniff");
        if (req.isSecure()) {
            if (config.hstsMaxAgeSeconds() > 0) {
                resp.setHeader("Strict-Transport-Security", "max-age=" + config.hstsMaxAgeSeconds());
            }
        } else if (config.redirectHttp() && !isProbe(req.getRequestURI())) {
            // 307 keeps the method and body; a signed request must then be re-signed for the new Host anyway.
            resp.setHeader("Location", httpsLocation(req.getServerName(), config.httpsPort(), req.getRequestURI(),
                    req.getQueryString()));
            resp.setStatus(307);
            resp.setContentLength(0);
            audit(req, resp, true, arrived, System.nanoTime() - start, 0, 0);
            return;
        }
        ByteCounting.Request counted = new ByteCounting.Request(req);
        S3ServletResponse response = new S3ServletResponse(req, resp);
        boolean completed = false;
        try {
            chain.doFilter(counted, response);
            completed = true;
        } finally {
            closeOnCompletion(req);
            long nanos = System.nanoTime() - start;
            Object op = req.getAttribute(S3AuthenticationFilter.OPERATION_ATTRIBUTE);
            String bytesOut = resp.getHeader("Content-Length");
            metrics.record(op == null ? "Unknown" : op.toString(), resp.getStatus(), nanos,
                    Math.max(0, req.getContentLengthLong()), parseLong(bytesOut));
            Object authFailure = req.getAttribute(AuditAttributes.AUTH_FAILURE_CODE);
            if (authFailure != null) {
                metrics.authFailure(authFailure.toString());
            }
            audit(req, resp, completed, arrived, nanos, counted.bytesRead(), response.bytesWritten());
        }
    }

    /**
     * Queues the request's audit record. An exception still on its way out becomes the container's
     * error page after this filter: it is recorded as the 500 InternalError the client will get.
     */
    private void audit(HttpServletRequest req, HttpServletResponse resp, boolean completed, Instant arrived, long nanos,
                       long bytesIn, long bytesOut) {
        if (isProbe(req.getRequestURI())) {
            return;
        }
        int status = resp.getStatus();
        Object errorCode = req.getAttribute(S3ExceptionMapper.ERROR_CODE_ATTRIBUTE);
        if (!completed && !resp.isCommitted()) {
            status = 500;
            errorCode = S3ErrorCode.INTERNAL_ERROR.code();
        }
        try {
            auditLog.record(AuditRecord.of(req, status, errorCode == null ? null : errorCode.toString(), arrived, nanos,
                    bytesIn, bytesOut));
        } catch (RuntimeException e) {
            // the response is done; a bug in building the record must not turn it into an error
            LOG.log(Level.WARNING, "Audit record of request " + RequestIds.of(req) + " not written", e);
        }
    }

    /**
     * Request attribute: an {@link AutoCloseable} to close once the response is complete, streamed bodies
     * and error responses included (the request-limit filter's concurrency permit).
     */
    public static final String CLOSE_ON_COMPLETION = "ghostbay.closeOnCompletion";

    private static void closeOnCompletion(HttpServletRequest req) {
        if (req.getAttribute(CLOSE_ON_COMPLETION) instanceof AutoCloseable c) {
            req.removeAttribute(CLOSE_ON_COMPLETION);
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("Cannot close " + c, e);
            }
        }
    }

    /** Request attribute: the Content-Type to send exactly as stored (set by GetObject). */
    public static final String EXACT_CONTENT_TYPE = "ghostbay.exactContentType";

    /**
     * S3 returns an object's Content-Type byte for byte as it was stored. JAX-RS re-serialises media
     * types when it writes an entity ({@code text/x; charset=a} becomes {@code text/x;charset=a}), so
     * the exact stored value is substituted here, where the container receives the header.
     */
    static final class S3ServletResponse extends jakarta.servlet.http.HttpServletResponseWrapper {
        private final HttpServletRequest request;

        S3ServletResponse(HttpServletRequest request, HttpServletResponse response) {
            super(response);
            this.request = request;
        }

        private String exact(String value) {
            Object v = request.getAttribute(EXACT_CONTENT_TYPE);
            return v == null ? value : v.toString();
        }

        @Override
        public void setContentType(String type) {
            super.setContentType(exact(type));
        }

        @Override
        public void setHeader(String name, String value) {
            super.setHeader(name, "Content-Type".equalsIgnoreCase(name) ? exact(value) : value);
        }

        @Override
        public void addHeader(String name, String value) {
            if ("Content-Type".equalsIgnoreCase(name)) {
                super.setHeader(name, exact(value));
            } else {
                super.addHeader(name, value);
            }
        }

        @Override
        public void setLocale(java.util.Locale locale) {
            // S3 sends Content-Language only when the object has one
        }

        private ByteCounting.CountingOutput output;

        @Override
        public jakarta.servlet.ServletOutputStream getOutputStream() throws IOException {
            if (output == null) {
                output = new ByteCounting.CountingOutput(super.getOutputStream());
            }
            return output;
        }

        /** Body bytes written through {@link #getOutputStream()}. */
        long bytesWritten() {
            return output == null ? 0 : output.count;
        }
    }

    /** Kubernetes probes and Prometheus scrape over plain HTTP; they are never redirected. */
    static boolean isProbe(String uri) {
        // whole path segments: a bucket named "healthy" or "metrics-2026" is S3 traffic, audited and redirected
        return uri.equals("/health") || uri.startsWith("/health/") || uri.equals("/metrics") || uri.startsWith("/metrics/");
    }

    /** Where a plain-HTTP request is redirected: the same host name, path and query on the HTTPS port. */
    static String httpsLocation(String serverName, int httpsPort, String rawPath, String rawQuery) {
        String host = serverName.contains(":") && !serverName.startsWith("[") ? "[" + serverName + "]" : serverName;
        return "https://" + host + (httpsPort == 443 ? "" : ":" + httpsPort) + rawPath + (rawQuery == null ? "" : "?" + rawQuery);
    }

    private static long parseLong(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
