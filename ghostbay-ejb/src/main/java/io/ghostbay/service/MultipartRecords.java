package io.ghostbay.service;

import io.ghostbay.storage.ChecksumAlgorithm;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Commands and results of the multipart-upload operations. */
public final class MultipartRecords {
    private MultipartRecords() {
    }

    /** UploadPart as parsed from the request (same body rules as PutObject). */
    public record UploadPartCommand(String bucket, String key, String uploadId, int partNumber, long expectedLength,
                                    String contentMd5, ChecksumAlgorithm checksumAlgorithm, String expectedChecksum,
                                    boolean checksumInTrailer, Supplier<Map<String, String>> trailers) {
    }

    /** A part named in a CompleteMultipartUpload document. */
    public record CompletedPart(int partNumber, String etag) implements Serializable {
    }

    public record PartInfo(int partNumber, long size, String etag, long lastModifiedMs, String checksumValue) implements Serializable {
    }

    public record ListPartsPage(String uploadId, String key, List<PartInfo> parts, boolean truncated, int nextPartNumberMarker,
                                String checksumAlgorithm, String initiatorCanonicalId, String initiatorDisplayName)
            implements Serializable {
    }

    public record UploadInfo(String key, String uploadId, long initiatedMs, String initiatorId, String initiatorName) implements Serializable {
    }

    public record ListUploadsPage(List<UploadInfo> uploads, List<String> commonPrefixes, boolean truncated, String nextKeyMarker,
                                  String nextUploadIdMarker) implements Serializable {
    }
}
