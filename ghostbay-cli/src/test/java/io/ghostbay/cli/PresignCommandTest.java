package io.ghostbay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ghostbay.client.SigV4Signer;
import jakarta.json.JsonObject;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ghostbay presign} prints exactly what ghostbay-client's presigner computes. */
class PresignCommandTest {
    private static final Map<String, String> ENV = Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
            "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            "GHOSTBAY_ENDPOINT", "http://127.0.0.1:9000");

    private static URI expected(String method, String encodedPath, long expires) {
        return new SigV4Signer("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "us-east-1",
                "s3").presignedUrl(method, URI.create("http://127.0.0.1:9000"), encodedPath, Map.of(),
                CliRun.NOW, expires);
    }

    @Test
    void defaultIsAGetValidForAnHour() {
        CliRun run = CliRun.run(ENV, "presign", "photos", "2026/cat.jpg");
        assertEquals(0, run.exitStatus(), run::toString);
        assertEquals(expected("GET", "/photos/2026/cat.jpg", 3600) + "\n", run.stdout());
        assertEquals("", run.stderr());
    }

    @Test
    void putWithExpiryAndAKeyThatNeedsEncoding() {
        CliRun run = CliRun.run(ENV, "presign", "photos", "dir/my cat+1.jpg", "--method", "put",
                "--expires", "604800");
        assertEquals(0, run.exitStatus(), run::toString);
        URI url = expected("PUT", "/photos/dir/my%20cat%2B1.jpg", 604800);
        assertEquals(url + "\n", run.stdout());
    }

    @Test
    void jsonModePrintsMethodUrlAndExpiry() {
        CliRun run = CliRun.run(ENV, "--json", "presign", "photos", "k", "--expires", "60");
        assertEquals(0, run.exitStatus(), run::toString);
        JsonObject json = JsonDocuments.parse(run.stdout()).orElseThrow().asJsonObject();
        assertEquals("GET", json.getString("method"));
        assertEquals(expected("GET", "/photos/k", 60).toString(), json.getString("url"));
        assertEquals(60, json.getInt("expiresIn"));
        assertEquals("2026-03-01T12:01:00Z", json.getString("expiresAt"));
    }
}
