package io.ghostbay.s3;

/** Every S3 operation GhostBay recognises, named as AWS names them (used in metrics and logs). */
public enum S3Operation {
    LIST_BUCKETS("ListBuckets", "s3:ListAllMyBuckets"),
    CREATE_BUCKET("CreateBucket", "s3:CreateBucket"),
    DELETE_BUCKET("DeleteBucket", "s3:DeleteBucket"),
    HEAD_BUCKET("HeadBucket", "s3:ListBucket"),
    GET_BUCKET_LOCATION("GetBucketLocation", "s3:GetBucketLocation"),
    LIST_OBJECTS("ListObjects", "s3:ListBucket"),
    LIST_OBJECTS_V2("ListObjectsV2", "s3:ListBucket"),
    DELETE_OBJECTS("DeleteObjects", "s3:DeleteObject"),
    PUT_OBJECT("PutObject", "s3:PutObject"),
    COPY_OBJECT("CopyObject", "s3:PutObject"),
    GET_OBJECT("GetObject", "s3:GetObject"),
    HEAD_OBJECT("HeadObject", "s3:GetObject"),
    GET_OBJECT_ATTRIBUTES("GetObjectAttributes", "s3:GetObjectAttributes"),
    DELETE_OBJECT("DeleteObject", "s3:DeleteObject"),
    CREATE_MULTIPART_UPLOAD("CreateMultipartUpload", "s3:PutObject"),
    UPLOAD_PART("UploadPart", "s3:PutObject"),
    UPLOAD_PART_COPY("UploadPartCopy", "s3:PutObject"),
    COMPLETE_MULTIPART_UPLOAD("CompleteMultipartUpload", "s3:PutObject"),
    ABORT_MULTIPART_UPLOAD("AbortMultipartUpload", "s3:AbortMultipartUpload"),
    LIST_PARTS("ListParts", "s3:ListMultipartUploadParts"),
    LIST_MULTIPART_UPLOADS("ListMultipartUploads", "s3:ListBucketMultipartUploads"),
    GET_BUCKET_POLICY("GetBucketPolicy", "s3:GetBucketPolicy"),
    PUT_BUCKET_POLICY("PutBucketPolicy", "s3:PutBucketPolicy"),
    DELETE_BUCKET_POLICY("DeleteBucketPolicy", "s3:DeleteBucketPolicy"),
    GET_BUCKET_POLICY_STATUS("GetBucketPolicyStatus", "s3:GetBucketPolicyStatus"),
    GET_BUCKET_ACL("GetBucketAcl", "s3:GetBucketAcl"),
    PUT_BUCKET_ACL("PutBucketAcl", "s3:PutBucketAcl"),
    GET_OBJECT_ACL("GetObjectAcl", "s3:GetObjectAcl"),
    PUT_OBJECT_ACL("PutObjectAcl", "s3:PutObjectAcl"),
    GET_BUCKET_OWNERSHIP_CONTROLS("GetBucketOwnershipControls", "s3:GetBucketOwnershipControls"),
    PUT_BUCKET_OWNERSHIP_CONTROLS("PutBucketOwnershipControls", "s3:PutBucketOwnershipControls"),
    DELETE_BUCKET_OWNERSHIP_CONTROLS("DeleteBucketOwnershipControls", "s3:PutBucketOwnershipControls"),
    GET_PUBLIC_ACCESS_BLOCK("GetPublicAccessBlock", "s3:GetBucketPublicAccessBlock"),
    PUT_PUBLIC_ACCESS_BLOCK("PutPublicAccessBlock", "s3:PutBucketPublicAccessBlock"),
    DELETE_PUBLIC_ACCESS_BLOCK("DeletePublicAccessBlock", "s3:PutBucketPublicAccessBlock"),
    GET_OBJECT_TAGGING("GetObjectTagging", "s3:GetObjectTagging"),
    PUT_OBJECT_TAGGING("PutObjectTagging", "s3:PutObjectTagging"),
    DELETE_OBJECT_TAGGING("DeleteObjectTagging", "s3:DeleteObjectTagging"),
    /** GhostBay's admin REST API (docs/admin-api.md): admin users only, no bucket policy applies. */
    ADMIN("Admin", null),
    /** A subresource or operation S3 has but GhostBay does not implement yet: answered 501. */
    NOT_IMPLEMENTED("NotImplemented", null),
    UNKNOWN("Unknown", null);

    private final String awsName;
    private final String iamAction;

    S3Operation(String awsName, String iamAction) {
        this.awsName = awsName;
        this.iamAction = iamAction;
    }

    /** The action bucket policies name for this operation (AWS's "actions, resources and condition keys for S3"). */
    public String iamAction() {
        return iamAction;
    }

    public String awsName() {
        return awsName;
    }
}
