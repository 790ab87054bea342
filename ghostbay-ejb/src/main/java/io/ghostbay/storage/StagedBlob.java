package io.ghostbay.storage;

import java.util.Map;

/**
 * A body fully received, hashed and fsynced into the staging area, not yet visible to anyone.
 *
 * @param blobId    the id it will have in the blob store once promoted; null for an empty object
 *                  staged by {@link BlobStore#stageObject} (no file at all)
 * @param size      bytes written
 * @param md5       binary MD5 of the body (the ETag of a single-part object)
 * @param checksums base64 checksum values computed while receiving, by algorithm
 */
public record StagedBlob(String blobId, long size, byte[] md5, Map<ChecksumAlgorithm, String> checksums) {

    public String md5Hex() {
        return java.util.HexFormat.of().formatHex(md5);
    }

    public String md5Base64() {
        return java.util.Base64.getEncoder().encodeToString(md5);
    }

}
