package io.ghostbay.web.error;

import jakarta.servlet.ServletRequest;

import java.util.concurrent.ThreadLocalRandom;

/** Request ids: 16 upper-case hex characters, like AWS's x-amz-request-id. */
public final class RequestIds {
    public static final String ATTRIBUTE = "ghostbay.requestId";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private RequestIds() {
    }

    public static String newId() {
        long v = ThreadLocalRandom.current().nextLong();
        char[] out = new char[16];
        for (int i = 15; i >= 0; i--) {
            out[i] = HEX[(int) (v & 0xf)];
            v >>>= 4;
        }
        return new String(out);
    }

    public static String of(ServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        return id == null ? "0000000000000000" : id.toString();
    }
}
