package io.ghostbay.cli;

import io.ghostbay.client.SigV4Signer;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ghostbay presign <bucket> <key>}: a path-style presigned URL for GET or PUT of one object,
 * computed locally with the caller's key (no request is sent, so nothing checks that the object or
 * even the bucket exists). Anyone holding the URL can use it until it expires, as the caller.
 */
final class PresignCommand {
    static final long DEFAULT_EXPIRES_SECONDS = 3600;

    private static final OptionSpec METHOD = OptionSpec.withValue("method", "GET|PUT",
            "what the URL allows: GET downloads, PUT uploads (default GET)");
    private static final OptionSpec EXPIRES = OptionSpec.withValue("expires", "SECONDS",
            "validity in seconds, 1 to " + SigV4Signer.MAX_PRESIGNED_EXPIRES_SECONDS
                    + " (7 days); default " + DEFAULT_EXPIRES_SECONDS);

    private PresignCommand() {
    }

    static List<CommandSpec> commands() {
        return List.of(new CommandSpec(List.of("presign"), "<bucket> <key>", 2, 2,
                "print a presigned URL for an object (computed locally, no request is sent)",
                List.of(METHOD, EXPIRES), false, PresignCommand::presign));
    }

    private static void presign(Invocation inv) throws UsageException {
        String method = inv.option("method").orElse("GET").toUpperCase(Locale.ROOT);
        if (!method.equals("GET") && !method.equals("PUT")) {
            throw inv.usageError("--method must be GET or PUT, not '"
                    + inv.option("method").orElse("") + "'");
        }
        long expiresSeconds = parseExpiresSeconds(inv);
        ConnectionSettings settings = inv.settings();
        Instant now = inv.clock().instant();
        URI url = presignedUrl(settings, method, inv.argument(0), inv.argument(1), now,
                expiresSeconds);
        inv.output().result(JsonDocuments.object(
                        "method", method,
                        "url", url.toString(),
                        "expiresIn", expiresSeconds,
                        "expiresAt", AdminClient.isoSeconds(now.plusSeconds(expiresSeconds))),
                url::toString);
    }

    /** The URL itself: {@code <endpoint>/<bucket>/<key>?X-Amz-...}, the key's '/' kept. */
    static URI presignedUrl(ConnectionSettings settings, String method, String bucket, String key,
                            Instant signingTime, long expiresSeconds) {
        SigV4Signer signer = new SigV4Signer(settings.accessKey(), settings.secretKey(),
                settings.region(), "s3");
        String encodedPath = "/" + SigV4Signer.uriEncode(bucket, false) + "/"
                + SigV4Signer.uriEncode(key, true);
        return signer.presignedUrl(method, settings.endpoint(), encodedPath, Map.of(), signingTime,
                expiresSeconds);
    }

    private static long parseExpiresSeconds(Invocation inv) throws UsageException {
        String text = inv.option("expires").orElse(null);
        if (text == null) {
            return DEFAULT_EXPIRES_SECONDS;
        }
        long seconds;
        try {
            seconds = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw inv.usageError("--expires wants a number of seconds, not '" + text + "'");
        }
        if (seconds < 1 || seconds > SigV4Signer.MAX_PRESIGNED_EXPIRES_SECONDS) {
            throw inv.usageError("--expires must be 1 to "
                    + SigV4Signer.MAX_PRESIGNED_EXPIRES_SECONDS + " seconds (7 days), not " + text);
        }
        return seconds;
    }
}
