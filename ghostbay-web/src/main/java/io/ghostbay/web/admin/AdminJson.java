package io.ghostbay.web.admin;

import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;
import io.ghostbay.service.AccessKeyInfo;
import io.ghostbay.service.AuthorizationService;
import io.ghostbay.service.BucketInfo;
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
import java.util.Map;

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
        return b.build();
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
