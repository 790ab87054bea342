package io.ghostbay.cli;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An error answer of the server: HTTP status, S3-style code and message. Exit status 3.
 *
 * <p>The admin API answers {@code {"error": {"code", "message", "requestId"}}}, but a request can
 * also be refused before it reaches that API, by the S3 authentication layer (an S3 XML error
 * document) or by Liberty itself (HTML); {@link #fromResponse} makes the best of each so the user
 * always sees a code and a message.
 */
final class AdminApiException extends Exception {
    private static final long serialVersionUID = 1L;
    private static final Pattern XML_CODE = Pattern.compile("<Code>([^<]*)</Code>");
    private static final Pattern XML_MESSAGE = Pattern.compile("<Message>([^<]*)</Message>");

    private final int status;
    private final String code;
    private final String requestId;
    /** The JSON error document as the server sent it, or one built from the status for others. */
    private final transient JsonObject errorDocument;

    private AdminApiException(int status, String code, String message, String requestId,
                              JsonObject errorDocument) {
        super(message);
        this.status = status;
        this.code = code;
        this.requestId = requestId;
        this.errorDocument = errorDocument;
    }

    /** Decodes an error answer; {@code json} is the parsed body when it was JSON, else null. */
    static AdminApiException fromResponse(int status, String body, JsonValue json) {
        if (json instanceof JsonObject document
                && document.get("error") instanceof JsonObject error) {
            String code = error.getString("code", "HTTP" + status);
            String message = error.getString("message", "");
            return new AdminApiException(status, code, message,
                    error.getString("requestId", null), document);
        }
        String code = "HTTP" + status;
        String message = "the server answered HTTP " + status;
        Matcher xmlCode = XML_CODE.matcher(body);
        if (xmlCode.find()) {
            code = unescapeXml(xmlCode.group(1));
            Matcher xmlMessage = XML_MESSAGE.matcher(body);
            message = xmlMessage.find() ? unescapeXml(xmlMessage.group(1)) : message;
        }
        JsonObject synthesized = JsonDocuments.object(
                "error", JsonDocuments.object("code", code, "message", message, "status", status));
        return new AdminApiException(status, code, message, null, synthesized);
    }

    private static String unescapeXml(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&apos;", "'").replace("&amp;", "&");
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** The server's request id, when it sent one (useful to find the request in its log). */
    String requestId() {
        return requestId;
    }

    /** What {@code --json} prints on stdout for this error. */
    JsonObject errorDocument() {
        return errorDocument;
    }
}
