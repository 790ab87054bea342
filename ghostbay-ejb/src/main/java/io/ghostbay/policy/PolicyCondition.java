package io.ghostbay.policy;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One key under one operator of a statement's {@code Condition} block, e.g. {@code
 * "ForAnyValue:StringLike": {"s3:prefix": ["home/", "home/${aws:username}/*"]}}. The values of
 * the key are alternatives (OR); the statement ANDs all its conditions.
 */
public final class PolicyCondition {

    /** The set prefix of a condition operator, for multi-valued request keys. */
    public enum SetOperator {
        /** No prefix: the condition holds if any request value matches (for a negated operator: none does). */
        NONE,
        /** {@code ForAnyValue:}: some request value satisfies the operator; false when the key is absent. */
        FOR_ANY_VALUE,
        /** {@code ForAllValues:}: every request value satisfies the operator; true when the key is absent. */
        FOR_ALL_VALUES
    }

    private static final String FOR_ANY_VALUE = "ForAnyValue:";
    private static final String FOR_ALL_VALUES = "ForAllValues:";
    private static final String IF_EXISTS = "IfExists";
    private static final Pattern EPOCH_SECONDS = Pattern.compile("-?\\d+(\\.\\d+)?");

    /**
     * Keys that, pinned to fixed values, keep a statement for everyone from being public: the
     * list of AWS's "The meaning of public" (aws:SourceIp is handled apart, as its CIDRs must also
     * be narrow enough).
     */
    private static final Set<String> CALLER_PINNING_KEYS = Set.of(
            "aws:sourcearn", "aws:sourcevpc", "aws:sourcevpce", "aws:sourceaccount", "aws:sourceowner",
            "aws:principalaccount", "aws:principalarn", "aws:principalorgid", "aws:userid",
            "s3:x-amz-server-side-encryption-aws-kms-key-id", "s3:dataaccesspointarn",
            "s3:dataaccesspointaccount");

    /** A compiled policy value: does this request value match it (under the positive operator)? */
    @FunctionalInterface
    private interface ValueMatcher {
        boolean matches(String requestValue, PolicyRequest request);
    }

    private final String operatorName;
    private final ConditionOperator operator;
    private final SetOperator setOperator;
    private final boolean ifExists;
    private final String key;
    private final List<String> values;
    private final boolean variables;
    private final List<ValueMatcher> matchers;

    private PolicyCondition(String operatorName, ConditionOperator operator, SetOperator setOperator,
            boolean ifExists, String key, List<String> values, boolean variables) {
        this.operatorName = operatorName;
        this.operator = operator;
        this.setOperator = setOperator;
        this.ifExists = ifExists;
        this.key = key;
        this.values = List.copyOf(values);
        this.variables = variables;
        List<ValueMatcher> compiled = new ArrayList<>();
        for (String value : this.values) {
            compiled.add(compile(value));
        }
        this.matchers = List.copyOf(compiled);
    }

    /**
     * Parses one operator/key/values triple.
     *
     * @param operatorName as written, with any {@code ForAnyValue:}/{@code ForAllValues:} prefix
     *     and {@code IfExists} suffix
     * @param variables whether policy variables are substituted (2012-10-17 policies)
     * @throws MalformedPolicyException for an unknown operator or a value the operator cannot use
     */
    public static PolicyCondition parse(String operatorName, String key, List<String> values, boolean variables) {
        Objects.requireNonNull(operatorName, "operatorName");
        String base = operatorName;
        SetOperator setOperator = SetOperator.NONE;
        if (base.startsWith(FOR_ANY_VALUE)) {
            setOperator = SetOperator.FOR_ANY_VALUE;
            base = base.substring(FOR_ANY_VALUE.length());
        } else if (base.startsWith(FOR_ALL_VALUES)) {
            setOperator = SetOperator.FOR_ALL_VALUES;
            base = base.substring(FOR_ALL_VALUES.length());
        }
        boolean ifExists = base.endsWith(IF_EXISTS) && base.length() > IF_EXISTS.length();
        if (ifExists) {
            base = base.substring(0, base.length() - IF_EXISTS.length());
        }
        ConditionOperator operator = ConditionOperator.byJsonName(base);
        if (operator == null
                || operator == ConditionOperator.NULL && (ifExists || setOperator != SetOperator.NONE)) {
            throw new MalformedPolicyException("Invalid Condition type : " + operatorName);
        }
        if (key == null || key.isBlank()) {
            throw new MalformedPolicyException("Condition " + operatorName + " has an empty condition key");
        }
        if (values.isEmpty()) {
            throw new MalformedPolicyException(
                    "Condition " + operatorName + " on " + key + " has no values");
        }
        return new PolicyCondition(operatorName, operator, setOperator, ifExists, key, values, variables);
    }

