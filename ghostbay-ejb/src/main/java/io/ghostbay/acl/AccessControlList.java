package io.ghostbay.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An S3 access control list: the owner (who always has FULL_CONTROL of the ACL itself on AWS) and
 * its grants. Stored in the catalog in the compact text form of {@link #encode()}.
 */
public record AccessControlList(String ownerCanonicalId, List<AclGrant> grants) {
    /** S3's limit on grants per ACL. */
    public static final int MAX_GRANTS = 100;

    public AccessControlList {
        Objects.requireNonNull(ownerCanonicalId, "owner");
        grants = List.copyOf(grants);
    }

    /** The default ACL: the owner has FULL_CONTROL, nobody else anything. */
    public static AccessControlList privateTo(String ownerCanonicalId) {
        return new AccessControlList(ownerCanonicalId, List.of(new AclGrant(AclGrantee.user(ownerCanonicalId), AclPermission.FULL_CONTROL)));
    }

    /**
     * Whether a grant gives the caller (canonical id, or null when anonymous) the permission to
     * perform the action; public grants (AllUsers, AuthenticatedUsers) count only when
     * {@code ignorePublicGrants} is false (PublicAccessBlock IgnorePublicAcls).
     */
    public boolean allows(String callerCanonicalId, String action, boolean objectAcl, boolean ignorePublicGrants) {
        for (AclGrant g : grants) {
            if (ignorePublicGrants && g.grantee().isPublic()) {
                continue;
            }
            if (g.grantee().matches(callerCanonicalId)
                    && (objectAcl ? g.permission().grantsOnObject(action) : g.permission().grantsOnBucket(action))) {
                return true;
            }
        }
        return false;
    }

    /** Grants to AllUsers or AuthenticatedUsers (what BlockPublicAcls refuses). */
    public boolean isPublic() {
        return grants.stream().anyMatch(g -> g.grantee().isPublic());
    }

    /** Compact storage form: the owner on the first line, then one "U|G permission value" line per grant. */
    public String encode() {
        StringBuilder sb = new StringBuilder(ownerCanonicalId);
        for (AclGrant g : grants) {
            sb.append('\n').append(g.grantee().type() == AclGrantee.Type.CANONICAL_USER ? 'U' : 'G').append(' ')
                    .append(g.permission().name()).append(' ').append(g.grantee().value());
        }
        return sb.toString();
    }

    public static AccessControlList decode(String stored) {
        String[] lines = stored.split("\n");
        List<AclGrant> grants = new ArrayList<>(lines.length - 1);
        for (int i = 1; i < lines.length; i++) {
            String[] parts = lines[i].split(" ", 3);
            AclGrantee grantee = parts[0].equals("U") ? AclGrantee.user(parts[2]) : AclGrantee.group(parts[2]);
            grants.add(new AclGrant(grantee, AclPermission.valueOf(parts[1])));
        }
        return new AccessControlList(lines[0], grants);
    }
}
