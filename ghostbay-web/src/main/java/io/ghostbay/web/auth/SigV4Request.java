package io.ghostbay.web.auth;

import java.util.List;
import java.util.Map;

/**
 * The parts of an HTTP request SigV4 needs.
 *
 * @param method   HTTP method, e.g. "GET"
 * @param rawPath  the path exactly as received (still percent-encoded), e.g. "/bucket/a%20b"
 * @param rawQuery the raw query string without '?', or null
 * @param headers  request headers; names in any case
 */
public record SigV4Request(String method, String rawPath, String rawQuery, Map<String, List<String>> headers) {

    public SigV4Request {
        headers = headers == null ? Map.of() : headers;
    }

    /** First value of the header (case-insensitive name), or null. */
    public String header(String name) {
        List<String> v = SigV4.headerValues(headers, name);
        return v.isEmpty() ? null : v.get(0);
    }

    /** All values of the header (case-insensitive name), possibly empty. */
    public List<String> headerValues(String name) {
        return SigV4.headerValues(headers, name);
    }
}
