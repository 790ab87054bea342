package io.ghostbay.acl;

/** One entry of an access control list. */
public record AclGrant(AclGrantee grantee, AclPermission permission) {
}
