package io.ghostbay.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartTest {

    @Test
    void parsesUploadIdFromInitiateResult() {
        // Shape of AWS's documented InitiateMultipartUploadResult.
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<InitiateMultipartUploadResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\n"
                + "  <Bucket>example-bucket</Bucket>\n"
                + "  <Key>example-object</Key>\n"
                + "  <UploadId>VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA</UploadId>\n"
                + "</InitiateMultipartUploadResult>";
        assertEquals("VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA", Multipart.parseUploadId(xml));
        // Entities are decoded; surrounding whitespace dropped.
        assertEquals("a&b~c", Multipart.parseUploadId("<UploadId> a&amp;b~c </UploadId>"));
        assertNull(Multipart.parseUploadId("<InitiateMultipartUploadResult></InitiateMultipartUploadResult>"));
        assertNull(Multipart.parseUploadId("<UploadId></UploadId>"));
    }

    @Test
    void buildsCompleteXmlWithPartsInOrder() {
        String xml = Multipart.completeXml(List.of("\"aaa\"", "\"bbb\"", "\"c&<d>\""));
        assertEquals("<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<Part><PartNumber>1</PartNumber><ETag>\"aaa\"</ETag></Part>"
                + "<Part><PartNumber>2</PartNumber><ETag>\"bbb\"</ETag></Part>"
                + "<Part><PartNumber>3</PartNumber><ETag>\"c&amp;&lt;d&gt;\"</ETag></Part>"
                + "</CompleteMultipartUpload>", xml);
        // Round trip through the same reader the list workload uses.
        assertEquals("\"c&<d>\"", Benchmark.between(xml.substring(xml.indexOf("<PartNumber>3")), "<ETag>", "</ETag>"));
    }

    @Test
    void completeEtagAndPartsSuffix() {
        String xml = "<CompleteMultipartUploadResult><Location>http://h/b/k</Location><Bucket>b</Bucket>"
                + "<Key>k</Key><ETag>&quot;3858f62230ac3c915f300c664312c11f-16&quot;</ETag>"
                + "</CompleteMultipartUploadResult>";
        String etag = Multipart.parseCompleteEtag(xml);
        assertEquals("3858f62230ac3c915f300c664312c11f-16", etag);
        assertTrue(Multipart.hasPartsSuffix(etag, 16));
        assertTrue(Multipart.hasPartsSuffix("\"3858f62230ac3c915f300c664312c11f-16\"", 16));
        assertFalse(Multipart.hasPartsSuffix(etag, 6));
        assertFalse(Multipart.hasPartsSuffix("3858f62230ac3c915f300c664312c11f", 16));
        assertFalse(Multipart.hasPartsSuffix(null, 1));
    }

    @Test
    void parsesPartFlags() {
        Options o = Options.parse(new String[] {"--endpoint", "http://h:1", "--access-key", "a", "--secret-key", "b",
            "--part-size", "8MiB", "--part-concurrency", "3"});
        assertEquals(8L << 20, o.partSize);
        assertEquals(3, o.partConcurrency);
        Options d = Options.parse(new String[] {"--endpoint", "http://h:1", "--access-key", "a", "--secret-key", "b"});
        assertEquals(64L << 20, d.partSize);
        assertEquals(4, d.partConcurrency);
    }
}
