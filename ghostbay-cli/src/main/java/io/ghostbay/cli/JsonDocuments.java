package io.ghostbay.cli;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;

/** Parsing, writing and building the JSON documents of the admin API, with one JSON-P provider. */
final class JsonDocuments {
    // Looked up once: JsonProvider.provider() runs a ServiceLoader scan on every call.
    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private JsonDocuments() {
    }

    /** Parses a JSON text; empty if it is not JSON at all. */
    static Optional<JsonValue> parse(String text) {
        try (JsonReader reader = PROVIDER.createReader(new StringReader(text))) {
            return Optional.of(reader.readValue());
        } catch (JsonException e) {
            // JsonParsingException and friends: the caller decides what a non-JSON answer means
            return Optional.empty();
        }
    }

    /** Compact, one-line JSON text. */
    static String write(JsonValue value) {
        StringWriter out = new StringWriter();
        PROVIDER.createWriter(out).write(value);
        return out.toString();
    }

    /**
     * An object from name/value pairs; null values are left out (the API omits absent fields), and
     * values may be strings, booleans, numbers or JSON values.
     */
    static JsonObject object(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        JsonObjectBuilder builder = PROVIDER.createObjectBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String name = (String) namesAndValues[i];
            Object value = namesAndValues[i + 1];
            if (value == null) {
                continue;
            }
            if (value instanceof String s) {
                builder.add(name, s);
            } else if (value instanceof Boolean b) {
                builder.add(name, b);
            } else if (value instanceof Integer n) {
                builder.add(name, n);
            } else if (value instanceof Long n) {
                builder.add(name, n);
            } else if (value instanceof JsonValue v) {
                builder.add(name, v);
            } else {
                throw new IllegalArgumentException("unsupported JSON value type for " + name + ": "
                        + value.getClass().getName());
            }
        }
        return builder.build();
    }

    /** An empty array builder. */
    static JsonArrayBuilder array() {
        return PROVIDER.createArrayBuilder();
    }

    /** The objects of an array field, e.g. {@code users} of {@code {"users": [...]}}; empty if absent. */
    static List<JsonObject> objects(JsonObject document, String arrayField) {
        JsonValue value = document.get(arrayField);
        if (!(value instanceof JsonArray array)) {
            return List.of();
        }
        return array.getValuesAs(JsonObject.class);
    }

    /**
     * A field as text for a table cell: strings as they are, other values in JSON form, and "-" when
     * the field is absent or null (the API omits absent fields).
     */
    static String text(JsonObject object, String field) {
        JsonValue value = object.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return "-";
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        return value.toString();
    }
}
