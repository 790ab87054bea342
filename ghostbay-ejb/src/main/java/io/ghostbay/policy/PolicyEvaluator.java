package io.ghostbay.policy;

import io.ghostbay.policy.PolicyDecision.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Evaluates a request against a bucket policy with IAM's rule: an explicit Deny wins over any
 * Allow; otherwise an Allow grants; otherwise the policy has no say ({@link Outcome#NO_MATCH}).
 */
public final class PolicyEvaluator {

    private PolicyEvaluator() {}

    /**
     * @param policy the bucket's policy, or {@code null} when it has none
     * @return the decision, with every statement's result so the decision can be explained
     */
    public static PolicyDecision evaluate(BucketPolicy policy, PolicyRequest request) {
        Objects.requireNonNull(request, "request");
        if (policy == null) {
            return new PolicyDecision(Outcome.NO_MATCH, "The bucket has no policy", List.of());
        }
        List<StatementResult> results = new ArrayList<>();
        PolicyStatement firstDeny = null;
        PolicyStatement firstAllow = null;
        // Every statement is evaluated, even after a Deny, because the explainer shows them all.
        for (PolicyStatement statement : policy.statements()) {
            boolean matched = statement.matches(request);
            results.add(new StatementResult(
                    statement.sid(), statement.index(), statement.effect().jsonName(), matched));
            if (matched && statement.effect() == Effect.DENY && firstDeny == null) {
                firstDeny = statement;
            } else if (matched && statement.effect() == Effect.ALLOW && firstAllow == null) {
                firstAllow = statement;
            }
        }
        if (firstDeny != null) {
            return new PolicyDecision(Outcome.EXPLICIT_DENY, "Denied by statement " + firstDeny.describe(), results);
        }
        if (firstAllow != null) {
            return new PolicyDecision(Outcome.ALLOW, "Allowed by statement " + firstAllow.describe(), results);
        }
        return new PolicyDecision(Outcome.NO_MATCH,
                "No statement allows " + request.action() + " on " + request.resourceArn(), results);
    }
}
