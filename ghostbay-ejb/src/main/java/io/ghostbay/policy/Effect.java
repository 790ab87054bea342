package io.ghostbay.policy;

/** A statement's {@code Effect}. */
public enum Effect {
    ALLOW("Allow"),
    DENY("Deny");

    private final String jsonName;

    Effect(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The spelling in a policy document, which is case-sensitive. */
    public String jsonName() {
        return jsonName;
    }
}
