package it.io.ghostbay.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A raw HTTP response: status, headers (lower-cased names) and body bytes. */
public final class RawResponse {
    public final int status;
    public final String statusLine;
    public final Map<String, List<String>> headers;
    public final byte[] body;

    public RawResponse(int status, String statusLine, Map<String, List<String>> headers, byte[] body) {
        this.status = status;
        this.statusLine = statusLine;
        TreeMap<String, List<String>> h = new TreeMap<>();
        headers.forEach((k, v) -> {
            if (k != null) {
                h.put(k.toLowerCase(Locale.ROOT), v);
            }
        });
        this.headers = h;
        this.body = body;
    }

    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The first {@code <tag>} element's text in the body, or null. */
    public String xmlElement(String tag) {
        Matcher m = Pattern.compile("<" + tag + ">(.*?)</" + tag + ">", Pattern.DOTALL).matcher(bodyText());
        return m.find() ? m.group(1) : null;
    }

    public String errorCode() {
        return xmlElement("Code");
    }

    /** Asserts an S3 error: the status, an XML Error document with the code, and an x-amz-request-id. */
    public RawResponse assertError(int expectedStatus, String expectedCode) {
        String ctx = describe();
        assertEquals(expectedStatus, status, "status; " + ctx);
        assertNotNull(header("x-amz-request-id"), "x-amz-request-id header missing; " + ctx);
        assertFalse(header("x-amz-request-id").isBlank(), "x-amz-request-id header blank; " + ctx);
        String text = bodyText();
        assertTrue(text.contains("<Error>") || text.contains("<Error "), "body is not an XML <Error>; " + ctx);
        assertEquals(expectedCode, errorCode(), "error <Code>; " + ctx);
        return this;
    }

    public String describe() {
        String text = bodyText();
        if (text.length() > 600) {
            text = text.substring(0, 600) + "...";
        }
        return "response " + statusLine + " headers=" + headers + " body=" + text;
    }

    @Override
    public String toString() {
        return describe();
    }
}
