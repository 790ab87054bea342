package io.ghostbay.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

/** How a failed body read becomes an S3 error. */
class S3ExceptionTest {

    /** Stands in for Liberty's com.ibm.io.async.AsyncTimeoutException, which is no SocketTimeoutException. */
    static final class AsyncTimeoutException extends Exception {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void aReadTimeoutIsRequestTimeout() {
        assertEquals(S3ErrorCode.REQUEST_TIMEOUT, S3Exception.bodyCutOff(new SocketTimeoutException("Read timed out")).code());
        assertEquals(S3ErrorCode.REQUEST_TIMEOUT,
                S3Exception.bodyCutOff(new IOException("read failed", new SocketTimeoutException())).code());
        assertEquals(S3ErrorCode.REQUEST_TIMEOUT,
                S3Exception.bodyCutOff(new IOException("read failed", new AsyncTimeoutException())).code());
        assertEquals(400, S3ErrorCode.REQUEST_TIMEOUT.status());
    }

    @Test
    void aBrokenConnectionIsIncompleteBody() {
        S3Exception e = S3Exception.bodyCutOff(new IOException("Connection reset by peer"));
        assertEquals(S3ErrorCode.INCOMPLETE_BODY, e.code());
        assertEquals("The request body was cut off: Connection reset by peer", e.getMessage());
    }
}
