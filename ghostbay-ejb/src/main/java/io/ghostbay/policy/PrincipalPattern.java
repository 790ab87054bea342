package io.ghostbay.policy;

import java.util.Objects;

/**
 * One entry of a statement's {@code Principal} or {@code NotPrincipal}, in GhostBay's terms:
 * GhostBay has a single account ({@code ghostbay}), so {@code arn:aws:iam::ghostbay:root} means
 * every GhostBay user, and {@code arn:aws:iam::ghostbay:user/NAME} one of them.
 */
public sealed interface PrincipalPattern {

    /** The account every GhostBay user belongs to, as it appears in principal ARNs. */
    String ACCOUNT = "ghostbay";

    boolean matches(PolicyPrincipal principal);

    /** {@code "*"} or {@code {"AWS": "*"}}: anyone, anonymous callers included. */
    record Everyone() implements PrincipalPattern {
        @Override
        public boolean matches(PolicyPrincipal principal) {
            return true;
        }
    }

    /** {@code arn:aws:iam::ghostbay:root}: any authenticated GhostBay user, never anonymous. */
    record AnyUser() implements PrincipalPattern {
        @Override
        public boolean matches(PolicyPrincipal principal) {
            return !principal.isAnonymous();
        }
    }

    /** {@code arn:aws:iam::ghostbay:user/NAME}: one user, by name (case-sensitive). */
    record NamedUser(String userName) implements PrincipalPattern {
        public NamedUser {
            Objects.requireNonNull(userName, "userName");
        }

        @Override
        public boolean matches(PolicyPrincipal principal) {
            return userName.equals(principal.userName());
        }
    }

    /** {@code {"CanonicalUser": "<64 hex>"}}: one user, by canonical id. */
    record CanonicalUser(String canonicalId) implements PrincipalPattern {
        public CanonicalUser {
            Objects.requireNonNull(canonicalId, "canonicalId");
        }

        @Override
        public boolean matches(PolicyPrincipal principal) {
            return canonicalId.equals(principal.canonicalId());
        }
    }
}
