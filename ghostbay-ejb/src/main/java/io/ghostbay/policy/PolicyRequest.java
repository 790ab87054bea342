package io.ghostbay.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One request as the policy sees it.
 *
 * @param action the S3 action, e.g. {@code s3:GetObject}
 * @param resourceArn {@code arn:aws:s3:::bucket} or {@code arn:aws:s3:::bucket/key}
 * @param context condition keys and their values ({@code aws:SourceIp}, {@code
 *     aws:SecureTransport}, {@code s3:prefix}, {@code aws:username}, ...). Keys are compared
 *     case-insensitively, as IAM does; a key with no values counts as absent.
 * @param now the request time, for {@code aws:CurrentTime} and {@code aws:EpochTime} when the
 *     context does not carry them
 */
public record PolicyRequest(PolicyPrincipal principal, String action, String resourceArn,
        Map<String, List<String>> context, Instant now) {

    public static final String CURRENT_TIME = "aws:CurrentTime";
    public static final String EPOCH_TIME = "aws:EpochTime";

    public PolicyRequest {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resourceArn, "resourceArn");
        Objects.requireNonNull(now, "now");
        Map<String, List<String>> keys = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (context != null) {
            context.forEach((key, values) -> {
                List<String> merged = new ArrayList<>(keys.getOrDefault(key, List.of()));
                if (values != null) {
                    values.stream().filter(Objects::nonNull).forEach(merged::add);
                }
                keys.put(key, List.copyOf(merged));
            });
        }
        context = Collections.unmodifiableMap(keys);
    }

    /**
     * The request's values for a condition key, empty when the key is absent. The clock keys fall
     * back to {@link #now()} so every request has them, as on AWS.
     */
    public List<String> values(String key) {
        List<String> values = context.getOrDefault(key, List.of());
        if (!values.isEmpty()) {
            return values;
        }
        if (CURRENT_TIME.equalsIgnoreCase(key)) {
            return List.of(now.toString());
        }
        if (EPOCH_TIME.equalsIgnoreCase(key)) {
            return List.of(Long.toString(now.getEpochSecond()));
        }
        return List.of();
    }
}
