package io.ghostbay.web.operation;

import io.ghostbay.service.Caller;
import io.ghostbay.service.TaggingService;
import io.ghostbay.web.xml.XmlRequestParser;
import io.ghostbay.web.xml.XmlWriter;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;
import java.util.Map;

/** GetObjectTagging, PutObjectTagging, DeleteObjectTagging. */
@ApplicationScoped
public class TaggingOperations {
    private static final int MAX_DOCUMENT = 64 * 1024;

    @EJB
    TaggingService tagging;

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectTagging.html">GetObjectTagging</a> */
    public Response getObjectTagging(Caller caller, String bucket, String key) {
        XmlWriter w = XmlWriter.s3Document("Tagging").start("TagSet");
        for (Map.Entry<String, String> t : tagging.getObjectTagging(caller, bucket, key).entrySet()) {
            w.start("Tag").element("Key", t.getKey()).element("Value", t.getValue()).end();
        }
        return BucketOperations.xml(w.end().finish());
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectTagging.html">PutObjectTagging</a> */
    public Response putObjectTagging(Caller caller, String bucket, String key, InputStream body) {
        tagging.putObjectTagging(caller, bucket, key, XmlRequestParser.parseTagging(XmlRequestParser.readCapped(body, MAX_DOCUMENT)));
        return Response.ok().header("Content-Length", 0).build();
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjectTagging.html">DeleteObjectTagging</a> */
    public Response deleteObjectTagging(Caller caller, String bucket, String key) {
        tagging.deleteObjectTagging(caller, bucket, key);
        return Response.noContent().build();
    }
}
