package io.ghostbay.web.routing;

import io.ghostbay.s3.S3Operation;
import io.ghostbay.service.Caller;
import io.ghostbay.service.KeyLimits;

import io.ghostbay.web.auth.AwsChunkedInputStream;

import jakarta.enterprise.context.RequestScoped;

import java.util.Map;

/**
 * What the pre-matching filter learned about the current request: who signed it, which bucket
 * and key it addresses (decoded from the raw path or the Host header) and which S3 operation it is.
 */
@RequestScoped
public class S3Request {
    private Caller caller;
    private String bucket;
    private String key;
    private S3Operation operation = S3Operation.UNKNOWN;
    private AwsChunkedInputStream chunkedBody;
    private jakarta.servlet.http.HttpServletRequest http;
    private KeyLimits keyLimits = KeyLimits.NONE;

    public Caller caller() { return caller; }
    public void caller(Caller caller) { this.caller = caller; }
    public String bucket() { return bucket; }
    public String key() { return key; }
    public void address(String bucket, String key) {
        this.bucket = bucket;
        this.key = key;
    }
    /** The signing key's overrides of the request limits, read with its credentials (none when anonymous). */
    public KeyLimits keyLimits() { return keyLimits; }
    public void keyLimits(KeyLimits limits) { this.keyLimits = limits == null ? KeyLimits.NONE : limits; }
    public S3Operation operation() { return operation; }
    public void operation(S3Operation operation) { this.operation = operation; }
    public void chunkedBody(AwsChunkedInputStream body) { this.chunkedBody = body; }
    public void servletRequest(jakarta.servlet.http.HttpServletRequest http) { this.http = http; }
    /** Sends this Content-Type exactly, bypassing JAX-RS media-type formatting (see S3ServletFilter). */
    public void exactContentType(String contentType) {
        if (http != null && contentType != null) {
            http.setAttribute(S3ServletFilter.EXACT_CONTENT_TYPE, contentType);
        }
    }
    public boolean isChunked() { return chunkedBody != null; }
    /** Trailer headers of an aws-chunked body; complete once the body has been read to its end. */
    public Map<String, String> trailers() { return chunkedBody == null ? Map.of() : chunkedBody.trailers(); }
}
