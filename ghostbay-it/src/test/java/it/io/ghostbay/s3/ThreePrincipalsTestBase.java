package it.io.ghostbay.s3;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The three principals of the access-control tests: alice (who will own the buckets), bob (another
 * user) and anonymous requests, each with an SDK client in its default configuration. The users are
 * made through the admin API once per test class and deleted after it.
 */
abstract class ThreePrincipalsTestBase extends S3TestBase {
    protected static AdminApi.User alice;
    protected static AdminApi.User bob;

    protected S3Client asAlice;
    protected S3Client asBob;
    protected S3Client anonymous;

    @BeforeAll
    static void createUsers() {
        alice = AdminApi.createUser("alice");
        bob = AdminApi.createUser("bob");
    }

    @AfterAll
    static void deleteUsers() {
        AdminApi.deleteUser(alice.userName());
        AdminApi.deleteUser(bob.userName());
    }

    @BeforeEach
    void openClients() {
        asAlice = clientFor(alice);
        asBob = clientFor(bob);
        anonymous = newClient(b -> b.credentialsProvider(AnonymousCredentialsProvider.create()));
    }

    @AfterEach
    void closeClients() {
        asAlice.close();
        asBob.close();
        anonymous.close();
    }

    protected S3Client clientFor(AdminApi.User user) {
        return newClient(b -> b.credentialsProvider(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(user.accessKeyId(), user.secretKey()))));
    }
}
