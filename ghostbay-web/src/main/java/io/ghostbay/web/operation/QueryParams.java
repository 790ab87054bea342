package io.ghostbay.web.operation;

import io.ghostbay.web.auth.SigV4;

import java.util.LinkedHashMap;
import java.util.Map;

/** Query parameters decoded from the raw query string as S3 does ('+' is a space, %XX is UTF-8). */
public final class QueryParams {
    private final Map<String, String> values = new LinkedHashMap<>();

    private QueryParams() {
    }

    public static QueryParams parse(String rawQuery) {
        QueryParams q = new QueryParams();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return q;
        }
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            q.values.putIfAbsent(decode(name), decode(value));
        }
        return q;
    }

    /** Decodes once: '+' is a space, %XX are UTF-8 bytes (so %2B is a literal plus). */
    private static String decode(String raw) {
        return SigV4.percentDecodeToString(raw.replace('+', ' '));
    }

    public String get(String name) {
        return values.get(name);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }
}
