package io.ghostbay.benchmark;

import java.util.List;

/** Helpers for the multipart upload XML (CreateMultipartUpload / CompleteMultipartUpload). */
final class Multipart {

    private Multipart() {
    }

    /** The UploadId of a CreateMultipartUpload (InitiateMultipartUploadResult) response, or null. */
    static String parseUploadId(String xml) {
        String id = Benchmark.between(xml, "<UploadId>", "</UploadId>");
        return id == null || id.isBlank() ? null : id.trim();
    }

    /**
     * The CompleteMultipartUpload body: one Part (PartNumber, ETag) per entry of {@code etags},
     * part numbers 1..n in order. ETags are sent as the server returned them (quotes included),
     * XML-escaped.
     */
    static String completeXml(List<String> etags) {
        StringBuilder sb = new StringBuilder(64 + etags.size() * 80);
        sb.append("<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        for (int i = 0; i < etags.size(); i++) {
            sb.append("<Part><PartNumber>").append(i + 1).append("</PartNumber><ETag>")
                    .append(xmlEscape(etags.get(i))).append("</ETag></Part>");
        }
        return sb.append("</CompleteMultipartUpload>").toString();
    }

    /** The ETag of a CompleteMultipartUploadResult, quotes removed, or null. */
    static String parseCompleteEtag(String xml) {
        String e = Benchmark.between(xml, "<ETag>", "</ETag>");
        return e == null ? null : unquote(e.trim());
    }

    /** Whether the ETag (with or without quotes) ends with "-parts", as S3 multipart ETags do. */
    static boolean hasPartsSuffix(String etag, int parts) {
        return etag != null && unquote(etag.trim()).endsWith("-" + parts);
    }

    static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    static String xmlEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&': sb.append("&amp;"); break;
                case '<': sb.append("&lt;"); break;
                case '>': sb.append("&gt;"); break;
                default: sb.append(c);
            }
        }
        return sb.toString();
    }
}
