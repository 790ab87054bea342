package io.ghostbay.web.auth;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SigV4 helpers against AWS's published SigV4 test-suite vectors (service "service",
 * us-east-1, AKIDEXAMPLE, 20150830T123600Z), plus canonicalisation edge cases.
 * Vector signatures: aws-sig-v4-test-suite as reproduced in aws-sdk-js-v3's signature-v4
 * suite fixture and several SDK test suites; independently recomputed with python3 hmac/hashlib.
 */
class SigV4Test {

    static final String SUITE_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static final String SUITE_DATE = "20150830T123600Z";
    static final String SUITE_SCOPE = "20150830/us-east-1/service/aws4_request";

    private static String suiteSign(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                                    String signedHeaders) {
        String canonical = SigV4.canonicalRequest(method, SigV4.canonicalUri(rawPath),
                SigV4.canonicalQuery(rawQuery, false),
                SigV4.canonicalHeaders(headers, List.of(signedHeaders.split(";"))), signedHeaders, SigV4.EMPTY_SHA256);
        byte[] key = SigV4.signingKey(SUITE_SECRET, "20150830", "us-east-1", "service");
        return SigV4.signature(key, SigV4.stringToSign(SUITE_DATE, SUITE_SCOPE, canonical));
    }

    private static Map<String, List<String>> suiteHeaders() {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("Host", List.of("example.amazonaws.com"));
        h.put("X-Amz-Date", List.of(SUITE_DATE));
        return h;
    }

    @Test
    void getVanilla() {
        Map<String, List<String>> h = suiteHeaders();
        String canonical = SigV4.canonicalRequest("GET", SigV4.canonicalUri("/"), SigV4.canonicalQuery(null, false),
                SigV4.canonicalHeaders(h, List.of("host", "x-amz-date")), "host;x-amz-date", SigV4.EMPTY_SHA256);
        assertEquals("GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
                + SigV4.EMPTY_SHA256, canonical);
        assertEquals("AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                        + "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
                SigV4.stringToSign(SUITE_DATE, SUITE_SCOPE, canonical));
        assertEquals("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
                suiteSign("GET", "/", null, h, "host;x-amz-date"));
    }

    @Test
    void cachedSigningKeysMatchFreshDerivationsAndCannotBeAlteredByACaller() {
        byte[] derived = SigV4.deriveSigningKey(SUITE_SECRET, "20150830", "us-east-1", "service");
        byte[] first = SigV4.signingKey(SUITE_SECRET, "20150830", "us-east-1", "service");
        java.util.Arrays.fill(first, (byte) 0); // a caller scribbling on its copy
        byte[] second = SigV4.signingKey(SUITE_SECRET, "20150830", "us-east-1", "service");
        org.junit.jupiter.api.Assertions.assertArrayEquals(derived, second);
        // the secret, the day and the region are all part of the cache key
        org.junit.jupiter.api.Assertions.assertFalse(java.util.Arrays.equals(second,
                SigV4.signingKey(SUITE_SECRET + "x", "20150830", "us-east-1", "service")));
        org.junit.jupiter.api.Assertions.assertFalse(java.util.Arrays.equals(second,
                SigV4.signingKey(SUITE_SECRET, "20150831", "us-east-1", "service")));
        org.junit.jupiter.api.Assertions.assertFalse(java.util.Arrays.equals(second,
                SigV4.signingKey(SUITE_SECRET, "20150830", "eu-west-1", "service")));
    }

    @Test
    void postVanilla() {
        assertEquals("5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b",
                suiteSign("POST", "/", null, suiteHeaders(), "host;x-amz-date"));
    }

    @Test
    void getVanillaQueryOrderKeyCase() {
        assertEquals("Param1=value1&Param2=value2", SigV4.canonicalQuery("Param2=value2&Param1=value1", false));
        assertEquals("b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500",
                suiteSign("GET", "/", "Param2=value2&Param1=value1", suiteHeaders(), "host;x-amz-date"));
    }

