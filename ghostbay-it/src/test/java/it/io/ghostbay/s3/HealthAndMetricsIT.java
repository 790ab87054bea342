package it.io.ghostbay.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HealthAndMetricsIT extends S3TestBase {

    @Test
    void readiness() {
        RawResponse r = RawRequest.path("GET", "/health/ready").unsigned().send();
        assertEquals(200, r.status, r.describe());
        assertTrue(r.bodyText().replace(" ", "").contains("\"status\":\"UP\""), r.describe());
    }

    @Test
    void liveness() {
        RawResponse r = RawRequest.path("GET", "/health/live").unsigned().send();
        assertEquals(200, r.status, r.describe());
        assertTrue(r.bodyText().replace(" ", "").contains("\"status\":\"UP\""), r.describe());
    }

    @Test
    void requestCounterCountsPutObject() {
        double before = putObjectCount(metrics());
        put("m1", "x");
        put("m2", "y");
        String after = metrics();
        assertTrue(Pattern.compile("(?m)^ghostbay_requests_total\\{[^}]*operation=\"PutObject\"").matcher(after).find(),
                "ghostbay_requests_total with operation=\"PutObject\" missing from /metrics");
        assertTrue(putObjectCount(after) >= before + 2, "PutObject counter did not grow by 2: before " + before
                + " after " + putObjectCount(after));
    }

    private static String metrics() {
        RawResponse r = RawRequest.path("GET", "/metrics").unsigned().send();
        assertEquals(200, r.status, r.describe());
        return r.bodyText();
    }

    private static double putObjectCount(String text) {
        Matcher m = Pattern.compile("(?m)^ghostbay_requests_total\\{([^}]*)\\}\\s+(\\S+)").matcher(text);
        double sum = 0;
        while (m.find()) {
            if (m.group(1).contains("operation=\"PutObject\"") && m.group(1).contains("status=\"2xx\"")) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }
}
