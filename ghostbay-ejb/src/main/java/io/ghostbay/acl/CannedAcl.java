package io.ghostbay.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** S3's canned ACLs ({@code x-amz-acl}), expanded into grants as AWS documents them. */
public enum CannedAcl {
    PRIVATE("private"),
    PUBLIC_READ("public-read"),
    PUBLIC_READ_WRITE("public-read-write"),
    AUTHENTICATED_READ("authenticated-read"),
    BUCKET_OWNER_READ("bucket-owner-read"),
    BUCKET_OWNER_FULL_CONTROL("bucket-owner-full-control"),
    LOG_DELIVERY_WRITE("log-delivery-write");

    private final String headerValue;

    CannedAcl(String headerValue) {
        this.headerValue = headerValue;
    }

    public String headerValue() {
        return headerValue;
    }

    /** The canned ACL named by an {@code x-amz-acl} value, or null when there is none by that name. */
    public static CannedAcl fromHeader(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (CannedAcl c : values()) {
            if (c.headerValue.equals(v)) {
                return c;
            }
        }
        return null;
    }

    /**
     * The ACL this canned ACL means for a resource owned by {@code ownerId} in a bucket owned by
     * {@code bucketOwnerId} (the bucket-owner-* ACLs grant the bucket's owner; on a bucket they
     * mean nothing beyond private).
     */
    public AccessControlList expand(String ownerId, String bucketOwnerId) {
        List<AclGrant> grants = new ArrayList<>(AccessControlList.privateTo(ownerId).grants());
        switch (this) {
            case PUBLIC_READ -> grants.add(new AclGrant(AclGrantee.group(AclGrantee.ALL_USERS), AclPermission.READ));
            case PUBLIC_READ_WRITE -> {
                grants.add(new AclGrant(AclGrantee.group(AclGrantee.ALL_USERS), AclPermission.READ));
                grants.add(new AclGrant(AclGrantee.group(AclGrantee.ALL_USERS), AclPermission.WRITE));
            }
            case AUTHENTICATED_READ -> grants.add(new AclGrant(AclGrantee.group(AclGrantee.AUTHENTICATED_USERS), AclPermission.READ));
            case BUCKET_OWNER_READ -> {
                if (!bucketOwnerId.equals(ownerId)) {
                    grants.add(new AclGrant(AclGrantee.user(bucketOwnerId), AclPermission.READ));
                }
            }
            case BUCKET_OWNER_FULL_CONTROL -> {
                if (!bucketOwnerId.equals(ownerId)) {
                    grants.add(new AclGrant(AclGrantee.user(bucketOwnerId), AclPermission.FULL_CONTROL));
                }
            }
            case LOG_DELIVERY_WRITE -> {
                grants.add(new AclGrant(AclGrantee.group(AclGrantee.LOG_DELIVERY), AclPermission.WRITE));
                grants.add(new AclGrant(AclGrantee.group(AclGrantee.LOG_DELIVERY), AclPermission.READ_ACP));
            }
            default -> {
            }
        }
        return new AccessControlList(ownerId, grants);
    }
}