    @Test
    void getHeaderValueTrim() {
        Map<String, List<String>> h = suiteHeaders();
        h.put("My-Header1", List.of(" value1"));
        h.put("My-Header2", List.of("\"a   b   c\""));
        assertEquals("acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736",
                suiteSign("GET", "/", null, h, "host;my-header1;my-header2;x-amz-date"));
    }

    @Test
    void getHeaderKeyDuplicate() {
        Map<String, List<String>> h = suiteHeaders();
        h.put("My-Header1", List.of("value2", "value2"));
        h.put("my-header1", List.of("value1")); // same header under another case: values still appended in order
        assertEquals("host:example.amazonaws.com\nmy-header1:value2,value2,value1\nx-amz-date:20150830T123600Z\n",
                SigV4.canonicalHeaders(h, List.of("host", "my-header1", "x-amz-date")));
        assertEquals("c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea",
                suiteSign("GET", "/", null, h, "host;my-header1;x-amz-date"));
    }

    @Test
    void hexAndHashes() {
        assertEquals(SigV4.EMPTY_SHA256, SigV4.sha256Hex(new byte[0]));
        assertEquals("00ff10", SigV4.hex(new byte[] {0, (byte) 0xff, 0x10}));
        assertTrue(SigV4.constantTimeEquals("abcd", "ABCD"));
        assertFalse(SigV4.constantTimeEquals("abcd", "abce"));
        assertFalse(SigV4.constantTimeEquals("abcd", "abcde"));
        assertFalse(SigV4.constantTimeEquals("abcd", null));
    }

    @Test
    void uriEncode() {
        assertEquals("AZaz09-_.~", SigV4.uriEncode("AZaz09-_.~", true));
        assertEquals("a%20b%2Bc%25d%2Fe", SigV4.uriEncode("a b+c%d/e", true));
        assertEquals("a%20b%2Bc%25d/e", SigV4.uriEncode("a b+c%d/e", false));
        assertEquals("%E2%82%AC%F0%9F%98%80", SigV4.uriEncode("\u20ac\ud83d\ude00", true));
        assertEquals("%21%2A%27%28%29%3D%26%3A%40", SigV4.uriEncode("!*'()=&:@", true));
    }

    @Test
    void canonicalUriEdgeCases() {
        assertEquals("/", SigV4.canonicalUri(""));
        assertEquals("/", SigV4.canonicalUri(null));
        assertEquals("/bucket/a%20b", SigV4.canonicalUri("/bucket/a%20b"));
        assertEquals("/bucket/a%20b", SigV4.canonicalUri("/bucket/a b")); // raw space (lenient)
        // '+' in a path is a literal plus, never a space
        assertEquals("/bucket/a%2Bb", SigV4.canonicalUri("/bucket/a+b"));
        assertEquals("/bucket/a%2Bb", SigV4.canonicalUri("/bucket/a%2Bb"));
        assertEquals("/bucket/a%2Bb", SigV4.canonicalUri("/bucket/a%2bb"));
        // encoded percent stays encoded once
        assertEquals("/bucket/100%25", SigV4.canonicalUri("/bucket/100%25"));
        // a stray '%' not followed by two hex digits is a literal percent
        assertEquals("/bucket/100%25", SigV4.canonicalUri("/bucket/100%"));
        assertEquals("/bucket/%25zz", SigV4.canonicalUri("/bucket/%zz"));
        // emoji, sent encoded or raw
        assertEquals("/bucket/%F0%9F%98%80.txt", SigV4.canonicalUri("/bucket/%F0%9F%98%80.txt"));
        assertEquals("/bucket/%F0%9F%98%80.txt", SigV4.canonicalUri("/bucket/\ud83d\ude00.txt"));
        // no normalisation for S3
        assertEquals("/bucket/a/../b", SigV4.canonicalUri("/bucket/a/../b"));
        assertEquals("/bucket//key", SigV4.canonicalUri("/bucket//key"));
        assertEquals("/bucket/./k", SigV4.canonicalUri("/bucket/./k"));
        // encoded slash is decoded then kept as a slash (S3 encodes once)
        assertEquals("/bucket/a/b", SigV4.canonicalUri("/bucket/a%2Fb"));
        // sub-delims get encoded
        assertEquals("/bucket/a%3Db%26c%3A%40%21", SigV4.canonicalUri("/bucket/a=b&c:@!"));
        assertEquals("/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
                SigV4.canonicalUri("/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"));
    }