    /** The operator as written in the policy. */
    public String operatorName() {
        return operatorName;
    }

    public ConditionOperator operator() {
        return operator;
    }

    public SetOperator setOperator() {
        return setOperator;
    }

    public boolean ifExists() {
        return ifExists;
    }

    /** The condition key as written; it is matched case-insensitively. */
    public String key() {
        return key;
    }

    /** The policy values as written (JSON numbers and booleans in their JSON spelling). */
    public List<String> values() {
        return values;
    }

    /** Whether the condition holds for the request. */
    public boolean holds(PolicyRequest request) {
        List<String> actual = request.values(key);
        if (operator == ConditionOperator.NULL) {
            boolean absent = actual.isEmpty();
            return values.stream().anyMatch(v -> Boolean.parseBoolean(v.trim()) == absent);
        }
        if (actual.isEmpty()) {
            if (ifExists) {
                return true;
            }
            return switch (setOperator) {
                case FOR_ALL_VALUES -> true;
                case FOR_ANY_VALUE -> false;
                // A missing key matches no value, so "matches none of" is true.
                case NONE -> operator.negated();
            };
        }
        return switch (setOperator) {
            // Without a set prefix, a positive operator needs one matching request value; a negated
            // one needs every request value to match none of the policy values.
            case NONE -> operator.negated()
                    ? actual.stream().allMatch(v -> satisfies(v, request))
                    : actual.stream().anyMatch(v -> satisfies(v, request));
            case FOR_ANY_VALUE -> actual.stream().anyMatch(v -> satisfies(v, request));
            case FOR_ALL_VALUES -> actual.stream().allMatch(v -> satisfies(v, request));
        };
    }

    /** Whether one request value satisfies the operator, negation included. */
    private boolean satisfies(String requestValue, PolicyRequest request) {
        boolean matchesOne = matchers.stream().anyMatch(m -> m.matches(requestValue, request));
        return operator.negated() != matchesOne;
    }

    /**
     * Whether this condition limits the statement to fixed callers or places, in the sense of
     * AWS's "The meaning of public": a positive, unconditional (no IfExists, no ForAllValues)
     * condition on one of the listed keys whose values have no wildcard and no policy variable, or
     * an IpAddress condition on aws:SourceIp whose blocks are all at least /8 (IPv4) or /32 (IPv6).
     */
    boolean pinsCallerToFixedValues() {
        if (ifExists || setOperator == SetOperator.FOR_ALL_VALUES || operator.negated()) {
            return false;
        }
        String normalizedKey = key.toLowerCase(Locale.ROOT);
        if (normalizedKey.equals("aws:sourceip")) {
            return operator == ConditionOperator.IP_ADDRESS && values.stream()
                    .map(IpRange::parse)
                    .allMatch(range -> range.prefixLength() >= (range.isIpv4() ? 8 : 32));
        }
        if (!CALLER_PINNING_KEYS.contains(normalizedKey)) {
            return false;
        }
        ConditionOperator.Family family = operator.family();
        if (family != ConditionOperator.Family.STRING && family != ConditionOperator.Family.ARN) {
            return false;
        }
        return values.stream().noneMatch(v -> v.indexOf('*') >= 0 || v.indexOf('?') >= 0
                || variables && v.contains("${"));
    }

