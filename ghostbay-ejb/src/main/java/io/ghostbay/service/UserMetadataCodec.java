package io.ghostbay.service;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** {@code x-amz-meta-*} pairs stored as a small JSON object in one column. */
final class UserMetadataCodec {
    private UserMetadataCodec() {
    }

    static String encode(Map<String, String> metadata) {
        if (metadata == null || metadata.isEmpty()) {
            return null;
        }
        JsonObjectBuilder b = Json.createObjectBuilder();
        new TreeMap<>(metadata).forEach(b::add);
        return b.build().toString();
    }

    static Map<String, String> decode(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try (JsonReader r = Json.createReader(new StringReader(json))) {
            JsonObject o = r.readObject();
            Map<String, String> out = new LinkedHashMap<>();
            o.forEach((k, v) -> out.put(k, ((JsonString) v).getString()));
            return out;
        }
    }
}
