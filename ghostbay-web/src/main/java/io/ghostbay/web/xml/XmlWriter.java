package io.ghostbay.web.xml;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Builds the small XML documents S3 answers with (listings are capped at 1,000 entries, so a
 * document always fits comfortably in memory). Element names follow the AWS shapes exactly.
 */
public final class XmlWriter {
    public static final String S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final StringBuilder sb = new StringBuilder(512);
    private final Deque<String> open = new ArrayDeque<>();

    private XmlWriter() {
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }

    /** A document whose root element carries the S3 namespace. */
    public static XmlWriter s3Document(String root) {
        XmlWriter w = new XmlWriter();
        w.sb.append('<').append(root).append(" xmlns=\"").append(S3_NAMESPACE).append("\">");
        w.open.push(root);
        return w;
    }

    /** A document without namespace (the S3 Error document has none). */
    public static XmlWriter plainDocument(String root) {
        XmlWriter w = new XmlWriter();
        w.sb.append('<').append(root).append('>');
        w.open.push(root);
        return w;
    }

    public XmlWriter start(String name) {
        sb.append('<').append(name).append('>');
        open.push(name);
        return this;
    }

    /** Opens an element with attributes given as name/value pairs (values escaped). */
    public XmlWriter start(String name, String... attributes) {
        if (attributes.length == 0) {
            return start(name);
        }
        sb.append('<').append(name);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            sb.append(' ').append(attributes[i]).append("=\"");
            escape(attributes[i + 1]);
            sb.append('"');
        }
        sb.append('>');
        open.push(name);
        return this;
    }

    public XmlWriter end() {
        sb.append("</").append(open.pop()).append('>');
        return this;
    }

    /** Writes {@code <name>value</name>}; a null value writes nothing. */
    public XmlWriter element(String name, Object value) {
        if (value == null) {
            return this;
        }
        sb.append('<').append(name).append('>');
        escape(String.valueOf(value));
        sb.append("</").append(name).append('>');
        return this;
    }

    public XmlWriter timestamp(String name, long epochMillis) {
        return element(name, formatTimestamp(epochMillis));
    }

    public static String formatTimestamp(long epochMillis) {
        return ISO_MILLIS.format(Instant.ofEpochMilli(epochMillis));
    }

    /** Closes a root element that holds only text, e.g. {@code <LocationConstraint>eu-west-1</LocationConstraint>}. */
    public String finishWithText(String text) {
        if (text != null) {
            escape(text);
        }
        return finish();
    }

    public String finish() {
        while (!open.isEmpty()) {
            end();
        }
        return sb.toString();
    }

    private void escape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                case '\r' -> sb.append("&#13;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        sb.append("&#").append((int) c).append(';');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
    }
}
