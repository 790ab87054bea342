package io.ghostbay.web.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Test-side client signer built from the SigV4 helpers (headers must already include host/x-amz-date/etc.). */
final class TestSigner {
    static final String AK = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private TestSigner() {
    }

    /** Signs with all given headers; canonical URI is {@code canonicalUri} exactly. Returns the signature. */
    static String sign(String method, String canonicalUri, String rawQuery, Map<String, List<String>> headers,
                       String payloadHash, String amzDate, String region) {
        List<String> names = new ArrayList<>(new TreeMap<String, String>() {{
            for (String k : headers.keySet()) {
                put(k.toLowerCase(Locale.ROOT), k);
            }
        }}.keySet());
        String signedHeaders = String.join(";", names);
        String scope = SigV4.scope(amzDate.substring(0, 8), region, "s3");
        String canonical = SigV4.canonicalRequest(method, canonicalUri, SigV4.canonicalQuery(rawQuery, false),
                SigV4.canonicalHeaders(headers, names), signedHeaders, payloadHash);
        byte[] key = SigV4.signingKey(SECRET, amzDate.substring(0, 8), region, "s3");
        String sig = SigV4.signature(key, SigV4.stringToSign(amzDate, scope, canonical));
        headers.put("Authorization", List.of("AWS4-HMAC-SHA256 Credential=" + AK + "/" + scope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + sig));
        return sig;
    }
}
