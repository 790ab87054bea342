package io.ghostbay.policy;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a policy document into a {@link BucketPolicy}, refusing whatever S3 refuses, with S3's
 * messages where they are known. Everything is checked here, when the policy is stored, so that
 * evaluation never meets a malformed policy.
 */
final class PolicyReader {

    /** S3's bucket-policy limit, 20 KB. */
    static final int MAX_POLICY_BYTES = 20 * 1024;

    static final String VERSION_2012 = "2012-10-17";
    static final String VERSION_2008 = "2008-10-17";

    static final String NOT_JSON = "Policies must be valid JSON and the first byte must be '{'";
    static final String TOO_LARGE = "Policies must be less than 20 KB";
    static final String INVALID_PRINCIPAL = "Invalid principal in policy";
    static final String INVALID_ACTION = "Policy has invalid action";
    static final String INVALID_RESOURCE = "Policy has invalid resource";

    private static final Set<String> DOCUMENT_FIELDS = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_FIELDS = Set.of("Sid", "Effect", "Principal", "NotPrincipal",
            "Action", "NotAction", "Resource", "NotResource", "Condition");

    private static final String RESOURCE_ARN_PREFIX = "arn:aws:s3:::";
    private static final String ACCOUNT_ROOT_ARN = "arn:aws:iam::" + PrincipalPattern.ACCOUNT + ":root";
    private static final String USER_ARN_PREFIX = "arn:aws:iam::" + PrincipalPattern.ACCOUNT + ":user/";
    /** {@code s3:} and an action name, possibly with wildcards; the prefix is case-insensitive like the name. */
    private static final Pattern S3_ACTION = Pattern.compile("[sS]3:[A-Za-z0-9*?]+");
    private static final Pattern CANONICAL_ID = Pattern.compile("[0-9a-f]{64}");

    private static final JsonParserFactory JSON = Json.createParserFactory(Map.of());

    private PolicyReader() {}

