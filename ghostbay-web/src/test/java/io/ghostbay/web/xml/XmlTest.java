package io.ghostbay.web.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;

import java.io.ByteArrayInputStream;
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
        assertEquals(S3ErrorCode.MALFORMED_XML, e.code());
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
