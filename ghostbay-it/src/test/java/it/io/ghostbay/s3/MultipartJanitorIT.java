package it.io.ghostbay.s3;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Abandoned multipart uploads are aborted by the MultipartJanitor timer. The CI servers run with
 * ghostbay.multipart.expire-after=PT40S and a 3 s janitor interval (see ghostbay-it/pom.xml).
 */
class MultipartJanitorIT extends S3TestBase {

    @Test
    void anAbandonedUploadIsAbortedOnceItExpires() throws Exception {
        Assumptions.assumeTrue(Boolean.parseBoolean(System.getProperty("ghostbay.it.short-multipart-expiry", "false")),
                "the server under test aborts uploads after 40 s (CI configuration)");
        String id = s3.createMultipartUpload(r -> r.bucket(bucket).key("abandoned")).uploadId();
        s3.uploadPart(r -> r.bucket(bucket).key("abandoned").uploadId(id).partNumber(1), RequestBody.fromBytes(randomBytes(1000)));
        long deadline = System.currentTimeMillis() + 120_000;
        boolean aborted = false;
        while (!aborted && System.currentTimeMillis() < deadline) {
            try {
                s3.listParts(r -> r.bucket(bucket).key("abandoned").uploadId(id));
                Thread.sleep(2000);
            } catch (S3Exception e) {
                aborted = e.statusCode() == 404 && "NoSuchUpload".equals(e.awsErrorDetails().errorCode());
                if (!aborted) {
                    throw e;
                }
            }
        }
        assertTrue(aborted, "the upload was aborted by the janitor within 120 s");
        assertTrue(s3.listMultipartUploads(r -> r.bucket(bucket)).uploads().isEmpty());
    }
}
