package io.ghostbay.service;

import io.ghostbay.catalog.ObjectHeaders;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Converts between the request-side {@link ObjectMetadata} and the stored {@link ObjectHeaders};
 * {@code x-amz-meta-*} pairs are stored as a small JSON object in one column.
 */
final class UserMetadataCodec {
    /** Looked up once: {@code Json.createReader} and friends look the provider up on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private UserMetadataCodec() {
    }

    static ObjectHeaders toHeaders(ObjectMetadata m) {
        return new ObjectHeaders(m.contentType(), m.cacheControl(), m.contentDisposition(), m.contentEncoding(),
                m.contentLanguage(), m.expires(), encode(m.userMetadata()));
    }

    static ObjectMetadata toMetadata(ObjectHeaders h) {
        return new ObjectMetadata(h.getContentType(), h.getCacheControl(), h.getContentDisposition(), h.getContentEncoding(),
                h.getContentLanguage(), h.getExpires(), decode(h.getUserMetadata()));
    }

    static String encode(Map<String, String> metadata) {
        if (metadata == null || metadata.isEmpty()) {
            return null;
        }
        JsonObjectBuilder b = JSON.createObjectBuilder();
        new TreeMap<>(metadata).forEach(b::add);
        return b.build().toString();
    }

    static Map<String, String> decode(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try (JsonReader r = JSON.createReader(new StringReader(json))) {
            JsonObject o = r.readObject();
            Map<String, String> out = new LinkedHashMap<>();
            o.forEach((k, v) -> out.put(k, ((JsonString) v).getString()));
            return out;
        }
    }
}
