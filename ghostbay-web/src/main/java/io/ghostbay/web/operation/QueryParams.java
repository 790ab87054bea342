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
        for (Map.Entry<String, String> p : SigV4.parseQuery(rawQuery)) {
            String name = SigV4.percentDecodeToString(p.getKey().replace('+', ' '));
            String value = SigV4.percentDecodeToString(p.getValue().replace('+', ' '));
            q.values.putIfAbsent(name, value);
        }
        return q;
    }

    public String get(String name) {
        return values.get(name);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }
}
