package io.ghostbay.service;

import java.io.Serializable;
import java.util.List;

/**
 * One page of a listing, in UTF-8 binary key order. {@code lastItem} is the last key or common
 * prefix returned: the exclusive start of the next page (NextMarker / continuation token).
 */
public record ListObjectsPage(List<Entry> contents, List<String> commonPrefixes, boolean truncated, String lastItem,
                              long ownerAccountId, String ownerCanonicalId, String ownerDisplayName) implements Serializable {

    public record Entry(String key, long size, String etag, long lastModifiedMs) implements Serializable {
        public String quotedEtag() {
            return "\"" + etag + "\"";
        }
    }
}
