package io.ghostbay.s3;

import jakarta.ejb.ApplicationException;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The one exception type for S3 failures. As an EJB application exception it reaches the
 * JAX-RS layer unwrapped and still rolls the container transaction back (the default for
 * application exceptions is {@code rollback=false}, hence the explicit flag).
 * A new instance is created per throw; there are no shared constants.
 */
@ApplicationException(rollback = true)
public final class S3Exception extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final S3ErrorCode code;
    private final String resource;
    private final List<Map.Entry<String, String>> extraElements = new ArrayList<>();

    private S3Exception(S3ErrorCode code, String message, String resource, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.resource = resource;
    }

    public static S3Exception of(S3ErrorCode code) {
        return new S3Exception(code, code.defaultMessage(), null, null);
    }

    public static S3Exception of(S3ErrorCode code, String message) {
        return new S3Exception(code, message, null, null);
    }

    public static S3Exception of(S3ErrorCode code, String message, Throwable cause) {
        return new S3Exception(code, message, null, cause);
    }

    public static S3Exception forResource(S3ErrorCode code, String resource) {
        return new S3Exception(code, code.defaultMessage(), resource, null);
    }

    public static S3Exception noSuchBucket(String bucket) {
        return forResource(S3ErrorCode.NO_SUCH_BUCKET, "/" + bucket).with("BucketName", bucket);
    }

    public static S3Exception noSuchKey(String bucket, String key) {
        return forResource(S3ErrorCode.NO_SUCH_KEY, "/" + bucket + "/" + key).with("Key", key);
    }

    /**
     * A request body that could not be read to its end: RequestTimeout when the client stopped sending
     * for longer than the server's read timeout, IncompleteBody when the connection broke.
     */
    public static S3Exception bodyCutOff(IOException e) {
        return isTimeout(e)
                ? of(S3ErrorCode.REQUEST_TIMEOUT, S3ErrorCode.REQUEST_TIMEOUT.defaultMessage(), e)
                : of(S3ErrorCode.INCOMPLETE_BODY, "The request body was cut off: " + e.getMessage(), e);
    }

    /**
     * Liberty's HTTP channel reports a read timeout as an IOException caused by its own
     * {@code com.ibm.io.async.AsyncTimeoutException} (not a SocketTimeoutException), hence the name test.
     */
    static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SocketTimeoutException || t.getClass().getSimpleName().endsWith("TimeoutException")) {
                return true;
            }
        }
        return false;
    }

    /** Adds an element to the error document after {@code <Message>}, e.g. {@code ArgumentName}. */
    public S3Exception with(String element, String value) {
        extraElements.add(Map.entry(element, value == null ? "" : value));
        return this;
    }

    public S3ErrorCode code() {
        return code;
    }

    public String resource() {
        return resource;
    }

    public List<Map.Entry<String, String>> extraElements() {
        return Collections.unmodifiableList(extraElements);
    }
}
