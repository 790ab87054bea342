package io.ghostbay.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the ACL a request sets through headers: {@code x-amz-acl} (a canned ACL) or the
 * {@code x-amz-grant-*} headers ({@code id="…", uri="…"} lists). The two are mutually exclusive.
 */
public final class AclHeaders {
    /** Grant header → permission. */
    public static final Map<String, AclPermission> GRANT_HEADERS = Map.of(
            "x-amz-grant-read", AclPermission.READ,
            "x-amz-grant-write", AclPermission.WRITE,
            "x-amz-grant-read-acp", AclPermission.READ_ACP,
            "x-amz-grant-write-acp", AclPermission.WRITE_ACP,
            "x-amz-grant-full-control", AclPermission.FULL_CONTROL);

    private AclHeaders() {
    }

    /** What a request asks for: nothing, a canned ACL, or explicit grants. */
    public record Requested(CannedAcl canned, List<AclGrant> grants) {
        public static final Requested NONE = new Requested(null, null);

        public boolean isNone() {
            return canned == null && grants == null;
        }
    }

    /**
     * @param header reads a request header by (case-insensitive) name; null when absent
     * @throws IllegalArgumentException with the S3-style message for a bad value
     */
    public static Requested parse(java.util.function.Function<String, String> header) {
        String canned = header.apply("x-amz-acl");
        List<AclGrant> grants = null;
        for (Map.Entry<String, AclPermission> h : GRANT_HEADERS.entrySet()) {
            String value = header.apply(h.getKey());
            if (value == null) {
                continue;
            }
            if (grants == null) {
                grants = new ArrayList<>();
            }
            for (AclGrantee grantee : parseGrantees(value)) {
                grants.add(new AclGrant(grantee, h.getValue()));
            }
        }
        if (canned != null && grants != null) {
            throw new IllegalArgumentException("Specifying both Canned ACLs and Header Grants is not allowed");
        }
        if (canned != null) {
            CannedAcl c = CannedAcl.fromHeader(canned);
            if (c == null) {
                throw new IllegalArgumentException("Invalid canned ACL: " + canned);
            }
            return new Requested(c, null);
        }
        return grants == null ? Requested.NONE : new Requested(null, List.copyOf(grants));
    }

    /** {@code id="a", uri="http://…"} → grantees. */
    static List<AclGrantee> parseGrantees(String value) {
        List<AclGrantee> out = new ArrayList<>();
        for (String item : value.split(",")) {
            String t = item.trim();
            if (t.isEmpty()) {
                continue;
            }
            int eq = t.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("Invalid grant: " + t);
            }
            String type = t.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String v = t.substring(eq + 1).trim();
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                v = v.substring(1, v.length() - 1);
            }
            if (v.isEmpty()) {
                throw new IllegalArgumentException("Invalid grant: " + t);
            }
            switch (type) {
                case "id" -> out.add(AclGrantee.user(v));
                case "uri" -> out.add(AclGrantee.group(v));
                case "emailaddress" -> throw new UnsupportedOperationException("Grants by email address are not supported");
                default -> throw new IllegalArgumentException("Invalid grantee type: " + type);
            }
        }
        return out;
    }
}
