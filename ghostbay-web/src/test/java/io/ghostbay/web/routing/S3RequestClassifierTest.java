package io.ghostbay.web.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;
import io.ghostbay.s3.S3Operation;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class S3RequestClassifierTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            GET    | /                          | LIST_BUCKETS
            GET    | /b                         | LIST_OBJECTS
            GET    | /b?list-type=2&prefix=a/   | LIST_OBJECTS_V2
            GET    | /b?location                | GET_BUCKET_LOCATION
            PUT    | /b                         | CREATE_BUCKET
            HEAD   | /b                         | HEAD_BUCKET
            DELETE | /b                         | DELETE_BUCKET
            POST   | /b?delete                  | DELETE_OBJECTS
            PUT    | /b/k                       | PUT_OBJECT
            PUT    | /b/k copy                  | COPY_OBJECT
            GET    | /b/k                       | GET_OBJECT
            GET    | /b/k?versionId=null        | GET_OBJECT
            GET    | /b/k?response-content-type=x | GET_OBJECT
            HEAD   | /b/k                       | HEAD_OBJECT
            DELETE | /b/k                       | DELETE_OBJECT
            PUT    | /b/k?acl                   | PUT_OBJECT_ACL
            PUT    | /b/k?acl&versionId=null    | PUT_OBJECT_ACL
            PUT    | /b/k?acl&tagging           | NOT_IMPLEMENTED
            GET    | /b?acl                     | GET_BUCKET_ACL
            PUT    | /b?acl                     | PUT_BUCKET_ACL
            DELETE | /b?acl                     | NOT_IMPLEMENTED
            GET    | /b?ownershipControls       | GET_BUCKET_OWNERSHIP_CONTROLS
            PUT    | /b?ownershipControls       | PUT_BUCKET_OWNERSHIP_CONTROLS
            DELETE | /b?ownershipControls       | DELETE_BUCKET_OWNERSHIP_CONTROLS
            GET    | /b?publicAccessBlock       | GET_PUBLIC_ACCESS_BLOCK
            PUT    | /b?publicAccessBlock       | PUT_PUBLIC_ACCESS_BLOCK
            DELETE | /b?publicAccessBlock       | DELETE_PUBLIC_ACCESS_BLOCK
            PUT    | /b/k?tagging               | PUT_OBJECT_TAGGING
            GET    | /b/k?tagging&versionId=null | GET_OBJECT_TAGGING
            PUT    | /b?tagging                 | NOT_IMPLEMENTED
            PUT    | /b/k?partNumber=2&uploadId=u | UPLOAD_PART
            PUT    | /b/k?partNumber=2&uploadId=u copy | UPLOAD_PART_COPY
            POST   | /b/k?uploads               | CREATE_MULTIPART_UPLOAD
            POST   | /b/k?uploadId=u            | COMPLETE_MULTIPART_UPLOAD
            DELETE | /b/k?uploadId=u            | ABORT_MULTIPART_UPLOAD
            GET    | /b/k?uploadId=u&max-parts=2 | LIST_PARTS
            GET    | /b?uploads&prefix=a        | LIST_MULTIPART_UPLOADS
            PUT    | /b/k?uploadId=u            | NOT_IMPLEMENTED
            GET    | /b/k?partNumber=1&uploadId=u | NOT_IMPLEMENTED
            GET    | /b/k?partNumber=2           | GET_OBJECT
            GET    | /b/k?attributes             | GET_OBJECT_ATTRIBUTES
            HEAD   | /b/k?partNumber=1&versionId=null | HEAD_OBJECT
            DELETE | /b/k?tagging               | DELETE_OBJECT_TAGGING
            DELETE | /b?policy                  | DELETE_BUCKET_POLICY
            PUT    | /b?policy                  | PUT_BUCKET_POLICY
            GET    | /b?policy                  | GET_BUCKET_POLICY
            GET    | /b?policyStatus            | GET_BUCKET_POLICY_STATUS
            PUT    | /b?policyStatus            | NOT_IMPLEMENTED
            GET    | /b?policy&acl              | NOT_IMPLEMENTED
            GET    | /b/k?policy                | NOT_IMPLEMENTED
            GET    | /b?versioning              | NOT_IMPLEMENTED
            GET    | /b?website                 | NOT_IMPLEMENTED
            PUT    | /b?cors                    | NOT_IMPLEMENTED
            GET    | /b/k?acl                   | GET_OBJECT_ACL
            POST   | /b                         | NOT_IMPLEMENTED
            """)
    void classifiesLikeAws(String method, String target, S3Operation expected) {
        boolean copy = target.endsWith(" copy");
        String t = copy ? target.substring(0, target.length() - 5) : target;
        String path = t.contains("?") ? t.substring(0, t.indexOf('?')) : t;
        Set<String> query = new LinkedHashSet<>();
        if (t.contains("?")) {
            Arrays.stream(t.substring(t.indexOf('?') + 1).split("&")).map(p -> p.split("=")[0]).forEach(query::add);
        }
        String[] bk = S3Paths.split(path);
        assertEquals(expected, S3RequestClassifier.classify(method, bk[0] != null, bk[1] != null, query, copy));
    }

    @ParameterizedTest
    @CsvSource({"PATCH,/b/k", "PUT,/", "DELETE,/", "OPTIONS,/b"})
    void unknownMethodsAreMethodNotAllowed(String method, String path) {
        String[] bk = S3Paths.split(path);
        S3Exception e = assertThrows(S3Exception.class,
                () -> S3RequestClassifier.classify(method, bk[0] != null, bk[1] != null, Set.of(), false));
        assertEquals(S3ErrorCode.METHOD_NOT_ALLOWED, e.code());
    }
}
