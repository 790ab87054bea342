package io.ghostbay.web.error;

import io.ghostbay.s3.S3ErrorCode;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Target of the web.xml error pages: errors raised by the servlet container before JAX-RS
 * dispatch (bad URIs, unparsable requests) still answer with an S3 XML error document.
 */
@WebServlet(urlPatterns = "/__ghostbay/error")
public class ErrorPageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Object statusAttr = req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = statusAttr instanceof Integer i ? i : 500;
        S3ErrorCode code = switch (status) {
            case 400 -> S3ErrorCode.INVALID_REQUEST;
            case 403 -> S3ErrorCode.ACCESS_DENIED;
            case 404 -> S3ErrorCode.INVALID_URI;
            case 405 -> S3ErrorCode.METHOD_NOT_ALLOWED;
            case 411 -> S3ErrorCode.MISSING_CONTENT_LENGTH;
            case 413 -> S3ErrorCode.ENTITY_TOO_LARGE;
            default -> status >= 500 ? S3ErrorCode.INTERNAL_ERROR : S3ErrorCode.INVALID_REQUEST;
        };
        String requestId = RequestIds.of(req);
        req.setAttribute(S3ExceptionMapper.ERROR_CODE_ATTRIBUTE, code.code());
        resp.setStatus(code.status());
        resp.setHeader("x-amz-request-id", requestId);
        if ("HEAD".equals(req.getMethod())) {
            return;
        }
        resp.setContentType("application/xml");
        byte[] body = ErrorDocument.render(code, code.defaultMessage(), null, requestId).getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
