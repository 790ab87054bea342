package io.ghostbay.web.operation;

import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;
import io.ghostbay.storage.ChecksumAlgorithm;

import jakarta.ws.rs.core.HttpHeaders;

import java.util.Locale;

/**
 * The flexible-checksum request headers: {@code x-amz-checksum-<alg>} with a value,
 * {@code x-amz-trailer: x-amz-checksum-<alg>} for a value sent after an aws-chunked body,
 * and {@code x-amz-sdk-checksum-algorithm}.
 */
record ChecksumHeaders(ChecksumAlgorithm algorithm, String value, boolean inTrailer) {
    static final ChecksumHeaders NONE = new ChecksumHeaders(null, null, false);

    static ChecksumHeaders parse(HttpHeaders headers) {
        ChecksumAlgorithm found = null;
        String value = null;
        for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
            String v = headers.getHeaderString(a.headerName());
            if (v != null) {
                if (found != null) {
                    throw S3Exception.of(S3ErrorCode.INVALID_REQUEST,
                            "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
                }
                found = a;
                value = v.trim();
            }
        }
        String trailer = headers.getHeaderString("x-amz-trailer");
        if (trailer != null && !trailer.isBlank()) {
            ChecksumAlgorithm t = ChecksumAlgorithm.fromHeaderName(trailer.trim().toLowerCase(Locale.ROOT))
                    .orElseThrow(() -> S3Exception.of(S3ErrorCode.INVALID_REQUEST, "The value specified in the x-amz-trailer header is not supported"));
            if (found != null) {
                throw S3Exception.of(S3ErrorCode.INVALID_REQUEST,
                        "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
            }
            return new ChecksumHeaders(t, null, true);
        }
        String sdkAlgorithm = headers.getHeaderString("x-amz-sdk-checksum-algorithm");
        if (found == null && sdkAlgorithm != null && !sdkAlgorithm.isBlank()) {
            ChecksumAlgorithm.fromName(sdkAlgorithm.trim()).orElseThrow(() -> S3Exception.of(S3ErrorCode.INVALID_REQUEST,
                    "Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]"));
            throw S3Exception.of(S3ErrorCode.INVALID_REQUEST, "x-amz-sdk-checksum-algorithm specified, but no corresponding"
                    + " x-amz-checksum-* or x-amz-trailer headers were found.");
        }
        return found == null ? NONE : new ChecksumHeaders(found, value, false);
    }
}
