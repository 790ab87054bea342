package io.ghostbay.service;

import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;
import io.ghostbay.storage.BlobRangeReader;
import io.ghostbay.storage.BlobStore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.util.List;

/**
 * Opens the bytes of a stored object that was already found and authorized ({@link ObjectService#getObject}).
 * A plain CDI bean, not an EJB: it touches no catalog and needs no transaction, and it is on every GET's path,
 * where a container invocation would be pure overhead.
 */
@ApplicationScoped
public class ObjectBodies {

    @Inject
    BlobStore blobs;

    /**
     * Opens bytes {@code first..last} of a stored object (single blob, pack entry or multipart segments); a
     * blob missing from disk is an internal error here, before any response exists, never an empty body.
     */
    public BlobRangeReader open(StoredObject object, long first, long last) {
        if (object.corrupt()) {
            // Found by the scrubber: never serve bytes that no longer match their digest.
            throw S3Exception.of(S3ErrorCode.INTERNAL_ERROR, "The object's data failed an integrity check.");
        }
        List<BlobRangeReader.Piece> pieces = object.isMultipart()
                ? object.segments().stream().map(s -> new BlobRangeReader.Piece(s.blobId(), s.size())).toList()
                : List.of(new BlobRangeReader.Piece(object.blobId(), object.packOffset(), object.size()));
        try {
            return BlobRangeReader.open(blobs, pieces, first, last);
        } catch (IOException e) {
            throw S3Exception.of(S3ErrorCode.INTERNAL_ERROR, "The object's data is not readable.", e);
        }
    }
}
