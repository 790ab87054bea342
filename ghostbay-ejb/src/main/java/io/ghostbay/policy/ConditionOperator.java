package io.ghostbay.policy;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The IAM condition operators without their {@code IfExists} suffix and set prefix. A negated
 * operator ({@code StringNotEquals}, {@code NotIpAddress}, ...) holds for a request value when the
 * value matches <em>none</em> of the policy's values under its positive twin.
 */
public enum ConditionOperator {
    STRING_EQUALS("StringEquals", Family.STRING, Comparison.EQUAL, false),
    STRING_NOT_EQUALS("StringNotEquals", Family.STRING, Comparison.EQUAL, true),
    STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", Family.STRING, Comparison.EQUAL_IGNORING_CASE, false),
    STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", Family.STRING, Comparison.EQUAL_IGNORING_CASE, true),
    STRING_LIKE("StringLike", Family.STRING, Comparison.LIKE, false),
    STRING_NOT_LIKE("StringNotLike", Family.STRING, Comparison.LIKE, true),
    NUMERIC_EQUALS("NumericEquals", Family.NUMERIC, Comparison.EQUAL, false),
    NUMERIC_NOT_EQUALS("NumericNotEquals", Family.NUMERIC, Comparison.EQUAL, true),
    NUMERIC_LESS_THAN("NumericLessThan", Family.NUMERIC, Comparison.LESS, false),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Family.NUMERIC, Comparison.LESS_OR_EQUAL, false),
    NUMERIC_GREATER_THAN("NumericGreaterThan", Family.NUMERIC, Comparison.GREATER, false),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Family.NUMERIC, Comparison.GREATER_OR_EQUAL, false),
    DATE_EQUALS("DateEquals", Family.DATE, Comparison.EQUAL, false),
    DATE_NOT_EQUALS("DateNotEquals", Family.DATE, Comparison.EQUAL, true),
    DATE_LESS_THAN("DateLessThan", Family.DATE, Comparison.LESS, false),
    DATE_LESS_THAN_EQUALS("DateLessThanEquals", Family.DATE, Comparison.LESS_OR_EQUAL, false),
    DATE_GREATER_THAN("DateGreaterThan", Family.DATE, Comparison.GREATER, false),
    DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", Family.DATE, Comparison.GREATER_OR_EQUAL, false),
    BOOL("Bool", Family.BOOL, Comparison.EQUAL, false),
    BINARY_EQUALS("BinaryEquals", Family.BINARY, Comparison.EQUAL, false),
    IP_ADDRESS("IpAddress", Family.IP, Comparison.EQUAL, false),
    NOT_IP_ADDRESS("NotIpAddress", Family.IP, Comparison.EQUAL, true),
    ARN_EQUALS("ArnEquals", Family.ARN, Comparison.LIKE, false),
    ARN_LIKE("ArnLike", Family.ARN, Comparison.LIKE, false),
    ARN_NOT_EQUALS("ArnNotEquals", Family.ARN, Comparison.LIKE, true),
    ARN_NOT_LIKE("ArnNotLike", Family.ARN, Comparison.LIKE, true),
    /** Tests only whether the key is present; takes neither IfExists nor a set prefix. */
    NULL("Null", Family.NULL, Comparison.EQUAL, false);

    /** What kind of values the operator compares. */
    public enum Family { STRING, NUMERIC, DATE, BOOL, BINARY, IP, ARN, NULL }

    /**
     * How a request value is compared with one policy value. ARN operators all compare like
     * {@code LIKE}: IAM documents ArnEquals and ArnLike as the same wildcard match.
     */
    public enum Comparison { EQUAL, EQUAL_IGNORING_CASE, LIKE, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL }

    private static final Map<String, ConditionOperator> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ConditionOperator::jsonName, Function.identity()));

    private final String jsonName;
    private final Family family;
    private final Comparison comparison;
    private final boolean negated;

    ConditionOperator(String jsonName, Family family, Comparison comparison, boolean negated) {
        this.jsonName = jsonName;
        this.family = family;
        this.comparison = comparison;
        this.negated = negated;
    }

    /** The operator named exactly (operator names are case-sensitive), or {@code null}. */
    static ConditionOperator byJsonName(String name) {
        return BY_NAME.get(name);
    }

    public String jsonName() {
        return jsonName;
    }

    public Family family() {
        return family;
    }

    public Comparison comparison() {
        return comparison;
    }

    /** Whether a request value must match none of the policy values. */
    public boolean negated() {
        return negated;
    }
}
