package io.ghostbay.s3;

import java.util.regex.Pattern;

/** AWS general-purpose bucket naming rules. */
public final class BucketNames {
    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private BucketNames() {
    }

    public static boolean isValid(String name) {
        if (name == null || !ALLOWED.matcher(name).matches()) {
            return false;
        }
        if (name.contains("..") || name.contains(".-") || name.contains("-.") || IP_ADDRESS.matcher(name).matches()) {
            return false;
        }
        return !(name.startsWith("xn--") || name.startsWith("sthree-") || name.startsWith("amzn-s3-demo-")
                || name.endsWith("-s3alias") || name.endsWith("--ol-s3") || name.endsWith(".mrap")
                || name.endsWith("--x-s3") || name.endsWith("--table-s3"));
    }

    public static void requireValid(String name) {
        if (!isValid(name)) {
            throw S3Exception.forResource(S3ErrorCode.INVALID_BUCKET_NAME, "/" + name).with("BucketName", name);
        }
    }
}
