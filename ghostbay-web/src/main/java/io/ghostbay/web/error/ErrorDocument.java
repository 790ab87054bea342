package io.ghostbay.web.error;

import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;
import io.ghostbay.web.xml.XmlWriter;

import java.util.Map;

/** The S3 {@code <Error>} document. */
public final class ErrorDocument {
    private ErrorDocument() {
    }

    public static String render(S3Exception e, String requestId) {
        XmlWriter w = XmlWriter.plainDocument("Error")
                .element("Code", e.code().code())
                .element("Message", e.getMessage());
        for (Map.Entry<String, String> extra : e.extraElements()) {
            w.element(extra.getKey(), extra.getValue());
        }
        return w.element("Resource", e.resource())
                .element("RequestId", requestId)
                .element("HostId", requestId)
                .finish();
    }

    public static String render(S3ErrorCode code, String message, String resource, String requestId) {
        return XmlWriter.plainDocument("Error").element("Code", code.code()).element("Message", message)
                .element("Resource", resource).element("RequestId", requestId).element("HostId", requestId).finish();
    }
}