    private ValueMatcher compile(String value) {
        return switch (operator.family()) {
            case STRING -> {
                ConditionOperator.Comparison comparison = operator.comparison();
                PolicyPattern pattern = PolicyPattern.compile(
                        value, comparison == ConditionOperator.Comparison.LIKE, variables);
                boolean ignoreCase = comparison == ConditionOperator.Comparison.EQUAL_IGNORING_CASE;
                yield (requestValue, request) -> pattern.matches(requestValue, ignoreCase, request::values);
            }
            case ARN -> arnMatcher(value);
            case NUMERIC -> {
                BigDecimal expected = parseNumber(value);
                yield (requestValue, request) -> {
                    BigDecimal actual = tryParseNumber(requestValue);
                    return actual != null && compares(actual.compareTo(expected));
                };
            }
            case DATE -> {
                Instant expected = parseDateOrNull(value);
                if (expected == null) {
                    throw invalidValue(value, "is not a date (use ISO 8601, e.g. 2026-01-01T00:00:00Z, or epoch seconds)");
                }
                yield (requestValue, request) -> {
                    Instant actual = parseDateOrNull(requestValue);
                    return actual != null && compares(actual.compareTo(expected));
                };
            }
            case BOOL -> (requestValue, request) -> requestValue.trim().equalsIgnoreCase(value.trim());
            case BINARY -> {
                byte[] expected = decodeBase64OrNull(value);
                if (expected == null) {
                    throw invalidValue(value, "is not base64");
                }
                yield (requestValue, request) -> {
                    byte[] actual = decodeBase64OrNull(requestValue);
                    return Arrays.equals(actual != null ? actual : requestValue.getBytes(StandardCharsets.UTF_8), expected);
                };
            }
            case IP -> {
                IpRange range;
                try {
                    range = IpRange.parse(value);
                } catch (IllegalArgumentException e) {
                    throw invalidValue(value, "is not an IP address or CIDR block");
                }
                yield (requestValue, request) -> {
                    InetAddress address;
                    try {
                        address = IpRange.parseAddress(requestValue);
                    } catch (IllegalArgumentException e) {
                        return false;
                    }
                    return range.contains(address);
                };
            }
            case NULL -> {
                String flag = value.trim();
                if (!flag.equalsIgnoreCase("true") && !flag.equalsIgnoreCase("false")) {
                    throw invalidValue(value, "is not true or false");
                }
                yield (requestValue, request) -> false; // Null is decided in holds(), on presence alone
            }
        };
    }

    /**
     * ARNs match component by component (the six colon-separated parts), so a wildcard never
     * spans a colon. A policy value that is not a six-part ARN (e.g. {@code *}) is matched whole.
     */
    private ValueMatcher arnMatcher(String value) {
        List<String> parts = splitArn(value);
        if (parts.size() != 6) {
            PolicyPattern whole = PolicyPattern.compile(value, true, variables);
            return (requestValue, request) -> whole.matches(requestValue, false, request::values);
        }
        List<PolicyPattern> components = parts.stream()
                .map(part -> PolicyPattern.compile(part, true, variables))
                .toList();
        return (requestValue, request) -> {
            String[] actual = requestValue.split(":", 6);
            if (actual.length != 6) {
                return false;
            }
            for (int i = 0; i < 6; i++) {
                if (!components.get(i).matches(actual[i], false, request::values)) {
                    return false;
                }
            }
            return true;
        };
    }

    /** Splits at the first five colons that are not inside a {@code ${...}} variable. */
    private List<String> splitArn(String value) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < value.length() && parts.size() < 5) {
            if (variables && value.startsWith("${", i)) {
                int close = value.indexOf('}', i);
                i = close < 0 ? value.length() : close + 1;
                continue;
            }
            if (value.charAt(i) == ':') {
                parts.add(value.substring(start, i));
                start = i + 1;
            }
            i++;
        }
        parts.add(value.substring(start));
        return parts;
    }

    /** Applies the operator's ordering to {@code request.compareTo(policy)}. */
    private boolean compares(int order) {
        return switch (operator.comparison()) {
            case EQUAL, EQUAL_IGNORING_CASE, LIKE -> order == 0;
            case LESS -> order < 0;
            case LESS_OR_EQUAL -> order <= 0;
            case GREATER -> order > 0;
            case GREATER_OR_EQUAL -> order >= 0;
        };
    }

    private BigDecimal parseNumber(String value) {
        BigDecimal number = tryParseNumber(value);
        if (number == null) {
            throw invalidValue(value, "is not a number");
        }
        return number;
    }

    private static BigDecimal tryParseNumber(String value) {
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** ISO 8601 (with offset, or UTC when it has none; a bare date is its UTC midnight), or epoch seconds. */
    static Instant parseDateOrNull(String value) {
        String text = value.trim();
        try {
            if (EPOCH_SECONDS.matcher(text).matches()) {
                BigDecimal seconds = new BigDecimal(text);
                return Instant.ofEpochSecond(seconds.longValue(),
                        seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
            }
            if (text.indexOf('T') < 0 && text.indexOf('t') < 0) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeException e) {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    private static byte[] decodeBase64OrNull(String value) {
        try {
            return Base64.getDecoder().decode(value.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private MalformedPolicyException invalidValue(String value, String problem) {
        return new MalformedPolicyException("Invalid value for " + operatorName + " condition on " + key
                + ": \"" + value + "\" " + problem);
    }

    @Override
    public String toString() {
        return operatorName + " " + key + " " + values;
    }
}
