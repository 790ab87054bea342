package io.ghostbay.policy;

import java.util.List;

/**
 * A statement's {@code Principal} ({@code negated == false}) or {@code NotPrincipal}.
 *
 * @param patterns the entries; the element matches a caller if any entry does (NotPrincipal: if
 *     none does)
 */
public record PrincipalElement(boolean negated, List<PrincipalPattern> patterns) {

    public PrincipalElement {
        patterns = List.copyOf(patterns);
    }

    public boolean matches(PolicyPrincipal principal) {
        boolean listed = patterns.stream().anyMatch(p -> p.matches(principal));
        return negated != listed;
    }

    /** Whether the element reaches everyone: {@code "*"} in Principal, or any NotPrincipal. */
    public boolean reachesEveryone() {
        return negated || patterns.stream().anyMatch(PrincipalPattern.Everyone.class::isInstance);
    }
}
