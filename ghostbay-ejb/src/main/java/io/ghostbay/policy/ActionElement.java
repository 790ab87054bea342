package io.ghostbay.policy;

import java.util.List;

/**
 * A statement's {@code Action} ({@code negated == false}) or {@code NotAction}. Actions match
 * case-insensitively ({@code s3:getobject} is {@code s3:GetObject}), with {@code *} and {@code ?}
 * wildcards and no policy variables.
 */
public record ActionElement(boolean negated, List<PolicyPattern> patterns) {

    public ActionElement {
        patterns = List.copyOf(patterns);
    }

    public boolean matches(String action) {
        boolean listed = patterns.stream().anyMatch(p -> p.matches(action, true));
        return negated != listed;
    }
}
