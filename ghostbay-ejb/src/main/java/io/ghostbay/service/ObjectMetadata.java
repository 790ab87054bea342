package io.ghostbay.service;

import java.io.Serializable;
import java.util.Map;

/** The headers S3 stores with an object and returns on GET/HEAD. User metadata names are lower-case. */
public record ObjectMetadata(String contentType, String cacheControl, String contentDisposition, String contentEncoding,
                             String contentLanguage, String expires, Map<String, String> userMetadata) implements Serializable {

    public static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";

    public ObjectMetadata {
        userMetadata = userMetadata == null ? Map.of() : Map.copyOf(userMetadata);
    }
}
