package io.ghostbay.acl;

/**
 * A bucket's PublicAccessBlockConfiguration. {@link #NONE} (all false) when the bucket has none.
 * Stored as four 0/1 digits in this order.
 */
public record PublicAccessBlock(boolean blockPublicAcls, boolean ignorePublicAcls, boolean blockPublicPolicy,
                                boolean restrictPublicBuckets) {
    public static final PublicAccessBlock NONE = new PublicAccessBlock(false, false, false, false);

    public String encode() {
        return (blockPublicAcls ? "1" : "0") + (ignorePublicAcls ? "1" : "0") + (blockPublicPolicy ? "1" : "0")
                + (restrictPublicBuckets ? "1" : "0");
    }

    public static PublicAccessBlock decode(String stored) {
        return new PublicAccessBlock(stored.charAt(0) == '1', stored.charAt(1) == '1', stored.charAt(2) == '1',
                stored.charAt(3) == '1');
    }
}
