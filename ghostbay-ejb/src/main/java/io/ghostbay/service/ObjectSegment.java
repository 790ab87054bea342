package io.ghostbay.service;

import java.io.Serializable;

/** One part of a multipart object as stored: served in order by GET. */
public record ObjectSegment(int partNumber, String blobId, long size, String etag, String checksumValue) implements Serializable {
}
