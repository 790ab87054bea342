package io.ghostbay.web.auth;

import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies AWS Signature Version 4 requests (Authorization header or presigned query string)
 * for the S3 service in one configured region. Thread-safe.
 */
public final class SigV4Verifier {

    /** Looks up the secret key of an access key id. */
    @FunctionalInterface
    public interface SecretLookup {
        Optional<String> secretFor(String accessKeyId);
    }

    public static final String SERVICE = "s3";
    public static final long MAX_SKEW_MILLIS = 900_000L;
    public static final long MAX_PRESIGNED_EXPIRES_SECONDS = 604_800L;

    private static final Duration MAX_SKEW = Duration.ofMillis(MAX_SKEW_MILLIS);
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final String region;
    private final SecretLookup secrets;
    private final Clock clock;

    public SigV4Verifier(String region, SecretLookup secrets, Clock clock) {
        this.region = Objects.requireNonNull(region, "region");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String region() {
        return region;
    }

    /**
     * Authenticates the request. Returns an anonymous result (accessKeyId null) when the request
     * carries neither an Authorization header nor presigned query parameters.
     *
     * @throws S3Exception on any authentication failure
     */
    public AuthenticatedRequest verify(SigV4Request req) {
        String authorization = req.header("Authorization");
        List<Map.Entry<String, String>> query = SigV4.parseQuery(req.rawQuery());
        String algorithmParam = first(query, "X-Amz-Algorithm");
        if (authorization != null && !authorization.isBlank()) {
            if (algorithmParam != null) {
                throw S3Exception.of(S3ErrorCode.INVALID_ARGUMENT,
                        "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query "
                                + "string parameter or the Authorization header should be specified")
                        .with("ArgumentName", "Authorization").with("ArgumentValue", authorization);
            }
            String a = authorization.strip();
            if (a.startsWith(SigV4.ALGORITHM + " ") || a.startsWith(SigV4.ALGORITHM + "\t")) {
                return verifyHeader(req, a.substring(SigV4.ALGORITHM.length()), query);
            }
            if (a.equals(SigV4.ALGORITHM)) {
                throw malformed("The authorization header is malformed; the authorization component is missing.");
            }
            throw S3Exception.of(S3ErrorCode.INVALID_REQUEST,
                    "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.");
        }
        if (algorithmParam != null) {
            if (!SigV4.ALGORITHM.equals(algorithmParam)) {
                throw S3Exception.of(S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                        "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
            }
            return verifyPresigned(req, query);
        }
        return anonymous(req);
    }

    // ------------------------------------------------------------------ anonymous

    private AuthenticatedRequest anonymous(SigV4Request req) {
        String contentSha = req.header("x-amz-content-sha256");
        if (contentSha == null) {
            return new AuthenticatedRequest(null, PayloadMode.UNSIGNED, null, null, false);
        }
        PayloadMode mode = payloadMode(contentSha.strip());
        if (mode.chunksSigned()) {
            throw S3Exception.of(S3ErrorCode.INVALID_REQUEST,
                    "A signed streaming payload requires an authenticated request.");
        }
        return new AuthenticatedRequest(null, mode,
                mode == PayloadMode.SIGNED_HEX ? contentSha.strip().toLowerCase(Locale.ROOT) : null, null, false);
    }

    // ------------------------------------------------------------------ header auth

    private AuthenticatedRequest verifyHeader(SigV4Request req, String components, List<Map.Entry<String, String>> query) {
        Map<String, String> parts = new LinkedHashMap<>();
        for (int i = 0, n = components.length(); i < n; ) {
            while (i < n && isComponentSeparator(components.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isComponentSeparator(components.charAt(i))) {
                i++;
            }
            if (i == start) {
                continue;
            }
            String token = components.substring(start, i);
            int eq = token.indexOf('=');
            if (eq <= 0) {
                throw malformed("The authorization header is malformed; the authorization component \""
                        + token + "\" is malformed.");
            }
            String key = token.substring(0, eq);
            if (parts.putIfAbsent(key, token.substring(eq + 1)) != null) {
                throw malformed("The authorization header is malformed; the authorization component \""
                        + key + "\" is repeated.");
            }
        }
        String credential = parts.get("Credential");
        String signedHeadersStr = parts.get("SignedHeaders");
        String signature = parts.get("Signature");
        if (credential == null || credential.isEmpty()) {
            throw malformed("The authorization header is malformed; the Credential is missing.");
        }
        if (signedHeadersStr == null || signedHeadersStr.isEmpty()) {
            throw malformed("The authorization header is malformed; the SignedHeaders is missing.");
        }
        if (signature == null || signature.isEmpty()) {
            throw malformed("The authorization header is malformed; the Signature is missing.");
        }
        String[] cred = credential.split("/", -1);
        if (cred.length != 5 || cred[0].isEmpty() || cred[1].isEmpty() || cred[2].isEmpty() || cred[3].isEmpty()) {
            throw malformed("The authorization header is malformed; the Credential is mal-formed; expecting "
                    + "\"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
        }
        String accessKey = cred[0], credDate = cred[1], credRegion = cred[2], credService = cred[3];

        String contentSha = req.header("x-amz-content-sha256");
        if (contentSha == null) {
            throw S3Exception.of(S3ErrorCode.INVALID_REQUEST,
                    "Missing required header for this request: x-amz-content-sha256");
        }
        contentSha = contentSha.strip();
        PayloadMode mode = payloadMode(contentSha);

        // Date: x-amz-date, else Date.
        String amzDateHeader = req.header("x-amz-date");
        Instant requestTime;
        String amzDate;
        String rawRequestTime;
        if (amzDateHeader != null) {
            rawRequestTime = amzDateHeader.strip();
            requestTime = parseAmzDate(rawRequestTime);
            if (requestTime == null) {
                throw S3Exception.of(S3ErrorCode.ACCESS_DENIED,
                        "AWS authentication requires a valid Date or x-amz-date header");
            }
            amzDate = rawRequestTime;
        } else {
            String dateHeader = req.header("Date");
            requestTime = dateHeader == null ? null : parseHttpDate(dateHeader.strip());
            if (requestTime == null) {
                throw S3Exception.of(S3ErrorCode.ACCESS_DENIED,
                        "AWS authentication requires a valid Date or x-amz-date header");
            }
            rawRequestTime = dateHeader.strip();
            amzDate = AMZ_DATE.format(LocalDateTime.ofInstant(requestTime, ZoneOffset.UTC));
        }
        Instant now = clock.instant();
        if (Duration.between(requestTime, now).abs().compareTo(MAX_SKEW) > 0) {
            throw S3Exception.of(S3ErrorCode.REQUEST_TIME_TOO_SKEWED)
                    .with("RequestTime", rawRequestTime)
                    .with("ServerTime", iso(now))
                    .with("MaxAllowedSkewMilliseconds", Long.toString(MAX_SKEW_MILLIS));
        }
        if (!credDate.equals(amzDate.substring(0, 8))) {
            throw malformed("The authorization header is malformed; Invalid credential date. Date is not the same as X-Amz-Date.");
        }
        if (!credRegion.equals(region)) {
            throw malformed("The authorization header is malformed; the region '" + credRegion
                    + "' is wrong; expecting '" + region + "'").with("Region", region);
        }
        if (!credService.equals(SERVICE)) {
            throw malformed("The authorization header is malformed; incorrect service \"" + credService
                    + "\". This endpoint belongs to \"" + SERVICE + "\".");
        }
        if (!cred[4].equals("aws4_request")) {
            throw malformed("The authorization header is malformed; incorrect terminal \"" + cred[4]
                    + "\". This endpoint uses \"aws4_request\".");
        }
        List<String> signedHeaders = splitSignedHeaders(signedHeadersStr);
        if (signedHeaders == null || !signedHeaders.contains("host")) {
            throw malformed("The authorization header is malformed; the SignedHeaders must include 'host'.");
        }
        String secret = secrets.secretFor(accessKey).orElseThrow(() ->
                S3Exception.of(S3ErrorCode.INVALID_ACCESS_KEY_ID).with("AWSAccessKeyId", accessKey));

        byte[] key = SigV4.signingKey(secret, credDate, credRegion, credService);
        String scope = SigV4.scope(credDate, credRegion, credService);
        String canonicalQuery = SigV4.canonicalQuery(req.rawQuery(), false);
        String sig = signature.toLowerCase(Locale.ROOT);
        checkSignature(req, accessKey, key, amzDate, scope, canonicalQuery, signedHeaders, signedHeadersStr,
                contentSha, signature);
        return result(accessKey, mode, contentSha, key, amzDate, scope, sig, false);
    }

    // ------------------------------------------------------------------ presigned

    private AuthenticatedRequest verifyPresigned(SigV4Request req, List<Map.Entry<String, String>> query) {
        String credential = first(query, "X-Amz-Credential");
        String date = first(query, "X-Amz-Date");
        String expires = first(query, "X-Amz-Expires");
        String signedHeadersStr = first(query, "X-Amz-SignedHeaders");
        String signature = first(query, "X-Amz-Signature");
        if (isEmpty(credential) || isEmpty(date) || isEmpty(expires) || isEmpty(signedHeadersStr) || isEmpty(signature)) {
            throw queryError("Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, "
                    + "X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
        }
        String[] cred = credential.split("/", -1);
        if (cred.length != 5 || cred[0].isEmpty() || cred[1].isEmpty() || cred[2].isEmpty() || cred[3].isEmpty()) {
            throw queryError("Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "
                    + "\"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
        }
        String accessKey = cred[0], credDate = cred[1], credRegion = cred[2], credService = cred[3];
        Instant requestTime = parseAmzDate(date);
        if (requestTime == null) {
            throw queryError("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
        }
        if (!credDate.equals(date.substring(0, 8))) {
            throw queryError("Error parsing the X-Amz-Credential parameter; Invalid credential date. "
                    + "Date is not the same as X-Amz-Date.");
        }
        if (!credRegion.equals(region)) {
            throw queryError("Error parsing the X-Amz-Credential parameter; the region '" + credRegion
                    + "' is wrong; expecting '" + region + "'").with("Region", region);
        }
        if (!credService.equals(SERVICE)) {
            throw queryError("Error parsing the X-Amz-Credential parameter; incorrect service \"" + credService
                    + "\". This endpoint belongs to \"" + SERVICE + "\".");
        }
        if (!cred[4].equals("aws4_request")) {
            throw queryError("Error parsing the X-Amz-Credential parameter; incorrect terminal \"" + cred[4]
                    + "\". This endpoint uses \"aws4_request\".");
        }
        long expiresSeconds;
        try {
            expiresSeconds = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            throw queryError("X-Amz-Expires should be a number");
        }
        if (expiresSeconds < 0) {
            throw queryError("X-Amz-Expires must be non-negative");
        }
        if (expiresSeconds < 1 || expiresSeconds > MAX_PRESIGNED_EXPIRES_SECONDS) {
            throw queryError("X-Amz-Expires must be less than a week (in seconds) that is; 604800");
        }
        List<String> signedHeaders = splitSignedHeaders(signedHeadersStr);
        if (signedHeaders == null || !signedHeaders.contains("host")) {
            throw queryError("Query-string authentication requires the 'host' header to be signed.");
        }
        Instant now = clock.instant();
        if (requestTime.isAfter(now.plus(MAX_SKEW))) {
            throw S3Exception.of(S3ErrorCode.ACCESS_DENIED, "Request is not valid yet");
        }
        Instant expiry = requestTime.plusSeconds(expiresSeconds);
        if (now.isAfter(expiry)) {
            throw S3Exception.of(S3ErrorCode.ACCESS_DENIED, "Request has expired")
                    .with("X-Amz-Expires", expires)
                    .with("Expires", iso(expiry))
                    .with("ServerTime", iso(now));
        }
        String secret = secrets.secretFor(accessKey).orElseThrow(() ->
                S3Exception.of(S3ErrorCode.INVALID_ACCESS_KEY_ID).with("AWSAccessKeyId", accessKey));

        // Payload: UNSIGNED-PAYLOAD unless x-amz-content-sha256 is a signed header that is present.
        String payloadHash = SigV4.UNSIGNED_PAYLOAD;
        PayloadMode mode = PayloadMode.UNSIGNED;
        String contentSha = req.header("x-amz-content-sha256");
        if (contentSha != null && signedHeaders.contains("x-amz-content-sha256")) {
            payloadHash = contentSha.strip();
            mode = payloadMode(payloadHash);
        }
        byte[] key = SigV4.signingKey(secret, credDate, credRegion, credService);
        String scope = SigV4.scope(credDate, credRegion, credService);
        String canonicalQuery = SigV4.canonicalQuery(req.rawQuery(), true);
        checkSignature(req, accessKey, key, date, scope, canonicalQuery, signedHeaders, signedHeadersStr,
                payloadHash, signature);
        return result(accessKey, mode, payloadHash, key, date, scope, signature.toLowerCase(Locale.ROOT), true);
    }

    // ------------------------------------------------------------------ shared

    private static AuthenticatedRequest result(String accessKey, PayloadMode mode, String payloadHash, byte[] key,
                                               String amzDate, String scope, String seed, boolean presigned) {
        return new AuthenticatedRequest(accessKey, mode,
                mode == PayloadMode.SIGNED_HEX ? payloadHash.toLowerCase(Locale.ROOT) : null,
                mode.chunksSigned() ? new ChunkSigningContext(key, amzDate, scope, seed) : null,
                presigned);
    }

    private void checkSignature(SigV4Request req, String accessKey, byte[] key, String amzDate, String scope,
                                String canonicalQuery, List<String> signedHeaders, String signedHeadersStr,
                                String payloadHash, String provided) {
        String canonicalHeaders = SigV4.canonicalHeaders(req.headers(), signedHeaders);
        List<String> uris = new ArrayList<>(2);
        uris.add(SigV4.canonicalUri(req.rawPath()));
        if (req.rawPath() != null && !req.rawPath().isEmpty() && !req.rawPath().equals(uris.get(0))) {
            uris.add(req.rawPath());
        }
        String firstCanonical = null;
        String firstSts = null;
        for (String uri : uris) {
            String canonical = SigV4.canonicalRequest(req.method(), uri, canonicalQuery, canonicalHeaders,
                    signedHeadersStr, payloadHash);
            String sts = SigV4.stringToSign(amzDate, scope, canonical);
            if (SigV4.constantTimeEquals(SigV4.signature(key, sts), provided)) {
                return;
            }
            if (firstCanonical == null) {
                firstCanonical = canonical;
                firstSts = sts;
            }
        }
        throw S3Exception.of(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH)
                .with("AWSAccessKeyId", accessKey)
                .with("StringToSign", firstSts)
                .with("SignatureProvided", provided)
                .with("StringToSignBytes", spacedHex(firstSts))
                .with("CanonicalRequest", firstCanonical)
                .with("CanonicalRequestBytes", spacedHex(firstCanonical));
    }

    /**
     * Maps an {@code x-amz-content-sha256} value to a payload mode.
     *
     * @throws S3Exception NOT_IMPLEMENTED for other STREAMING-* values (e.g. SigV4a ECDSA),
     *                     INVALID_ARGUMENT for anything that is neither a keyword nor a SHA-256 hex digest
     */
    public static PayloadMode payloadMode(String contentSha256) {
        if (contentSha256 == null) {
            return PayloadMode.UNSIGNED;
        }
        switch (contentSha256) {
            case SigV4.UNSIGNED_PAYLOAD:
                return PayloadMode.UNSIGNED;
            case SigV4.STREAMING_SIGNED:
                return PayloadMode.STREAMING_SIGNED;
            case SigV4.STREAMING_SIGNED_TRAILER:
                return PayloadMode.STREAMING_SIGNED_TRAILER;
            case SigV4.STREAMING_UNSIGNED_TRAILER:
                return PayloadMode.STREAMING_UNSIGNED_TRAILER;
            default:
                break;
        }
        if (contentSha256.startsWith("STREAMING-")) {
            throw S3Exception.of(S3ErrorCode.NOT_IMPLEMENTED).with("Header", "x-amz-content-sha256");
        }
        if (contentSha256.length() == 64 && contentSha256.chars().allMatch(SigV4Verifier::isHex)) {
            return PayloadMode.SIGNED_HEX;
        }
        throw S3Exception.of(S3ErrorCode.INVALID_ARGUMENT,
                        "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, "
                                + "STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, "
                                + "or a valid sha256 value.")
                .with("ArgumentName", "x-amz-content-sha256")
                .with("ArgumentValue", contentSha256);
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Splits "a;b;c" into lowercase names; null if any name is empty. */
    private static List<String> splitSignedHeaders(String s) {
        String[] names = s.split(";", -1);
        List<String> out = new ArrayList<>(names.length);
        for (String n : names) {
            String t = n.strip();
            if (t.isEmpty()) {
                return null;
            }
            out.add(t.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /**
     * Separates the Authorization header's components: a comma or regex {@code \s} whitespace. Scanned by
     * hand because this runs on every signed request and a regex split cost as much as the HMAC.
     */
    private static boolean isComponentSeparator(char c) {
        return c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /**
     * Parses yyyyMMdd'T'HHmmss'Z'; null when invalid. By hand rather than with a DateTimeFormatter, which
     * cost more than the rest of the header's parsing: every request carries one.
     */
    static Instant parseAmzDate(String s) {
        if (s == null || s.length() != 16 || s.charAt(8) != 'T' || s.charAt(15) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4), month = digits(s, 4, 6), day = digits(s, 6, 8);
        int hour = digits(s, 9, 11), minute = digits(s, 11, 13), second = digits(s, 13, 15);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null; // a field out of range, or a day the month does not have
        }
    }

    /** The decimal number in s[from, to), or -1 when a character there is not an ASCII digit. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static Instant parseHttpDate(String s) {
        try {
            return ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String iso(Instant t) {
        return ISO_SECONDS.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    private static String spacedHex(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(b.length * 3);
        for (int i = 0; i < b.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
        }
        return sb.toString();
    }

    private static String first(List<Map.Entry<String, String>> query, String name) {
        for (Map.Entry<String, String> e : query) {
            if (e.getKey().equals(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    private static S3Exception malformed(String message) {
        return S3Exception.of(S3ErrorCode.AUTHORIZATION_HEADER_MALFORMED, message);
    }

    private static S3Exception queryError(String message) {
        return S3Exception.of(S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR, message);
    }

    @Override
    public String toString() {
        return "SigV4Verifier[region=" + region + "]";
    }
}
