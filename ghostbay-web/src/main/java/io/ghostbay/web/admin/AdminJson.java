package io.ghostbay.web.admin;

import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;
import io.ghostbay.service.AccessKeyInfo;
import io.ghostbay.service.AuthorizationService;
import io.ghostbay.service.BucketInfo;
import io.ghostbay.service.KeyLimits;
import io.ghostbay.service.UserInfo;
import io.ghostbay.policy.StatementResult;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The admin API's JSON shapes (docs/admin-api.md), in one place. */
final class AdminJson {
    private AdminJson() {
    }

    static JsonObject user(UserInfo u) {
        return Json.createObjectBuilder().add("userName", u.userName()).add("canonicalId", u.canonicalId())
                .add("admin", u.admin()).add("createdAt", time(u.createdMs())).add("arn", u.arn()).build();
    }

    static JsonObject key(AccessKeyInfo k) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("accessKeyId", k.accessKeyId());
        if (k.userName() != null) {
            b.add("userName", k.userName());
        }
        b.add("status", k.active() ? "Active" : "Inactive").add("createdAt", time(k.createdMs()));
        if (k.expiresMs() != null) {
            b.add("expiresAt", time(k.expiresMs()));
        }
        if (k.lastUsedMs() != null) {
            b.add("lastUsedAt", time(k.lastUsedMs()));
        }
        if (k.secretAccessKey() != null) {
            b.add("secretAccessKey", k.secretAccessKey());
        }
        return b.add("limits", limits(k.limits())).build();
    }

    /** A key's overrides of the request limits; a field without an override is omitted. */
    static JsonObject limits(KeyLimits l) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        if (l != null && l.requestsPerSecond() != null) {
            b.add(REQUESTS_PER_SECOND, l.requestsPerSecond());
        }
        if (l != null && l.burst() != null) {
            b.add(BURST, l.burst());
        }
        if (l != null && l.maxConcurrent() != null) {
            b.add(MAX_CONCURRENT, l.maxConcurrent());
        }
        return b.build();
    }

    private static final String REQUESTS_PER_SECOND = "requestsPerSecond";
    private static final String BURST = "burst";
    private static final String MAX_CONCURRENT = "maxConcurrent";

    /** The body of {@code PUT /keys/{id}/limits}: the values to set and the fields to clear (given as null). */
    record LimitsChange(KeyLimits values, Set<String> cleared) {
    }

    /**
     * Reads {@code {"requestsPerSecond": 5, "burst": 10, "maxConcurrent": 2}}: a number sets the
     * override, null clears it, an absent field stays as it is. Any other field is refused, so that a
     * misspelt limit is not silently ignored.
     */
    static LimitsChange limitsChange(JsonObject o) {
        for (String field : o.keySet()) {
            if (!field.equals(REQUESTS_PER_SECOND) && !field.equals(BURST) && !field.equals(MAX_CONCURRENT)) {
                throw S3Exception.of(S3ErrorCode.INVALID_ARGUMENT, "Unknown field \"" + field + "\"; the limits are "
                        + REQUESTS_PER_SECOND + ", " + BURST + " and " + MAX_CONCURRENT + ".");
            }
        }
        Set<String> cleared = new HashSet<>();
        for (String field : o.keySet()) {
            if (o.get(field).getValueType() == JsonValue.ValueType.NULL) {
                cleared.add(field);
            }
        }
        return new LimitsChange(new KeyLimits(intValue(o, REQUESTS_PER_SECOND), intValue(o, BURST),
                intValue(o, MAX_CONCURRENT)), cleared);
    }

    static Integer intValue(JsonObject o, String field) {
        JsonValue v = o.get(field);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (v.getValueType() != JsonValue.ValueType.NUMBER || !o.getJsonNumber(field).isIntegral()) {
            throw S3Exception.of(S3ErrorCode.MALFORMED_JSON, "\"" + field + "\" must be an integer or null.");
        }
        try {
            return o.getJsonNumber(field).intValueExact();
        } catch (ArithmeticException e) {
            throw S3Exception.of(S3ErrorCode.INVALID_ARGUMENT, "\"" + field + "\" is out of range.");
        }
    }

    static JsonObject bucket(BucketInfo b, UserInfo owner) {
        JsonObjectBuilder o = Json.createObjectBuilder().add("name", b.name());
        if (owner != null) {
            o.add("owner", owner.userName()).add("ownerCanonicalId", owner.canonicalId());
        }
        return o.add("region", b.region()).add("createdAt", time(b.createdMs())).build();
    }

    static JsonObject explanation(AuthorizationService.Explanation e) {
        JsonArrayBuilder statements = Json.createArrayBuilder();
        if (e.policyDecision() != null) {
            for (StatementResult s : e.policyDecision().statements()) {
                JsonObjectBuilder sb = Json.createObjectBuilder();
                if (s.sid() != null) {
                    sb.add("sid", s.sid());
                }
                statements.add(sb.add("index", s.index()).add("effect", s.effect()).add("matched", s.matched()));
            }
        }
        return Json.createObjectBuilder().add("decision", e.decision()).add("reason", e.reason())
                .add("statements", statements).build();
    }

    static JsonObject list(String name, Iterable<JsonObject> items) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        items.forEach(a::add);
        return Json.createObjectBuilder().add(name, a).build();
    }

    static JsonObject error(S3ErrorCode code, String message, String requestId) {
        return Json.createObjectBuilder().add("error", Json.createObjectBuilder().add("code", code.code())
                .add("message", message == null ? code.defaultMessage() : message)
                .add("requestId", requestId == null ? "" : requestId)).build();
    }

    /** The request body as a JSON object; an empty body is an empty object (all fields optional). */
    static JsonObject body(byte[] data) {
        if (data.length == 0) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (JsonReader r = Json.createReader(new ByteArrayInputStream(data))) {
            return r.readObject();
        } catch (JsonParsingException | IllegalStateException e) {
            throw S3Exception.of(S3ErrorCode.MALFORMED_JSON, "The request body is not a JSON object: " + e.getMessage());
        } catch (JsonException e) {
            throw S3Exception.of(S3ErrorCode.MALFORMED_JSON, "The request body is not valid JSON.");
        }
    }

    static String string(JsonObject o, String field) {
        JsonValue v = o.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v.getValueType() != JsonValue.ValueType.STRING) {
            throw S3Exception.of(S3ErrorCode.MALFORMED_JSON, "\"" + field + "\" must be a string.");
        }
        return o.getString(field);
    }

    static boolean bool(JsonObject o, String field) {
        JsonValue v = o.get(field);
        if (v == null || v == JsonValue.NULL) {
            return false;
        }
        if (v != JsonValue.TRUE && v != JsonValue.FALSE) {
            throw S3Exception.of(S3ErrorCode.MALFORMED_JSON, "\"" + field + "\" must be true or false.");
        }
        return v == JsonValue.TRUE;
    }

    static Long longValue(JsonObject o, String field) {
        JsonValue v = o.get(field);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (v.getValueType() != JsonValue.ValueType.NUMBER || !o.getJsonNumber(field).isIntegral()) {
            throw S3Exception.of(S3ErrorCode.MALFORMED_JSON, "\"" + field + "\" must be an integer.");
        }
        return o.getJsonNumber(field).longValueExact();
    }

    static Long instant(JsonObject o, String field) {
        String s = string(o, field);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw S3Exception.of(S3ErrorCode.INVALID_ARGUMENT, "\"" + field + "\" must be an ISO-8601 instant such as 2027-01-31T00:00:00Z.");
        }
    }

    static Map<String, JsonValue> object(JsonObject o, String field) {
        JsonValue v = o.get(field);
        if (v == null || v == JsonValue.NULL) {
            return Map.of();
        }
        if (v.getValueType() != JsonValue.ValueType.OBJECT) {
            throw S3Exception.of(S3ErrorCode.MALFORMED_JSON, "\"" + field + "\" must be an object.");
        }
        return v.asJsonObject();
    }

    private static String time(long epochMs) {
        return Instant.ofEpochMilli(epochMs).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
