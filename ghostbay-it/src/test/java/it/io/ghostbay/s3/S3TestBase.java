package it.io.ghostbay.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Base of the integration tests: an S3Client in the SDK's default configuration (aws-chunked uploads with
 * CRC32 trailers, request checksums WHEN_SUPPORTED) pointed at the server path-style, and a fresh random
 * bucket per test, emptied and deleted afterwards.
 */
public abstract class S3TestBase {
    protected final ItConfig cfg = ItConfig.get();
    protected S3Client s3;
    /** The per-test bucket, created before each test. */
    protected String bucket;
    /** Further buckets a test created; emptied and deleted after it. */
    protected final Set<String> cleanupBuckets = new LinkedHashSet<>();

    @BeforeEach
    void createClientAndBucket() {
        s3 = newClient(b -> { });
        bucket = randomBucketName();
        withServerRetry(() -> s3.createBucket(r -> r.bucket(bucket)));
        cleanupBuckets.add(bucket);
    }

    @AfterEach
    void deleteBuckets() {
        try {
            for (String b : cleanupBuckets) {
                try {
                    emptyAndDelete(b);
                } catch (NoSuchBucketException e) {
                    // already gone
                } catch (SdkException e) {
                    System.err.println("cleanup of bucket " + b + " failed: " + e);
                }
            }
        } finally {
            s3.close();
        }
    }

    /** A new S3Client in the SDK's default configuration plus endpoint, path style, credentials and region. */
    protected S3Client newClient(Consumer<S3ClientBuilder> customizer) {
        S3ClientBuilder b = S3Client.builder()
                .endpointOverride(cfg.endpoint)
                .forcePathStyle(true)
                .region(Region.of(cfg.region))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(cfg.accessKey, cfg.secretKey)))
                .httpClientBuilder(ApacheHttpClient.builder()
                        .socketTimeout(Duration.ofMinutes(2))
                        .connectionTimeout(Duration.ofSeconds(10)));
        customizer.accept(b);
        return b.build();
    }

    public static String randomBucketName() {
        return "it-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
    }

    protected void emptyAndDelete(String b) {
        String token = null;
        do {
            String t = token;
            ListObjectsV2Response page = s3.listObjectsV2(r -> r.bucket(b).continuationToken(t));
            List<ObjectIdentifier> ids = page.contents().stream()
                    .map(o -> ObjectIdentifier.builder().key(o.key()).build()).collect(Collectors.toList());
            if (!ids.isEmpty()) {
                s3.deleteObjects(r -> r.bucket(b).delete(Delete.builder().objects(ids).quiet(true).build()));
            }
            token = page.isTruncated() ? page.nextContinuationToken() : null;
        } while (token != null);
        s3.deleteBucket(r -> r.bucket(b));
    }

    /** Runs an SDK call, waiting for a redeploying dev server (connection refused) up to 3 times. */
    protected static <T> T withServerRetry(java.util.function.Supplier<T> call) {
        for (int attempt = 0; ; attempt++) {
            try {
                return call.get();
            } catch (SdkClientException e) {
                if (attempt >= 3 || !causedBy(e, ConnectException.class)) {
                    throw e;
                }
                RawRequest.sleep(20_000);
            }
        }
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    // ---- object helpers ----

    protected PutObjectResponse put(String key, byte[] data) {
        return s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(data));
    }

    protected PutObjectResponse put(String key, String data) {
        return put(key, data.getBytes(StandardCharsets.UTF_8));
    }

    protected byte[] get(String key) {
        return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
    }

    protected boolean exists(String key) {
        try {
            s3.headObject(r -> r.bucket(bucket).key(key));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    protected List<String> listAllKeys() {
        List<String> keys = new ArrayList<>();
        s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().forEach(o -> keys.add(o.key()));
        return keys;
    }

    /** Asserts that the call throws an S3Exception (SdkServiceException) with the status and, if non-null, code. */
    protected static S3Exception assertS3Error(int status, String code, Runnable call) {
        try {
            call.run();
        } catch (S3Exception e) {
            assertEquals(status, e.statusCode(), "status of " + e);
            if (code != null) {
                assertEquals(code, e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode(),
                        "error code of " + e);
            }
            return e;
        }
        fail("expected an S3Exception " + status + " " + code);
        return null;
    }

    // ---- bytes and digests ----

    /** Where {@code needle} first occurs in {@code haystack}, or -1. */
    public static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    public static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    public static byte[] digest(String alg, byte[] data) {
        try {
            return MessageDigest.getInstance(alg).digest(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String md5Hex(byte[] data) {
        return HexFormat.of().formatHex(digest("MD5", data));
    }

    public static String md5Base64(byte[] data) {
        return Base64.getEncoder().encodeToString(digest("MD5", data));
    }

    public static String quotedMd5(byte[] data) {
        return "\"" + md5Hex(data) + "\"";
    }
}
