package io.ghostbay.acl;

/**
 * Who a grant is for: one user (by canonical id) or one of S3's predefined groups.
 * Email-address grantees are not supported (AWS supports them in a few regions only).
 */
public record AclGrantee(Type type, String value) {
    public enum Type { CANONICAL_USER, GROUP }

    public static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
    public static final String AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
    public static final String LOG_DELIVERY = "http://acs.amazonaws.com/groups/s3/LogDelivery";

    public static AclGrantee user(String canonicalId) {
        return new AclGrantee(Type.CANONICAL_USER, canonicalId);
    }

    public static AclGrantee group(String uri) {
        return new AclGrantee(Type.GROUP, uri);
    }

    /** A group grant that reaches callers outside the owner's control: everyone, or every signed-in user. */
    public boolean isPublic() {
        return type == Type.GROUP && (ALL_USERS.equals(value) || AUTHENTICATED_USERS.equals(value));
    }

    /**
     * Whether the grant reaches the caller: {@code canonicalId} null means an anonymous request.
     */
    public boolean matches(String canonicalId) {
        return switch (type) {
            case CANONICAL_USER -> value.equals(canonicalId);
            case GROUP -> ALL_USERS.equals(value) || (AUTHENTICATED_USERS.equals(value) && canonicalId != null);
        };
    }
}