    @Test
    void canonicalQueryEdgeCases() {
        assertEquals("", SigV4.canonicalQuery(null, false));
        assertEquals("", SigV4.canonicalQuery("", false));
        // sub-resources without '=' get an empty value
        assertEquals("acl=", SigV4.canonicalQuery("acl", false));
        assertEquals("uploadId=abc&uploads=", SigV4.canonicalQuery("uploads&uploadId=abc", false));
        assertEquals("a=&b=", SigV4.canonicalQuery("b=&a", false));
        // repeated names sorted by value
        assertEquals("a=1&a=2&a=3", SigV4.canonicalQuery("a=3&a=1&a=2", false));
        // uppercase sorts before lowercase (byte order)
        assertEquals("A=0&B=1&a=2", SigV4.canonicalQuery("a=2&B=1&A=0", false));
        // encoding normalised: %20 stays, lowercase hex upper-cased, '+' is a literal plus
        assertEquals("k=a%20b", SigV4.canonicalQuery("k=a%20b", false));
        assertEquals("k=a%2Bb", SigV4.canonicalQuery("k=a+b", false));
        assertEquals("k=a%2Fb", SigV4.canonicalQuery("k=a%2fb", false));
        assertEquals("k=a%2Fb", SigV4.canonicalQuery("k=a/b", false));
        assertEquals("prefix=%F0%9F%98%80", SigV4.canonicalQuery("prefix=%F0%9F%98%80", false));
        // decoded exactly once: %25 -> '%' (re-encoded as %25), %7E -> '~' (unreserved)
        assertEquals("k=%257E~", SigV4.canonicalQuery("k=%257E%7E", false));
        // value containing '=' keeps it (split on first '=')
        assertEquals("k=a%3Db", SigV4.canonicalQuery("k=a=b", false));
        // empty segments ignored
        assertEquals("a=1&b=2", SigV4.canonicalQuery("a=1&&b=2&", false));
        // presigned: signature dropped
        assertEquals("X-Amz-Date=1&a=", SigV4.canonicalQuery("X-Amz-Signature=ff&a&X-Amz-Date=1", true));
        assertEquals("X-Amz-Date=1&X-Amz-Signature=ff&a=", SigV4.canonicalQuery("X-Amz-Signature=ff&a&X-Amz-Date=1", false));
    }

    @Test
    void parseQueryDecodes() {
        List<Map.Entry<String, String>> q = SigV4.parseQuery("X-Amz-Credential=AK%2F2013%2Fus-east-1&acl&x=a+b");
        assertEquals(3, q.size());
        assertEquals("AK/2013/us-east-1", q.get(0).getValue());
        assertEquals("acl", q.get(1).getKey());
        assertEquals("", q.get(1).getValue());
        assertEquals("a+b", q.get(2).getValue());
    }

    @Test
    void headerValueNormalisation() {
        assertEquals("a b c", SigV4.normalizeHeaderValue("  a   b \t c  "));
        assertEquals("", SigV4.normalizeHeaderValue(null));
    }

    @Test
    void percentDecodeBytes() {
        assertEquals("a b+c", new String(SigV4.percentDecode("a%20b+c"), StandardCharsets.UTF_8));
    }
}
