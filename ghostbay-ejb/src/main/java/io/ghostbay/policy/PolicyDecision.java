package io.ghostbay.policy;

import java.util.List;
import java.util.Objects;

/**
 * The bucket policy's verdict on one request. {@link Outcome#NO_MATCH} is not a denial by itself:
 * the caller falls back to its other rules (ownership, ACLs), as S3 does when no policy statement
 * applies.
 *
 * @param reason one short sentence for logs and the decision explainer
 * @param statements every statement of the policy, in order, with whether it matched
 */
public record PolicyDecision(Outcome outcome, String reason, List<StatementResult> statements) {

    public enum Outcome {
        /** Some Allow statement matched and no Deny statement did. */
        ALLOW,
        /** Some Deny statement matched; nothing else can grant the request. */
        EXPLICIT_DENY,
        /** No statement matched. */
        NO_MATCH
    }

    public PolicyDecision {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        statements = List.copyOf(statements);
    }
}
