package io.ghostbay.service;

import java.io.Serializable;

/**
 * A page request of ListObjects (V1) or ListObjectsV2.
 *
 * @param startAfter exclusive lower bound: V1 marker, V2 start-after or the decoded continuation token
 */
public record ListObjectsQuery(String bucket, String prefix, String delimiter, String startAfter, int maxKeys)
        implements Serializable {
}
