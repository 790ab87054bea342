package io.ghostbay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ghostbay.client.SigV4Signer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CLI against an in-process stand-in of the admin API: the requests it sends (path, body,
 * SigV4 signature) and how it shows answers and errors.
 */
class AdminClientTest {
    private static final String ACCESS_KEY = "GBADMINKEY";
    private static final String SECRET_KEY = "adminSecretKeyForTests0123456789";
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})");
    private static final String USER_ALICE = "{\"userName\":\"alice\",\"canonicalId\":\""
            + "a".repeat(64) + "\",\"admin\":false,\"createdAt\":\"2026-03-01T12:00:00Z\","
            + "\"arn\":\"arn:aws:iam::ghostbay:user/alice\"}";

    private FakeAdminServer server;
    private Map<String, String> env;

    @BeforeEach
    void startServer() throws IOException {
        server = new FakeAdminServer();
        env = Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY,
                "AWS_REGION", "eu-central-1", "GHOSTBAY_ENDPOINT", server.endpoint());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private CliRun ghostbay(String... args) {
        return CliRun.run(env, args);
    }

    /**
     * Checks the Authorization header names our key and scope and that its signature is the one
     * ghostbay-client computes over the request as the server received it (Host header included).
     */
    private static void assertSignedRequest(FakeAdminServer.RecordedRequest request) {
        String authorization = request.header("Authorization");
        Matcher m = AUTHORIZATION.matcher(authorization == null ? "" : authorization);
        assertTrue(m.matches(), "Authorization: " + authorization);
        assertEquals(ACCESS_KEY + "/20260301/eu-central-1/s3/aws4_request", m.group(1));
        assertEquals("host;x-amz-content-sha256;x-amz-date", m.group(2));
        assertEquals("20260301T120000Z", request.header("x-amz-date"));
        assertEquals(SigV4Signer.sha256Hex(request.body().getBytes(StandardCharsets.UTF_8)),
                request.header("x-amz-content-sha256"));

        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("host", request.header("Host"));
        signed.put("x-amz-content-sha256", request.header("x-amz-content-sha256"));
        signed.put("x-amz-date", request.header("x-amz-date"));
        String expected = new SigV4Signer(ACCESS_KEY, SECRET_KEY, "eu-central-1", "s3")
                .authorization(request.method(), request.rawPath(), "", signed,
                        request.header("x-amz-content-sha256"), request.header("x-amz-date"));
        assertEquals(expected, authorization);
    }

    @Test
    void createUserSendsASignedJsonRequestAndPrintsTheUser() {
        server.answer("POST", "/users", 201, USER_ALICE);
        CliRun run = ghostbay("admin", "user", "create", "alice");
        assertEquals(0, run.exitStatus(), run::toString);

        FakeAdminServer.RecordedRequest request = server.onlyRequest();
        assertEquals("POST", request.method());
        assertEquals("/_ghostbay/admin/v1/users", request.rawPath());
        assertEquals("application/json", request.header("Content-Type"));
        JsonObject body = JsonDocuments.parse(request.body()).orElseThrow().asJsonObject();
        assertEquals("alice", body.getString("userName"));
        assertFalse(body.getBoolean("admin"));
        assertSignedRequest(request);

        assertEquals("USER   CANONICAL ID" + " ".repeat(64 - "CANONICAL ID".length()) + "  ADMIN  CREATED\n"
                + "alice  " + "a".repeat(64) + "  no     2026-03-01T12:00:00Z\n", run.stdout());
    }

    @Test
    void pathSegmentsAreEncodedAndTheSignatureCoversTheEncodedPath() {
        server.answer("POST", "/users/ops%2Bci%3Dx/keys", 201, "{\"accessKeyId\":\"GBNEW\","
                + "\"userName\":\"ops+ci=x\",\"status\":\"Active\",\"secretAccessKey\":\"newSecret\"}");
        CliRun run = ghostbay("admin", "key", "create", "ops+ci=x", "--expires", "P30D");
        assertEquals(0, run.exitStatus(), run::toString);
        FakeAdminServer.RecordedRequest request = server.onlyRequest();
        assertEquals("/_ghostbay/admin/v1/users/ops%2Bci%3Dx/keys", request.rawPath());
        assertEquals("{\"expiresAt\":\"2026-03-31T12:00:00Z\"}", request.body());
        assertSignedRequest(request);
        assertTrue(run.stdout().contains("Access key ID:      GBNEW"), run::toString);
        assertTrue(run.stdout().contains("Secret access key:  newSecret"), run::toString);
        assertTrue(run.stdout().contains("shown only now"), run::toString);
    }

    @Test
    void requestsWithoutABodySignTheEmptyPayload() {
        server.answer("GET", "/users", 200, "{\"users\":[" + USER_ALICE + "]}");
        CliRun run = ghostbay("admin", "user", "list", "--json");
        assertEquals(0, run.exitStatus(), run::toString);
        FakeAdminServer.RecordedRequest request = server.onlyRequest();
        assertEquals(SigV4Signer.EMPTY_SHA256, request.header("x-amz-content-sha256"));
        assertSignedRequest(request);
        assertEquals(JsonDocuments.write(JsonDocuments.parse("{\"users\":[" + USER_ALICE + "]}")
                .orElseThrow()) + "\n", run.stdout());
    }

    @Test
    void everyCommandCallsItsDocumentedEndpoint() {
        String key = "{\"accessKeyId\":\"GBK\",\"userName\":\"alice\",\"status\":\"Active\"}";
        server.answer("GET", "/keys", 200, "{\"accessKeys\":[]}")
                .answer("GET", "/users/alice/keys", 200, "{\"accessKeys\":[" + key + "]}")
                .answer("POST", "/keys/GBK/disable", 200, key.replace("Active", "Inactive"))
                .answer("POST", "/keys/GBK/enable", 200, key)
                .answer("POST", "/keys/GBK/rotate", 201, "{\"newKey\":{\"accessKeyId\":\"GBN\","
                        + "\"userName\":\"alice\",\"secretAccessKey\":\"rotatedSecret\"},"
                        + "\"oldKey\":{\"accessKeyId\":\"GBK\",\"expiresAt\":\"2026-03-01T13:00:00Z\"}}")
                .answer("DELETE", "/keys/GBK", 204, "")
                .answer("DELETE", "/users/alice", 204, "")
                .answer("GET", "/buckets", 200, "{\"buckets\":[]}")
                .answer("POST", "/buckets", 201, "{\"name\":\"photos\",\"owner\":\"alice\"}")
                .answer("DELETE", "/buckets/photos", 204, "")
                .answer("POST", "/policy/explain", 200, "{\"decision\":\"ImplicitDeny\","
                        + "\"reason\":\"no statement allows it\",\"statements\":[]}");
        String[][] commands = {
            {"admin", "key", "list"}, {"admin", "key", "list", "alice"},
            {"admin", "key", "disable", "GBK"}, {"admin", "key", "enable", "GBK"},
            {"admin", "key", "rotate", "GBK", "--overlap", "PT1H"}, {"admin", "key", "delete", "GBK"},
            {"admin", "user", "delete", "alice"}, {"bucket", "list"},
            {"bucket", "create", "photos", "--owner", "alice"}, {"bucket", "delete", "photos"},
            {"policy", "explain", "--bucket", "photos", "--principal", "*", "--action",
                "s3:GetObject", "--key", "a/b.jpg", "--source-ip", "10.0.0.1"},
        };
        for (String[] command : commands) {
            CliRun run = ghostbay(command);
            assertEquals(0, run.exitStatus(), () -> String.join(" ", command) + "\n" + run);
        }
        List<String> sent = server.requests().stream()
                .map(r -> r.method() + " " + r.rawPath().substring(AdminClient.BASE_PATH.length())
                        + (r.body().isEmpty() ? "" : " " + r.body()))
                .toList();
        assertEquals(List.of(
                "GET /keys", "GET /users/alice/keys", "POST /keys/GBK/disable",
                "POST /keys/GBK/enable", "POST /keys/GBK/rotate {\"overlapSeconds\":3600}",
                "DELETE /keys/GBK", "DELETE /users/alice", "GET /buckets",
                "POST /buckets {\"name\":\"photos\",\"owner\":\"alice\"}", "DELETE /buckets/photos",
                "POST /policy/explain {\"bucket\":\"photos\",\"principal\":\"*\",\"action\":"
                        + "\"s3:GetObject\",\"key\":\"a/b.jpg\",\"sourceIp\":\"10.0.0.1\","
                        + "\"secureTransport\":false}"), sent);
        server.requests().forEach(AdminClientTest::assertSignedRequest);
    }

    @Test
    void keyLimitsSendsOnlyTheGivenLimitsAndShowsTheResult() {
        server.answer("PUT", "/keys/GBK/limits", 200, "{\"accessKeyId\":\"GBK\",\"userName\":\"alice\","
                + "\"status\":\"Active\",\"limits\":{\"requestsPerSecond\":5,\"maxConcurrent\":0}}");
        CliRun run = ghostbay("admin", "key", "limits", "GBK", "--rate", "5", "--concurrency", "0");
        assertEquals(0, run.exitStatus(), run::toString);
        FakeAdminServer.RecordedRequest request = server.onlyRequest();
        assertEquals("PUT", request.method());
        assertEquals("{\"requestsPerSecond\":5,\"maxConcurrent\":0}", request.body());
        assertSignedRequest(request);
        assertEquals(""
                + "ACCESS KEY ID  USER   RATE (REQ/S)  BURST    CONCURRENCY\n"
                + "GBK            alice  5             default  unlimited\n", run.stdout());
    }

    @Test
    void keyLimitsDefaultAndClearSendNullsThatRemoveOverrides() {
        server.answer("PUT", "/keys/GBK/limits", 200, "{\"accessKeyId\":\"GBK\",\"limits\":{}}");
        assertEquals(0, ghostbay("admin", "key", "limits", "GBK", "--burst", "default").exitStatus());
        assertEquals(0, ghostbay("admin", "key", "limits", "GBK", "--clear").exitStatus());
        assertEquals(0, ghostbay("admin", "key", "limits", "GBK", "--clear", "--burst", "3").exitStatus());
        assertEquals(List.of("{\"burst\":null}",
                "{\"requestsPerSecond\":null,\"burst\":null,\"maxConcurrent\":null}",
                "{\"requestsPerSecond\":null,\"burst\":3,\"maxConcurrent\":null}"),
                server.requests().stream().map(FakeAdminServer.RecordedRequest::body).toList());
    }

    @Test
    void keyLimitsWithoutOptionsOnlyShowsThem() {
        String key = "{\"accessKeyId\":\"GBK\",\"userName\":\"alice\",\"limits\":{\"burst\":4}}";
        server.answer("GET", "/keys/GBK", 200, key);
        CliRun run = ghostbay("admin", "key", "limits", "GBK", "--json");
        assertEquals(0, run.exitStatus(), run::toString);
        assertEquals("GET", server.onlyRequest().method());
        assertEquals(key + "\n", run.stdout());
    }

    @Test
    void rotatePrintsTheNewSecretAndWhenTheOldKeyStops() {
        server.answer("POST", "/keys/GBK/rotate", 201, "{\"newKey\":{\"accessKeyId\":\"GBN\","
                + "\"userName\":\"alice\",\"status\":\"Active\",\"secretAccessKey\":\"rotatedSecret\"},"
                + "\"oldKey\":{\"accessKeyId\":\"GBK\",\"userName\":\"alice\",\"status\":\"Active\","
                + "\"expiresAt\":\"2026-03-02T12:00:00Z\"}}");
        CliRun run = ghostbay("admin", "key", "rotate", "GBK");
        assertEquals(0, run.exitStatus(), run::toString);
        assertEquals("{}", server.onlyRequest().body());
        assertTrue(run.stdout().contains("Access key ID:      GBN"), run::toString);
        assertTrue(run.stdout().contains("Secret access key:  rotatedSecret"), run::toString);
        assertTrue(run.stdout().contains("The old key GBK keeps working until 2026-03-02T12:00:00Z."),
                run::toString);
    }

    @Test
    void keyListShowsOneRowPerKeyAndDashesForAbsentFields() {
        server.answer("GET", "/keys", 200, "{\"accessKeys\":[{\"accessKeyId\":\"GBONE\","
                + "\"userName\":\"alice\",\"status\":\"Active\",\"createdAt\":\"2026-01-01T00:00:00Z\"},"
                + "{\"accessKeyId\":\"GBTWO\",\"userName\":\"bob\",\"status\":\"Inactive\","
                + "\"createdAt\":\"2026-01-02T00:00:00Z\",\"expiresAt\":\"2026-02-01T00:00:00Z\","
                + "\"lastUsedAt\":\"2026-01-03T00:00:00Z\"}]}");
        CliRun run = ghostbay("admin", "key", "list");
        assertEquals(""
                + "ACCESS KEY ID  USER   STATUS    CREATED               EXPIRES               LAST USED\n"
                + "GBONE          alice  Active    2026-01-01T00:00:00Z  -                     -\n"
                + "GBTWO          bob    Inactive  2026-01-02T00:00:00Z  2026-02-01T00:00:00Z  "
                + "2026-01-03T00:00:00Z\n", run.stdout());
    }

    @Test
    void errorJsonExitsThreeWithCodeAndMessage() {
        server.answer("DELETE", "/users/alice", 409, "{\"error\":{\"code\":\"UserHasBuckets\","
                + "\"message\":\"delete or reassign the user's buckets first\",\"requestId\":\"R1\"}}");
        CliRun run = ghostbay("admin", "user", "delete", "alice");
        assertEquals(3, run.exitStatus(), run::toString);
        assertEquals("", run.stdout());
        assertEquals("error: UserHasBuckets: delete or reassign the user's buckets first"
                + " (request id R1)\n", run.stderr());
    }

    @Test
    void errorJsonGoesToStdoutInJsonMode() {
        String error = "{\"error\":{\"code\":\"NoSuchUser\",\"message\":\"no user bob\","
                + "\"requestId\":\"R2\"}}";
        server.answer("GET", "/users/bob/keys", 404, error);
        CliRun run = ghostbay("admin", "key", "list", "bob", "--json");
        assertEquals(3, run.exitStatus(), run::toString);
        assertEquals(error + "\n", run.stdout());
        assertTrue(run.stderr().startsWith("error: NoSuchUser: no user bob"), run::toString);
    }

    @Test
    void anS3XmlErrorFromTheAuthenticationLayerStillGivesCodeAndMessage() {
        server.answerRaw("GET", "/buckets", 403, "application/xml", "<?xml version=\"1.0\"?>"
                + "<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we"
                + " calculated does not match &amp; so on</Message></Error>");
        CliRun run = ghostbay("bucket", "list");
        assertEquals(3, run.exitStatus(), run::toString);
        assertEquals("error: SignatureDoesNotMatch: The request signature we calculated does not"
                + " match & so on\n", run.stderr());
    }

    @Test
    void anUnknownAdminPathIsAServerError() {
        CliRun run = ghostbay("bucket", "list");
        assertEquals(3, run.exitStatus(), run::toString);
        assertTrue(run.stderr().startsWith("error: NotFound: "), run::toString);
    }

    @Test
    void aSuccessAnswerThatIsNotJsonExitsOne() {
        server.answerRaw("GET", "/buckets", 200, "text/html", "<html>proxy login</html>");
        CliRun run = ghostbay("bucket", "list");
        assertEquals(1, run.exitStatus(), run::toString);
        assertTrue(run.stderr().contains("not a JSON object"), run::toString);
    }

    @Test
    void deleteIsConfirmedForPeopleAndSilentInJsonMode() {
        server.answer("DELETE", "/buckets/photos", 204, "");
        CliRun human = ghostbay("bucket", "delete", "photos");
        assertEquals(0, human.exitStatus(), human::toString);
        assertEquals("Deleted bucket photos.\n", human.stdout());
        CliRun json = ghostbay("bucket", "delete", "photos", "--json");
        assertEquals(0, json.exitStatus(), json::toString);
        assertEquals("", json.stdout());
    }

    @Test
    void noServerListeningExitsFourWithoutTheSecret() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CliRun run = ghostbay("admin", "user", "list", "--endpoint", "http://127.0.0.1:" + closedPort);
        assertEquals(4, run.exitStatus(), run::toString);
        assertTrue(run.stderr().startsWith("error: cannot connect to http://127.0.0.1:" + closedPort),
                run::toString);
        assertFalse(run.stderr().contains(SECRET_KEY), run::toString);
    }
}
