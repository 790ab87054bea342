package io.ghostbay.policy;

/**
 * How one statement fared for one request, for the decision explainer.
 *
 * @param sid the statement's {@code Sid}, or {@code null} when it has none
 * @param index the statement's position in the policy, counted from 0
 * @param effect {@code "Allow"} or {@code "Deny"}
 * @param matched whether principal, action, resource and every condition all matched
 */
public record StatementResult(String sid, int index, String effect, boolean matched) {}
