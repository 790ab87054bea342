package io.ghostbay.acl;

import java.util.Set;

/**
 * An ACL permission, and the policy actions it grants (AWS's "ACL permission to access policy
 * permission mapping"). FULL_CONTROL grants everything the other four grant.
 */
public enum AclPermission {
    READ(Set.of("s3:ListBucket", "s3:ListBucketVersions", "s3:ListBucketMultipartUploads"),
            Set.of("s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectAttributes")),
    WRITE(Set.of("s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:AbortMultipartUpload",
            "s3:ListMultipartUploadParts"), Set.of()),
    READ_ACP(Set.of("s3:GetBucketAcl"), Set.of("s3:GetObjectAcl", "s3:GetObjectVersionAcl")),
    WRITE_ACP(Set.of("s3:PutBucketAcl"), Set.of("s3:PutObjectAcl", "s3:PutObjectVersionAcl")),
    FULL_CONTROL(Set.of(), Set.of());

    private final Set<String> bucketActions;
    private final Set<String> objectActions;

    AclPermission(Set<String> bucketActions, Set<String> objectActions) {
        this.bucketActions = bucketActions;
        this.objectActions = objectActions;
    }

    /** Whether this permission, in a bucket ACL, grants the action. */
    public boolean grantsOnBucket(String action) {
        return this == FULL_CONTROL ? bucketActionsOfAnyPermission(action) : bucketActions.contains(action);
    }

    /** Whether this permission, in an object ACL, grants the action. */
    public boolean grantsOnObject(String action) {
        return this == FULL_CONTROL ? objectActionsOfAnyPermission(action) : objectActions.contains(action);
    }

    private static boolean bucketActionsOfAnyPermission(String action) {
        for (AclPermission p : values()) {
            if (p.bucketActions.contains(action)) {
                return true;
            }
        }
        return false;
    }

    private static boolean objectActionsOfAnyPermission(String action) {
        for (AclPermission p : values()) {
            if (p.objectActions.contains(action)) {
                return true;
            }
        }
        return false;
    }

    /** Which ACL an action is checked against: the object's for object actions, else the bucket's. */
    public static boolean isObjectAction(String action) {
        return objectActionsOfAnyPermission(action);
    }
}
