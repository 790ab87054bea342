package io.ghostbay.service;

/** A user as the admin API shows it. */
public record UserInfo(long id, String userName, String canonicalId, boolean admin, long createdMs) {

    /** The principal ARN bucket policies use for this user. */
    public String arn() {
        return "arn:aws:iam::ghostbay:user/" + userName;
    }
}
