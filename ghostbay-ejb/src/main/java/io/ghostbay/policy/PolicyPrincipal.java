package io.ghostbay.policy;

import java.util.Objects;

/**
 * Who is asking: a GhostBay user (its canonical id and user name) or the anonymous caller (both
 * {@code null}). A user always has a canonical id; the user name may be unknown to the caller.
 */
public record PolicyPrincipal(String canonicalId, String userName) {

    private static final PolicyPrincipal ANONYMOUS = new PolicyPrincipal(null, null);

    public PolicyPrincipal {
        if (canonicalId == null && userName != null) {
            throw new IllegalArgumentException("a named user needs a canonical id");
        }
    }

    public static PolicyPrincipal anonymous() {
        return ANONYMOUS;
    }

    public static PolicyPrincipal user(String canonicalId, String userName) {
        return new PolicyPrincipal(Objects.requireNonNull(canonicalId, "canonicalId"), userName);
    }

    public boolean isAnonymous() {
        return canonicalId == null;
    }
}