    static BucketPolicy read(String json, String bucketName) {
        Objects.requireNonNull(bucketName, "bucketName");
        if (json == null) {
            throw new MalformedPolicyException(NOT_JSON);
        }
        if (significantUtf8Bytes(json) > MAX_POLICY_BYTES) {
            throw new MalformedPolicyException(TOO_LARGE);
        }
        JsonObject document = parseObject(json);
        rejectUnknownFields(document, DOCUMENT_FIELDS);

        String version = version(document.get("Version"));
        boolean variables = VERSION_2012.equals(version);
        String id = null;
        if (document.containsKey("Id")) {
            id = string(document.get("Id"), "Id must be a string");
        }
        JsonValue statementValue = document.get("Statement");
        if (statementValue == null) {
            throw new MalformedPolicyException("Missing required field Statement");
        }
        List<JsonValue> statementValues = switch (statementValue.getValueType()) {
            case OBJECT -> List.of(statementValue);
            case ARRAY -> statementValue.asJsonArray();
            default -> throw new MalformedPolicyException("Statement must be an object or an array of objects");
        };
        if (statementValues.isEmpty()) {
            throw new MalformedPolicyException("Could not parse the policy: Statement is empty!");
        }
        List<PolicyStatement> statements = new ArrayList<>();
        for (JsonValue value : statementValues) {
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new MalformedPolicyException("Statement must be an object or an array of objects");
            }
            statements.add(statement(value.asJsonObject(), statements.size(), bucketName, variables));
        }
        return new BucketPolicy(version, id, bucketName, statements);
    }

    /**
     * The size S3 counts: AWS measures the policy with insignificant whitespace removed, so a
     * pretty-printed policy is not refused for its indentation. Counting needs no parse, so an
     * oversized body is refused before any JSON work.
     */
    static int significantUtf8Bytes(String json) {
        int bytes = 0;
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                continue;
            } else if (c == '"') {
                inString = true;
            }
            // A surrogate pair is 4 bytes in UTF-8: 2 for each half.
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    private static JsonObject parseObject(String json) {
        if (!json.stripLeading().startsWith("{")) {
            throw new MalformedPolicyException(NOT_JSON);
        }
        // A streaming parser, because JsonReader.readObject() ignores whatever follows the object.
        try (JsonParser parser = JSON.createParser(new StringReader(json))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new MalformedPolicyException(NOT_JSON);
            }
            JsonObject document = parser.getObject();
            if (parser.hasNext()) {
                throw new MalformedPolicyException(NOT_JSON);
            }
            return document;
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            throw new MalformedPolicyException(NOT_JSON, e);
        }
    }

    private static String version(JsonValue value) {
        if (value == null) {
            // AWS: a policy without Version is a 2008-10-17 policy, so ${...} stays literal.
            return VERSION_2008;
        }
        if (value instanceof JsonString s
                && (s.getString().equals(VERSION_2012) || s.getString().equals(VERSION_2008))) {
            return s.getString();
        }
        throw new MalformedPolicyException("The policy must contain a valid version string");
    }

    private static PolicyStatement statement(JsonObject json, int index, String bucketName, boolean variables) {
        rejectUnknownFields(json, STATEMENT_FIELDS);
        String sid = json.containsKey("Sid") ? string(json.get("Sid"), "Sid must be a string") : null;
        Effect effect = effect(json.get("Effect"));
        PrincipalElement principal = principal(
                exactlyOne(json, "Principal", "NotPrincipal"), json.containsKey("NotPrincipal"));
        ActionElement action = action(
                exactlyOne(json, "Action", "NotAction"), json.containsKey("NotAction"));
        boolean notResource = json.containsKey("NotResource");
        ResourceElement resource = resource(
                exactlyOne(json, "Resource", "NotResource"), notResource, bucketName, variables);
        List<PolicyCondition> conditions = json.containsKey("Condition")
                ? conditions(json.get("Condition"), variables)
                : List.of();
        return new PolicyStatement(sid, index, effect, principal, action, resource, conditions);
    }

    private static void rejectUnknownFields(JsonObject json, Set<String> known) {
        for (String field : json.keySet()) {
            if (!known.contains(field)) {
                throw new MalformedPolicyException("Unknown field " + field);
            }
        }
    }

    private static JsonValue exactlyOne(JsonObject json, String field, String negatedField) {
        JsonValue value = json.get(field);
        JsonValue negated = json.get(negatedField);
        if (value != null && negated != null) {
            throw new MalformedPolicyException(
                    "A statement cannot have both " + field + " and " + negatedField);
        }
        if (value == null && negated == null) {
            throw new MalformedPolicyException("Missing required field " + field);
        }
        return value != null ? value : negated;
    }

    private static Effect effect(JsonValue value) {
        if (value == null) {
            throw new MalformedPolicyException("Missing required field Effect");
        }
        if (value instanceof JsonString s) {
            for (Effect effect : Effect.values()) {
                if (effect.jsonName().equals(s.getString())) {
                    return effect;
                }
            }
            throw new MalformedPolicyException("Invalid effect: " + s.getString());
        }
        throw new MalformedPolicyException("Invalid effect: " + value);
    }

    private static PrincipalElement principal(JsonValue value, boolean negated) {
        List<PrincipalPattern> patterns = new ArrayList<>();
        if (value instanceof JsonString s && s.getString().equals("*")) {
            patterns.add(new PrincipalPattern.Everyone());
        } else if (value instanceof JsonObject kinds && !kinds.isEmpty()) {
            for (Map.Entry<String, JsonValue> kind : kinds.entrySet()) {
                for (String entry : strings(kind.getValue(), INVALID_PRINCIPAL)) {
                    patterns.add(switch (kind.getKey()) {
                        case "AWS" -> awsPrincipal(entry);
                        case "CanonicalUser" -> canonicalUser(entry);
                        // Service and Federated principals name callers GhostBay never has.
                        default -> throw new MalformedPolicyException(INVALID_PRINCIPAL);
                    });
                }
            }
        } else {
            throw new MalformedPolicyException(INVALID_PRINCIPAL);
        }
        return new PrincipalElement(negated, patterns);
    }

    private static PrincipalPattern awsPrincipal(String value) {
        if (value.equals("*")) {
            return new PrincipalPattern.Everyone();
        }
        if (value.equals(ACCOUNT_ROOT_ARN)) {
            return new PrincipalPattern.AnyUser();
        }
        if (value.startsWith(USER_ARN_PREFIX)) {
            String userName = value.substring(USER_ARN_PREFIX.length());
            // IAM allows no wildcard inside a principal ARN.
            if (!userName.isEmpty() && userName.indexOf('*') < 0 && userName.indexOf('?') < 0) {
                return new PrincipalPattern.NamedUser(userName);
            }
        }
        throw new MalformedPolicyException(INVALID_PRINCIPAL);
    }

    private static PrincipalPattern canonicalUser(String value) {
        if (CANONICAL_ID.matcher(value).matches()) {
            return new PrincipalPattern.CanonicalUser(value);
        }
        throw new MalformedPolicyException(INVALID_PRINCIPAL);
    }

    private static ActionElement action(JsonValue value, boolean negated) {
        List<PolicyPattern> patterns = new ArrayList<>();
        for (String action : strings(value, INVALID_ACTION)) {
            if (!action.equals("*") && !S3_ACTION.matcher(action).matches()) {
                throw new MalformedPolicyException(INVALID_ACTION);
            }
            patterns.add(PolicyPattern.compile(action, true, false));
        }
        return new ActionElement(negated, patterns);
    }

    private static ResourceElement resource(JsonValue value, boolean negated, String bucketName, boolean variables) {
        List<PolicyPattern> patterns = new ArrayList<>();
        for (String resource : strings(value, INVALID_RESOURCE)) {
            if (!resource.equals("*")) {
                if (!resource.startsWith(RESOURCE_ARN_PREFIX) || resource.length() == RESOURCE_ARN_PREFIX.length()) {
                    throw new MalformedPolicyException(INVALID_RESOURCE);
                }
                // A bucket policy can only speak about its own bucket. NotResource is exempt: naming
                // another bucket there is meaningful ("everything except ...") and harmless.
                PolicyPattern path = PolicyPattern.compile(
                        resource.substring(RESOURCE_ARN_PREFIX.length()), true, variables);
                if (!negated && !path.couldMatch(bucketName)
                        && !path.couldMatchSomethingStartingWith(bucketName + "/")) {
                    throw new MalformedPolicyException(INVALID_RESOURCE);
                }
            }
            patterns.add(PolicyPattern.compile(resource, true, variables));
        }
        return new ResourceElement(negated, patterns);
    }

    private static List<PolicyCondition> conditions(JsonValue value, boolean variables) {
        if (!(value instanceof JsonObject block)) {
            throw new MalformedPolicyException("Condition must be an object of condition operators");
        }
        List<PolicyCondition> conditions = new ArrayList<>();
        for (Map.Entry<String, JsonValue> operator : block.entrySet()) {
            if (!(operator.getValue() instanceof JsonObject keys)) {
                throw new MalformedPolicyException(
                        "Condition " + operator.getKey() + " must be an object of condition keys");
            }
            for (Map.Entry<String, JsonValue> key : keys.entrySet()) {
                conditions.add(PolicyCondition.parse(operator.getKey(), key.getKey(),
                        conditionValues(key.getValue(), operator.getKey(), key.getKey()), variables));
            }
        }
        return conditions;
    }

    /** A condition value is a string, number or boolean, or a non-empty array of them. */
    private static List<String> conditionValues(JsonValue value, String operator, String key) {
        List<JsonValue> items = value instanceof JsonArray array ? array : List.of(value);
        List<String> values = new ArrayList<>();
        for (JsonValue item : items) {
            if (item instanceof JsonString s) {
                values.add(s.getString());
            } else if (item instanceof JsonNumber n) {
                values.add(n.toString());
            } else if (item == JsonValue.TRUE || item == JsonValue.FALSE) {
                values.add(item.toString());
            } else {
                throw new MalformedPolicyException("Invalid value for " + operator + " condition on " + key
                        + ": values must be strings, numbers or booleans");
            }
        }
        return values;
    }

    /** A string or a non-empty array of strings; anything else fails with {@code message}. */
    private static List<String> strings(JsonValue value, String message) {
        if (value instanceof JsonString s) {
            return List.of(s.getString());
        }
        if (value instanceof JsonArray array && !array.isEmpty()) {
            List<String> strings = new ArrayList<>();
            for (JsonValue item : array) {
                if (!(item instanceof JsonString s)) {
                    throw new MalformedPolicyException(message);
                }
                strings.add(s.getString());
            }
            return strings;
        }
        throw new MalformedPolicyException(message);
    }

    private static String string(JsonValue value, String message) {
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw new MalformedPolicyException(message);
    }
}
