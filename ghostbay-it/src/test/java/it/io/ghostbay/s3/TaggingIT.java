package it.io.ghostbay.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.TaggingDirective;

/**
 * Object tagging: x-amz-tagging on PUT, Get/Put/DeleteObjectTagging, tags on overwrite and copy,
 * the limits, and s3:ExistingObjectTag conditions in bucket policies.
 */
class TaggingIT extends ThreePrincipalsTestBase {

    private Map<String, String> tags(String key) {
        return s3.getObjectTagging(r -> r.bucket(bucket).key(key)).tagSet().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
    }

    @Test
    void tagsSetOnPutReplacedAndDeleted() {
        s3.putObject(r -> r.bucket(bucket).key("doc").tagging("project=blue sky&stage=draft"), RequestBody.fromString("v1"));
        assertEquals(Map.of("project", "blue sky", "stage", "draft"), tags("doc"));
        s3.putObjectTagging(r -> r.bucket(bucket).key("doc").tagging(t -> t.tagSet(Tag.builder().key("stage").value("final").build())));
        assertEquals(Map.of("stage", "final"), tags("doc"));
        assertEquals("v1", new String(get("doc")), "tagging leaves the data alone");
        s3.deleteObjectTagging(r -> r.bucket(bucket).key("doc"));
        assertEquals(Map.of(), tags("doc"));

        s3.putObjectTagging(r -> r.bucket(bucket).key("doc").tagging(t -> t.tagSet(Tag.builder().key("old").value("1").build())));
        put("doc", "v2");
        assertEquals(Map.of(), tags("doc"), "a new object does not inherit the old one's tags");
    }

    @Test
    void copyKeepsOrReplacesTags() {
        s3.putObject(r -> r.bucket(bucket).key("src").tagging("colour=red"), RequestBody.fromString("x"));
        s3.copyObject(r -> r.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket).destinationKey("copy"));
        assertEquals(Map.of("colour", "red"), tags("copy"));
        s3.copyObject(r -> r.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket).destinationKey("replaced")
                .taggingDirective(TaggingDirective.REPLACE).tagging("colour=blue&size=L"));
        assertEquals(Map.of("colour", "blue", "size", "L"), tags("replaced"));
    }

    @Test
    void invalidTagSetsChangeNothing() {
        s3.putObject(r -> r.bucket(bucket).key("doc").tagging("keep=me"), RequestBody.fromString("x"));
        List<Tag> eleven = IntStream.range(0, 11).mapToObj(i -> Tag.builder().key("k" + i).value("v").build()).toList();
        assertS3Error(400, "BadRequest", () -> s3.putObjectTagging(r -> r.bucket(bucket).key("doc").tagging(t -> t.tagSet(eleven))));
        assertS3Error(400, "InvalidTag", () -> s3.putObjectTagging(r -> r.bucket(bucket).key("doc")
                .tagging(t -> t.tagSet(Tag.builder().key("k".repeat(129)).value("v").build()))));
        assertS3Error(400, "InvalidTag", () -> s3.putObject(r -> r.bucket(bucket).key("other").tagging("a=1&a=2"), RequestBody.fromString("x")));
        assertEquals(Map.of("keep", "me"), tags("doc"));
        assertTrue(!exists("other"));
        assertS3Error(404, "NoSuchKey", () -> s3.getObjectTagging(r -> r.bucket(bucket).key("missing")));
    }

    @Test
    void existingObjectTagConditions() {
        s3.putObject(r -> r.bucket(bucket).key("open.txt").tagging("classification=public"), RequestBody.fromString("open"));
        s3.putObject(r -> r.bucket(bucket).key("closed.txt").tagging("classification=internal"), RequestBody.fromString("closed"));
        s3.putBucketPolicy(r -> r.bucket(bucket).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/*\","
                + "\"Condition\":{\"StringEquals\":{\"s3:ExistingObjectTag/classification\":\"public\"}}}]}"));
        try {
            assertEquals("open", anonymous.getObjectAsBytes(r -> r.bucket(bucket).key("open.txt")).asUtf8String());
            assertS3Error(403, "AccessDenied", () -> anonymous.getObject(r -> r.bucket(bucket).key("closed.txt")));
            assertS3Error(403, "AccessDenied", () -> asBob.getObject(r -> r.bucket(bucket).key("closed.txt")));
            s3.putObjectTagging(r -> r.bucket(bucket).key("closed.txt")
                    .tagging(t -> t.tagSet(Tag.builder().key("classification").value("public").build())));
            assertEquals("closed", anonymous.getObjectAsBytes(r -> r.bucket(bucket).key("closed.txt")).asUtf8String());
        } finally {
            s3.deleteBucketPolicy(r -> r.bucket(bucket));
        }
    }
}
