package it.io.ghostbay.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Properties;
import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Access-key lifecycle over HTTP: a new user's key works at once; disabled, deleted and expired keys
 * stop working on the next request; rotation keeps the old key valid for the overlap only;
 * last-used is recorded; secrets are not stored in plain text.
 */
class AccessKeysIT extends S3TestBase {
    private AdminApi.User carol;

    @AfterEach
    void deleteCarol() {
        if (carol != null) {
            AdminApi.deleteUser(carol.userName());
        }
    }

    private S3Client client(String accessKeyId, String secret) {
        return newClient(b -> b.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret))));
    }

    private static void assertKeyWorks(S3Client c) {
        c.listBuckets();
    }

    private static void assertKeyRefused(S3Client c) {
        assertS3Error(403, "InvalidAccessKeyId", c::listBuckets);
    }

    @Test
    void disableEnableAndDelete() {
        carol = AdminApi.createUser("carol");
        try (S3Client c = client(carol.accessKeyId(), carol.secretKey())) {
            assertKeyWorks(c);
            JsonObject disabled = AdminApi.expect(200, "POST", "/keys/" + carol.accessKeyId() + "/disable", null);
            assertEquals("Inactive", disabled.getString("status"));
            assertKeyRefused(c);
            AdminApi.expect(200, "POST", "/keys/" + carol.accessKeyId() + "/enable", null);
            assertKeyWorks(c);
            AdminApi.expect(204, "DELETE", "/keys/" + carol.accessKeyId(), null);
            assertKeyRefused(c);
            AdminApi.expect(404, "GET", "/keys/" + carol.accessKeyId(), null);
        }
    }

    @Test
    void rotationKeepsTheOldKeyForTheOverlapOnly() throws InterruptedException {
        carol = AdminApi.createUser("carol");
        JsonObject rotation = AdminApi.expect(201, "POST", "/keys/" + carol.accessKeyId() + "/rotate", "{\"overlapSeconds\": 3}");
        JsonObject fresh = rotation.getJsonObject("newKey");
        assertNotEquals(carol.accessKeyId(), fresh.getString("accessKeyId"));
        assertEquals(carol.userName(), fresh.getString("userName"));
        assertTrue(rotation.getJsonObject("oldKey").containsKey("expiresAt"));
        assertFalse(rotation.getJsonObject("oldKey").containsKey("secretAccessKey"));
        try (S3Client old = client(carol.accessKeyId(), carol.secretKey());
             S3Client rotated = client(fresh.getString("accessKeyId"), fresh.getString("secretAccessKey"))) {
            assertKeyWorks(old);
            assertKeyWorks(rotated);
            Instant expiry = Instant.parse(rotation.getJsonObject("oldKey").getString("expiresAt"));
            Thread.sleep(Math.max(0, expiry.toEpochMilli() - System.currentTimeMillis()) + 1_500);
            assertKeyRefused(old);
            assertKeyWorks(rotated);
        }
        assertEquals(2, AdminApi.expect(200, "GET", "/users/" + carol.userName() + "/keys", null)
                .getJsonArray("accessKeys").size());
    }

    @Test
    void aKeyWithAnExpiryStopsWorkingThen() throws InterruptedException {
        carol = AdminApi.createUser("carol");
        Instant expiresAt = Instant.now().plusSeconds(3);
        JsonObject key = AdminApi.expect(201, "POST", "/users/" + carol.userName() + "/keys",
                "{\"expiresAt\": \"" + expiresAt + "\"}");
        try (S3Client c = client(key.getString("accessKeyId"), key.getString("secretAccessKey"))) {
            assertKeyWorks(c);
            Thread.sleep(Math.max(0, expiresAt.toEpochMilli() - System.currentTimeMillis()) + 1_000);
            assertKeyRefused(c);
        }
        AdminApi.expect(400, "POST", "/users/" + carol.userName() + "/keys", "{\"expiresAt\": \"2001-01-01T00:00:00Z\"}");
    }

    @Test
    void lastUsedIsRecordedAndSecretsAreNeverListed() {
        carol = AdminApi.createUser("carol");
        JsonObject before = AdminApi.expect(200, "GET", "/keys/" + carol.accessKeyId(), null);
        assertFalse(before.containsKey("lastUsedAt"));
        try (S3Client c = client(carol.accessKeyId(), carol.secretKey())) {
            assertKeyWorks(c);
        }
        JsonObject after = AdminApi.expect(200, "GET", "/keys/" + carol.accessKeyId(), null);
        assertTrue(after.containsKey("lastUsedAt"), after.toString());
        assertFalse(after.containsKey("secretAccessKey"));
        String all = AdminApi.call("GET", "/keys", null).bodyText();
        assertTrue(all.contains(carol.accessKeyId()));
        assertFalse(all.contains(carol.secretKey()), "listings never show secrets");
    }

    @Test
    void theCatalogHoldsNoPlainSecret() throws Exception {
        carol = AdminApi.createUser("carol");
        if ("postgres".equals(cfg.catalog)) {
            assertPostgresRowIsEncrypted();
            return;
        }
        // Derby: the insert is in its transaction log at once, in its data pages after a checkpoint.
        byte[] secret = carol.secretKey().getBytes(StandardCharsets.UTF_8);
        byte[] keyId = carol.accessKeyId().getBytes(StandardCharsets.UTF_8);
        boolean keyIdFound = false;
        try (Stream<Path> files = Files.walk(cfg.dataDir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (f.toString().contains("blobs") || Files.size(f) > 64L * 1024 * 1024) {
                    continue;
                }
                byte[] content = Files.readAllBytes(f);
                assertFalse(contains(content, secret), "plain secret found in " + f);
                keyIdFound |= contains(content, keyId);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(keyIdFound, "the scan must see the catalog files (the key id is stored in clear)");
    }

    /** PostgreSQL: the row as stored is the AES-GCM form, and holds no part of the secret. */
    private void assertPostgresRowIsEncrypted() throws Exception {
        Path props = Path.of("target/it-postgres/postgres.properties");
        Assumptions.assumeTrue(Files.exists(props), "the PostgreSQL connection of the test servers is not known here");
        Properties p = new Properties();
        try (var in = Files.newInputStream(props)) {
            p.load(in);
        }
        try (Connection c = DriverManager.getConnection(p.getProperty("ghostbay.db.url"), p.getProperty("ghostbay.db.user"),
                p.getProperty("ghostbay.db.password", ""));
             PreparedStatement ps = c.prepareStatement("SELECT secret_key FROM gb_access_key WHERE access_key_id = ?")) {
            ps.setString(1, carol.accessKeyId());
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "the key row exists");
                String stored = rs.getString(1);
                assertTrue(stored.startsWith("gcm1:"), "stored in the encrypted form");
                assertFalse(stored.contains(carol.secretKey()), "no plain secret in the row");
            }
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        return indexOf(haystack, needle) >= 0;
    }
}
