package io.ghostbay.policy;

import java.util.List;

/**
 * A statement's {@code Resource} ({@code negated == false}) or {@code NotResource}. Resource ARNs
 * match case-sensitively, as object keys are case-sensitive, with {@code *}/{@code ?} wildcards
 * and, in 2012-10-17 policies, policy variables.
 */
public record ResourceElement(boolean negated, List<PolicyPattern> patterns) {

    public ResourceElement {
        patterns = List.copyOf(patterns);
    }

    public boolean matches(PolicyRequest request) {
        boolean listed = patterns.stream()
                .anyMatch(p -> p.matches(request.resourceArn(), false, request::values));
        return negated != listed;
    }
}
