package it.io.ghostbay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import it.io.ghostbay.s3.S3TestBase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The {@code ghostbay} admin CLI as a user runs it: the built launcher
 * {@code ghostbay-cli/bin/ghostbay} (and through it the shaded jar) in a child process, with the
 * root credentials in the environment. The keys it creates are then used with the AWS SDK, so the
 * test checks what the admin API did, not only what it answered.
 */
class GhostbayCliIT extends S3TestBase {
    private static final long COMMAND_TIMEOUT_SECONDS = 60;

    /** The user this test creates, deleted afterwards if the test did not get that far. */
    private final String userName = "cli-it-"
            + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    private boolean userExists;
    /** The bucket the user creates with its own key, and the newest key that can delete it. */
    private String userBucket;
    private AccessKey workingUserKey;

    private record AccessKey(String id, String secret) {
    }

    /** What one run of the launcher printed and answered. */
    private record CliResult(List<String> args, int exitStatus, String stdout, String stderr) {
        @Override
        public String toString() {
            return "ghostbay " + String.join(" ", args) + " -> exit " + exitStatus
                    + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    @Test
    void helpExitsZeroAndAnUnknownCommandExitsTwo() {
        CliResult help = ghostbay("--help");
        assertEquals(0, help.exitStatus(), help::toString);
        assertTrue(help.stdout().contains("Usage: ghostbay"), help::toString);
        assertTrue(help.stdout().contains("admin key rotate <accessKeyId>"), help::toString);

        CliResult unknown = ghostbay("frobnicate");
        assertEquals(2, unknown.exitStatus(), unknown::toString);
        assertTrue(unknown.stderr().contains("unknown command 'frobnicate'"), unknown::toString);
        assertEquals("", unknown.stdout(), unknown::toString);
    }

    @Test
    void serverErrorsExitThreeWithTheirCode() {
        CliResult missing = ghostbay("--json", "admin", "user", "delete", userName);
        assertEquals(3, missing.exitStatus(), missing::toString);
        assertTrue(missing.stderr().startsWith("error: NoSuchUser: "), missing::toString);
        assertEquals("NoSuchUser", json(missing).getJsonObject("error").getString("code"));
    }

    @Test
    void userAndKeyLifecycleControlsRealS3Access() {
        // A user, and a key for it
        JsonObject user = json(ghostbayOk("--json", "admin", "user", "create", userName));
        userExists = true;
        assertEquals(userName, user.getString("userName"));
        assertFalse(user.getBoolean("admin"));
        assertTrue(user.getString("canonicalId").matches("[0-9a-f]{64}"), user::toString);

        CliResult userList = ghostbayOk("admin", "user", "list");
        assertTrue(userList.stdout().startsWith("USER "), userList::toString);
        assertTrue(userList.stdout().lines().anyMatch(l -> l.startsWith(userName + " ")),
                userList::toString);

        JsonObject key = json(ghostbayOk("--json", "admin", "key", "create", userName));
        String keyId = key.getString("accessKeyId");
        String secret = key.getString("secretAccessKey");
        assertEquals(userName, key.getString("userName"));
        assertEquals("Active", key.getString("status"));

        // The key works with the AWS SDK: a bucket of the user's own, an object in it
        String bucketName = randomBucketName();
        try (S3Client userS3 = clientFor(keyId, secret)) {
            userS3.createBucket(r -> r.bucket(bucketName));
            userBucket = bucketName;
            workingUserKey = new AccessKey(keyId, secret);
            userS3.putObject(r -> r.bucket(bucketName).key("hello.txt"),
                    RequestBody.fromString("hello from a key made by the CLI"));
            assertEquals("hello from a key made by the CLI", userS3.getObjectAsBytes(
                    r -> r.bucket(bucketName).key("hello.txt")).asUtf8String());
        }

        // Listings: the key (without its secret) and the bucket with its owner
        JsonObject keys = json(ghostbayOk("--json", "admin", "key", "list", userName));
        JsonObject listed = keys.getJsonArray("accessKeys").getValuesAs(JsonObject.class).stream()
                .filter(k -> k.getString("accessKeyId").equals(keyId)).findFirst()
                .orElseThrow(() -> new AssertionError(keyId + " not in " + keys));
        assertFalse(listed.containsKey("secretAccessKey"), listed::toString);
        CliResult humanKeys = ghostbayOk("admin", "key", "list");
        assertTrue(humanKeys.stdout().startsWith("ACCESS KEY ID "), humanKeys::toString);
        assertTrue(humanKeys.stdout().contains(keyId), humanKeys::toString);
        assertFalse(humanKeys.stdout().contains(secret), "a listing shows a secret");

        JsonObject buckets = json(ghostbayOk("--json", "bucket", "list"));
        JsonObject listedBucket = buckets.getJsonArray("buckets").getValuesAs(JsonObject.class)
                .stream().filter(b -> b.getString("name").equals(bucketName)).findFirst()
                .orElseThrow(() -> new AssertionError(bucketName + " not in " + buckets));
        assertEquals(userName, listedBucket.getString("owner"));

        // Disabled: refused at once; enabled: works again
        assertEquals("Inactive",
                json(ghostbayOk("--json", "admin", "key", "disable", keyId)).getString("status"));
        try (S3Client userS3 = clientFor(keyId, secret)) {
            assertS3Error(403, null, () -> userS3.getObjectAsBytes(
                    r -> r.bucket(bucketName).key("hello.txt")));
            assertEquals("Active",
                    json(ghostbayOk("--json", "admin", "key", "enable", keyId)).getString("status"));
            assertEquals(200, userS3.headObject(r -> r.bucket(bucketName).key("hello.txt"))
                    .sdkHttpResponse().statusCode());
        }

        // Rotated: a new key, the old one still valid during the overlap
        JsonObject rotated = json(ghostbayOk("--json", "admin", "key", "rotate", keyId,
                "--overlap", "PT1H"));
        JsonObject newKey = rotated.getJsonObject("newKey");
        JsonObject oldKey = rotated.getJsonObject("oldKey");
        String newKeyId = newKey.getString("accessKeyId");
        String newSecret = newKey.getString("secretAccessKey");
        assertEquals(keyId, oldKey.getString("accessKeyId"));
        assertNotNull(oldKey.getString("expiresAt", null), oldKey::toString);
        assertFalse(newKeyId.equals(keyId));
        assertEquals(userName, newKey.getString("userName"));
        workingUserKey = new AccessKey(newKeyId, newSecret);
        try (S3Client oldS3 = clientFor(keyId, secret);
             S3Client newS3 = clientFor(newKeyId, newSecret)) {
            assertEquals(200, oldS3.headObject(r -> r.bucket(bucketName).key("hello.txt"))
                    .sdkHttpResponse().statusCode());
            assertEquals(200, newS3.headObject(r -> r.bucket(bucketName).key("hello.txt"))
                    .sdkHttpResponse().statusCode());

            // Deleted: the old key stops at once, the new one keeps working
            CliResult deleted = ghostbayOk("admin", "key", "delete", keyId);
            assertTrue(deleted.stdout().contains(keyId), deleted::toString);
            assertS3Error(403, null, () -> oldS3.headObject(r -> r.bucket(bucketName).key("hello.txt")));
            assertEquals(200, newS3.headObject(r -> r.bucket(bucketName).key("hello.txt"))
                    .sdkHttpResponse().statusCode());

            // A user that still owns a bucket cannot be deleted
            CliResult refused = ghostbay("admin", "user", "delete", userName);
            assertEquals(3, refused.exitStatus(), refused::toString);
            assertTrue(refused.stderr().startsWith("error: UserHasBuckets: "), refused::toString);

            newS3.deleteObject(r -> r.bucket(bucketName).key("hello.txt"));
        }
        ghostbayOk("bucket", "delete", bucketName);
        userBucket = null;

        ghostbayOk("admin", "user", "delete", userName);
        userExists = false;
        JsonObject users = json(ghostbayOk("--json", "admin", "user", "list"));
        assertFalse(users.getJsonArray("users").getValuesAs(JsonObject.class).stream()
                .anyMatch(u -> u.getString("userName").equals(userName)), users::toString);
        CliResult gone = ghostbay("admin", "key", "list", userName);
        assertEquals(3, gone.exitStatus(), gone::toString);
        assertTrue(gone.stderr().startsWith("error: NoSuchUser: "), gone::toString);
    }

    @AfterEach
    void deleteWhatTheTestLeftBehind() {
        if (userBucket != null && workingUserKey != null) {
            try (S3Client userS3 = clientFor(workingUserKey.id(), workingUserKey.secret())) {
                emptyAndDeleteWith(userS3, userBucket);
            } catch (RuntimeException e) {
                System.err.println("cleanup of bucket " + userBucket + " failed: " + e);
                ghostbay("bucket", "delete", userBucket);
            }
        }
        if (userExists) {
            CliResult r = ghostbay("admin", "user", "delete", userName);
            if (r.exitStatus() != 0) {
                System.err.println("cleanup of user " + userName + " failed: " + r);
            }
        }
    }

    private static void emptyAndDeleteWith(S3Client client, String bucketName) {
        client.listObjectsV2Paginator(r -> r.bucket(bucketName)).contents()
                .forEach(o -> client.deleteObject(r -> r.bucket(bucketName).key(o.key())));
        client.deleteBucket(r -> r.bucket(bucketName));
    }

    private S3Client clientFor(String accessKeyId, String secretAccessKey) {
        return newClient(b -> b.credentialsProvider(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(accessKeyId, secretAccessKey))));
    }

