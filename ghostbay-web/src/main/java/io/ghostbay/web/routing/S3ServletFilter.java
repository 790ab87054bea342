package io.ghostbay.web.routing;

import io.ghostbay.web.auth.S3AuthenticationFilter;
import io.ghostbay.web.error.RequestIds;
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

/**
 * Outermost layer of every request: gives it an x-amz-request-id (set before anything can be
 * committed, so error pages carry it too) and records its metrics once the response is complete.
 */
@WebFilter(urlPatterns = "/*", dispatcherTypes = DispatcherType.REQUEST)
public class S3ServletFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    @Inject
    S3Metrics metrics;

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain) throws IOException, ServletException {
        long start = System.nanoTime();
        String requestId = RequestIds.newId();
        req.setAttribute(RequestIds.ATTRIBUTE, requestId);
        resp.setHeader("x-amz-request-id", requestId);
        resp.setHeader("x-amz-id-2", requestId);
        resp.setHeader("Content-Language", null);
        try {
            chain.doFilter(req, new NoLocaleResponse(resp));
        } finally {
            Object op = req.getAttribute(S3AuthenticationFilter.OPERATION_ATTRIBUTE);
            String bytesOut = resp.getHeader("Content-Length");
            metrics.record(op == null ? "Unknown" : op.toString(), resp.getStatus(), System.nanoTime() - start,
                    Math.max(0, req.getContentLengthLong()), parseLong(bytesOut));
        }
    }

    /**
     * Liberty derives a Content-Language header from the response locale; S3 sends Content-Language
     * only when the object has one, so the container's locale handling is switched off.
     */
    static final class NoLocaleResponse extends jakarta.servlet.http.HttpServletResponseWrapper {
        NoLocaleResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setLocale(java.util.Locale locale) {
            // ignored: see class comment
        }
    }

    private static long parseLong(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
