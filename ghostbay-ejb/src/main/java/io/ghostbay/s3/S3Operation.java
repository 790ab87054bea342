package io.ghostbay.s3;

/** Every S3 operation GhostBay recognises, named as AWS names them (used in metrics and logs). */
public enum S3Operation {
    LIST_BUCKETS("ListBuckets"),
    CREATE_BUCKET("CreateBucket"),
    DELETE_BUCKET("DeleteBucket"),
    HEAD_BUCKET("HeadBucket"),
    GET_BUCKET_LOCATION("GetBucketLocation"),
    LIST_OBJECTS("ListObjects"),
    LIST_OBJECTS_V2("ListObjectsV2"),
    DELETE_OBJECTS("DeleteObjects"),
    PUT_OBJECT("PutObject"),
    COPY_OBJECT("CopyObject"),
    GET_OBJECT("GetObject"),
    HEAD_OBJECT("HeadObject"),
    GET_OBJECT_ATTRIBUTES("GetObjectAttributes"),
    DELETE_OBJECT("DeleteObject"),
    CREATE_MULTIPART_UPLOAD("CreateMultipartUpload"),
    UPLOAD_PART("UploadPart"),
    UPLOAD_PART_COPY("UploadPartCopy"),
    COMPLETE_MULTIPART_UPLOAD("CompleteMultipartUpload"),
    ABORT_MULTIPART_UPLOAD("AbortMultipartUpload"),
    LIST_PARTS("ListParts"),
    LIST_MULTIPART_UPLOADS("ListMultipartUploads"),
    /** A subresource or operation S3 has but GhostBay does not implement yet: answered 501. */
    NOT_IMPLEMENTED("NotImplemented"),
    UNKNOWN("Unknown");

    private final String awsName;

    S3Operation(String awsName) {
        this.awsName = awsName;
    }

    public String awsName() {
        return awsName;
    }
}