    // ---- running the launcher ----

    private CliResult ghostbayOk(String... args) {
        CliResult result = ghostbay(args);
        assertEquals(0, result.exitStatus(), result::toString);
        return result;
    }

    /**
     * Runs the launcher with the server and the root (admin) key in the environment, as a user
     * would after exporting them, and with this JVM's Java so no other JDK on the PATH interferes.
     */
    private CliResult ghostbay(String... args) {
        Path launcher = findLauncher();
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.remove("JAVA");
        env.remove("AWS_DEFAULT_REGION");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("GHOSTBAY_ENDPOINT", cfg.endpoint.toString());
        env.put("AWS_ACCESS_KEY_ID", cfg.accessKey);
        env.put("AWS_SECRET_ACCESS_KEY", cfg.secretKey);
        env.put("AWS_REGION", cfg.region);
        try {
            Path stdout = Files.createTempFile("ghostbay-cli-it", ".out");
            Path stderr = Files.createTempFile("ghostbay-cli-it", ".err");
            try {
                // Files rather than pipes: nothing can block on a full pipe buffer.
                Process process = builder.redirectOutput(stdout.toFile())
                        .redirectError(stderr.toFile()).start();
                if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    fail("ghostbay " + String.join(" ", args) + " did not finish in "
                            + COMMAND_TIMEOUT_SECONDS + " s");
                }
                return new CliResult(List.of(args), process.exitValue(),
                        Files.readString(stdout, StandardCharsets.UTF_8),
                        Files.readString(stderr, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + launcher, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject json(CliResult result) {
        try (JsonReader reader = Json.createReader(new StringReader(result.stdout()))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            throw new AssertionError("not a JSON object: " + result, e);
        }
    }

    /**
     * {@code ghostbay-cli/bin/ghostbay} beside this module (failsafe runs in the module directory),
     * or below the working directory when run from the repository root in an IDE.
     */
    private static Path findLauncher() {
        Path moduleDir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        for (Path candidate : List.of(moduleDir.resolve("../ghostbay-cli/bin/ghostbay"),
                moduleDir.resolve("ghostbay-cli/bin/ghostbay"))) {
            Path launcher = candidate.toAbsolutePath().normalize();
            if (Files.isRegularFile(launcher)) {
                Path jar = launcher.getParent().resolve("../target/ghostbay-cli.jar").normalize();
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalStateException(jar + " is missing; build it with"
                            + " mvn -pl ghostbay-cli -am package");
                }
                if (!Files.isExecutable(launcher)) {
                    throw new IllegalStateException(launcher + " is not executable");
                }
                return launcher;
            }
        }
        throw new IllegalStateException("ghostbay-cli/bin/ghostbay not found from " + moduleDir);
    }
}
