package io.ghostbay.policy;

import java.util.List;
import java.util.Objects;

/**
 * One statement of a bucket policy.
 *
 * @param sid the {@code Sid}, or {@code null}
 * @param index the position in the policy, counted from 0, so statements without a Sid can still
 *     be named in decisions
 * @param conditions all must hold (an absent {@code Condition} is an empty list)
 */
public record PolicyStatement(String sid, int index, Effect effect, PrincipalElement principal,
        ActionElement action, ResourceElement resource, List<PolicyCondition> conditions) {

    public PolicyStatement {
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        conditions = List.copyOf(conditions);
    }

    /** Whether principal, action, resource and every condition match the request. */
    public boolean matches(PolicyRequest request) {
        return principal.matches(request.principal())
                && action.matches(request.action())
                && resource.matches(request)
                && conditions.stream().allMatch(c -> c.holds(request));
    }

    /**
     * Whether this statement makes the policy public: it allows everyone and no condition pins it
     * to fixed callers (see {@link BucketPolicy#isPublic()}).
     */
    boolean grantsPublicAccess() {
        return effect == Effect.ALLOW
                && principal.reachesEveryone()
                && conditions.stream().noneMatch(PolicyCondition::pinsCallerToFixedValues);
    }

    /** {@code "Sid" (#i)} or {@code #i}, for decision reasons. */
    String describe() {
        return sid == null || sid.isEmpty() ? "#" + index : "\"" + sid + "\" (#" + index + ")";
    }
}
