package io.ghostbay.web.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ghostbay.config.LimitsConfig;
import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class XmlTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parsesDeleteWithQuietAndNamespace() {
        XmlRequestParser.DeleteRequest r = XmlRequestParser.parseDelete(b(
                "<?xml version=\"1.0\"?><Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Quiet>true</Quiet>"
                        + "<Object><Key>a &amp; b</Key><VersionId>null</VersionId></Object><Object><Key>c/d</Key></Object></Delete>"));
        assertTrue(r.quiet());
        assertEquals(List.of("a & b", "c/d"), r.keys());
    }

    @Test
    void malformedDocumentsAreMalformedXml() {
        for (String doc : List.of("<Delete><Object><Key>a</Key></Object>", "not xml", "<Other/>", "<Delete></Delete>",
                "<Delete><Object></Object></Delete>",
                "<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Delete><Object><Key>&x;</Key></Object></Delete>")) {
            S3Exception e = assertThrows(S3Exception.class, () -> XmlRequestParser.parseDelete(b(doc)), doc);
            assertEquals(S3ErrorCode.MALFORMED_XML, e.code(), doc);
        }
    }

    @Test
    void oversizedBodiesAreRejectedBeforeParsing() {
        S3Exception e = assertThrows(S3Exception.class,
                () -> XmlRequestParser.readCapped(new ByteArrayInputStream(new byte[101]), 100));
        assertEquals(S3ErrorCode.MAX_MESSAGE_LENGTH_EXCEEDED, e.code());
        assertEquals(100, XmlRequestParser.readCapped(new ByteArrayInputStream(new byte[100]), 100).length);
    }

    @Test
    void aBodyReadThatTimesOutIsRequestTimeout() {
        InputStream stalled = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new SocketTimeoutException("Socket operation timed out before it could be completed");
            }
        };
        assertEquals(S3ErrorCode.REQUEST_TIMEOUT,
                assertThrows(S3Exception.class, () -> XmlRequestParser.readCapped(stalled, 100)).code());
    }

    /** The default cap (ghostbay.limits.xml-body-bytes) holds the largest documents S3 clients may send. */
    @Test
    void theDefaultCapHoldsTheLargestDeleteAndCompleteDocuments() {
        int cap = Integer.parseInt(LimitsConfig.DEFAULT_XML_BODY_BYTES);
        // 1,000 keys of 1,024 bytes, every byte a '"' that the SDK writes as &quot;, each with a version id
        StringBuilder delete = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Quiet>true</Quiet>");
        String escapedKey = "&quot;".repeat(1024);
        for (int i = 0; i < 1000; i++) {
            delete.append("<Object><Key>").append(escapedKey).append("</Key><VersionId>")
                    .append("v".repeat(64)).append("</VersionId></Object>");
        }
        byte[] deleteXml = b(delete.append("</Delete>").toString());
        assertTrue(deleteXml.length > 6_000_000 && deleteXml.length <= cap, "Delete document of " + deleteXml.length);
        XmlRequestParser.DeleteRequest parsed = XmlRequestParser.parseDelete(XmlRequestParser.readCapped(
                new ByteArrayInputStream(deleteXml), cap));
        assertEquals(1000, parsed.keys().size());
        assertEquals(1024, parsed.keys().get(999).length());

        // 10,000 parts, pretty-printed, each with its quoted ETag and two checksums
        StringBuilder complete = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\n");
        for (int i = 1; i <= 10_000; i++) {
            complete.append("    <Part>\n        <ETag>&quot;").append("0123456789abcdef".repeat(2))
                    .append("&quot;</ETag>\n        <PartNumber>").append(i).append("</PartNumber>\n")
                    .append("        <ChecksumSHA256>").append("A".repeat(43)).append("=</ChecksumSHA256>\n")
                    .append("        <ChecksumCRC64NVME>").append("B".repeat(11)).append("=</ChecksumCRC64NVME>\n")
                    .append("    </Part>\n");
        }
        byte[] completeXml = b(complete.append("</CompleteMultipartUpload>\n").toString());
        assertTrue(completeXml.length > 2_000_000 && completeXml.length <= cap, "Complete document of " + completeXml.length);
        assertEquals(10_000, XmlRequestParser.parseCompleteMultipartUpload(XmlRequestParser.readCapped(
                new ByteArrayInputStream(completeXml), cap)).size());
    }

    @Test
    void createBucketConfigurationIsOptional() {
        assertNull(XmlRequestParser.parseCreateBucketConfiguration(b("  ")));
        assertEquals("eu-west-1", XmlRequestParser.parseCreateBucketConfiguration(b(
                "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                        + "<LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>")));
    }

    @Test
    void writerEscapesAndUsesTheS3Namespace() {
        String xml = XmlWriter.s3Document("ListBucketResult").element("Name", "b").start("Contents")
                .element("Key", "<a&'\">").end().timestamp("LastModified", 0).finish();
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"), xml);
        assertTrue(xml.contains("<Key>&lt;a&amp;&apos;&quot;&gt;</Key>"), xml);
        assertTrue(xml.contains("<LastModified>1970-01-01T00:00:00.000Z</LastModified>"), xml);
        assertTrue(xml.endsWith("</ListBucketResult>"), xml);
    }
}
