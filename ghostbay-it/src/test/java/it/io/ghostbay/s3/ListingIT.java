package it.io.ghostbay.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

class ListingIT extends S3TestBase {

    private static final Comparator<String> UTF8_BINARY =
            (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private void putAll(List<String> keys) {
        for (String k : keys) {
            put(k, k);
        }
    }

    private static List<String> keys(ListObjectsV2Response r) {
        return r.contents().stream().map(S3Object::key).collect(Collectors.toList());
    }

    private static List<String> prefixes(List<CommonPrefix> cps) {
        return cps.stream().map(CommonPrefix::prefix).collect(Collectors.toList());
    }

    @Test
    void prefixAndDelimiter() {
        putAll(List.of("a/1", "a/2", "a/b/3", "b/1", "c", "cc/x"));
        ListObjectsV2Response root = s3.listObjectsV2(r -> r.bucket(bucket).delimiter("/"));
        assertEquals(List.of("c"), keys(root));
        assertEquals(List.of("a/", "b/", "cc/"), prefixes(root.commonPrefixes()));
        assertEquals(4, root.keyCount(), "KeyCount counts keys plus CommonPrefixes");
        assertFalse(root.isTruncated());
        assertNull(root.nextContinuationToken(), "NextContinuationToken only when truncated");
        assertEquals("/", root.delimiter());

        ListObjectsV2Response a = s3.listObjectsV2(r -> r.bucket(bucket).prefix("a/").delimiter("/"));
        assertEquals(List.of("a/1", "a/2"), keys(a));
        assertEquals(List.of("a/b/"), prefixes(a.commonPrefixes()));
        assertEquals(3, a.keyCount());
        assertEquals("a/", a.prefix());

        ListObjectsV2Response c = s3.listObjectsV2(r -> r.bucket(bucket).prefix("c"));
        assertEquals(List.of("c", "cc/x"), keys(c));
        assertEquals(2, c.keyCount());

        ListObjectsV2Response none = s3.listObjectsV2(r -> r.bucket(bucket).prefix("zzz"));
        assertEquals(0, none.keyCount());
        assertTrue(none.contents().isEmpty());

        ListObjectsV2Response all = s3.listObjectsV2(r -> r.bucket(bucket));
        assertEquals(List.of("a/1", "a/2", "a/b/3", "b/1", "c", "cc/x"), keys(all));
        S3Object first = all.contents().get(0);
        assertEquals(quotedMd5("a/1".getBytes(StandardCharsets.UTF_8)), first.eTag());
        assertEquals(3L, first.size());
        assertNotNull(first.lastModified());
        assertNotNull(first.storageClassAsString(), "StorageClass");
    }

    @Test
    void paginationWithContinuationTokens() {
        List<String> expected = IntStream.range(0, 25).mapToObj(i -> String.format("key-%02d", i))
                .collect(Collectors.toList());
        putAll(expected);
        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListObjectsV2Response page = s3.listObjectsV2(r -> r.bucket(bucket).maxKeys(7).continuationToken(t));
            pages++;
            seen.addAll(keys(page));
            pageSizes.add(page.keyCount());
            assertEquals(page.contents().size(), page.keyCount(), "KeyCount");
            assertEquals(7, page.maxKeys());
            if (page.isTruncated()) {
                assertNotNull(page.nextContinuationToken(), "NextContinuationToken when truncated");
            } else {
                assertNull(page.nextContinuationToken(), "NextContinuationToken only when truncated");
            }
            if (t != null) {
                assertEquals(t, page.continuationToken(), "ContinuationToken echoed");
            }
            token = page.isTruncated() ? page.nextContinuationToken() : null;
            assertTrue(pages < 10, "runaway pagination");
        } while (token != null);
        assertEquals(expected, seen, "every key exactly once, in order");
        assertEquals(List.of(7, 7, 7, 4), pageSizes);
    }

    @Test
    void maxKeysZeroAndDefault() {
        putAll(List.of("x", "y"));
        ListObjectsV2Response zero = s3.listObjectsV2(r -> r.bucket(bucket).maxKeys(0));
        assertEquals(0, zero.keyCount());
        assertTrue(zero.contents().isEmpty());
        ListObjectsV2Response dflt = s3.listObjectsV2(r -> r.bucket(bucket));
        assertEquals(1000, dflt.maxKeys(), "max-keys defaults to 1000");
        ListObjectsV2Response big = s3.listObjectsV2(r -> r.bucket(bucket).maxKeys(5000));
        assertEquals(List.of("x", "y"), keys(big));
    }

    @Test
    void startAfter() {
        putAll(List.of("a", "b", "c", "d", "e"));
        ListObjectsV2Response r1 = s3.listObjectsV2(r -> r.bucket(bucket).startAfter("b"));
        assertEquals(List.of("c", "d", "e"), keys(r1));
        assertEquals("b", r1.startAfter());
        ListObjectsV2Response r2 = s3.listObjectsV2(r -> r.bucket(bucket).startAfter("bb"));
        assertEquals(List.of("c", "d", "e"), keys(r2));
        // start-after applies only to the first page: with a continuation token the token rules
        ListObjectsV2Response p1 = s3.listObjectsV2(r -> r.bucket(bucket).startAfter("a").maxKeys(2));
        assertEquals(List.of("b", "c"), keys(p1));
        ListObjectsV2Response p2 = s3.listObjectsV2(r -> r.bucket(bucket).startAfter("a").maxKeys(2)
                .continuationToken(p1.nextContinuationToken()));
        assertEquals(List.of("d", "e"), keys(p2));
        assertFalse(p2.isTruncated());
    }

    @Test
    void fetchOwner() {
        put("o", "x");
        ListObjectsV2Response without = s3.listObjectsV2(r -> r.bucket(bucket));
        assertNull(without.contents().get(0).owner(), "V2 omits Owner unless fetch-owner=true");
        ListObjectsV2Response with = s3.listObjectsV2(r -> r.bucket(bucket).fetchOwner(true));
        assertNotNull(with.contents().get(0).owner(), "Owner with fetch-owner=true");
        assertNotNull(with.contents().get(0).owner().id(), "Owner/ID");
        ListObjectsResponse v1 = s3.listObjects(r -> r.bucket(bucket));
        assertNotNull(v1.contents().get(0).owner(), "V1 lists the Owner");
    }

    @Test
    void encodingTypeUrl() {
        List<String> ks = List.of("dir one/with space", "dir one/plus+sign", "amp&lt<", "pct%41");
        putAll(ks);
        // the SDK decodes url-encoded listings itself: the keys must come back exact
        ListObjectsV2Response sdk = s3.listObjectsV2(r -> r.bucket(bucket).encodingType(EncodingType.URL));
        assertEquals(ks.stream().sorted(UTF8_BINARY).collect(Collectors.toList()), keys(sdk));
        ListObjectsV2Response sdkDelim = s3.listObjectsV2(r -> r.bucket(bucket).encodingType(EncodingType.URL)
                .delimiter("/").prefix("dir one/"));
        assertEquals(List.of("dir one/plus+sign", "dir one/with space"), keys(sdkDelim));
        assertEquals("dir one/", sdkDelim.prefix());

        RawResponse raw = RawRequest.of("GET", bucket, null).query("list-type", "2").query("encoding-type", "url")
                .query("delimiter", " ").send();
        assertEquals(200, raw.status, raw.describe());
        String xml = raw.bodyText();
        assertTrue(xml.contains("<EncodingType>url</EncodingType>"), xml);
        // delimiter " ": "dir one/..." rolls up into the common prefix "dir "
        assertTrue(xml.contains("<Prefix>dir+</Prefix>") || xml.contains("<Prefix>dir%20</Prefix>"),
                "CommonPrefix url-encoded: " + xml);
        assertTrue(xml.contains("<Delimiter>+</Delimiter>") || xml.contains("<Delimiter>%20</Delimiter>"),
                "Delimiter url-encoded: " + xml);
        assertTrue(xml.contains("<Key>pct%2541</Key>"), "Key url-encoded (% -> %25): " + xml);
        assertTrue(xml.contains("<Key>amp%26lt%3C</Key>"), "Key url-encoded (& and <): " + xml);

        RawResponse raw2 = RawRequest.of("GET", bucket, null).query("list-type", "2").query("encoding-type", "url")
                .query("prefix", "dir one/").send();
        String xml2 = raw2.bodyText();
        assertTrue(xml2.contains("<Key>dir+one/plus%2Bsign</Key>") || xml2.contains("<Key>dir%20one/plus%2Bsign</Key>")
                || xml2.contains("<Key>dir%20one%2Fplus%2Bsign</Key>") || xml2.contains("<Key>dir+one%2Fplus%2Bsign</Key>"),
                "Key with + url-encoded as %2B: " + xml2);
        assertFalse(xml2.contains("<Key>dir one/"), "raw space in an url-encoded Key: " + xml2);
    }

    @Test
    void v1MarkerAndNextMarker() {
        putAll(List.of("a", "b", "c", "d/1", "d/2", "e"));
        ListObjectsResponse p1 = s3.listObjects(r -> r.bucket(bucket).maxKeys(2));
        assertEquals(List.of("a", "b"), p1.contents().stream().map(S3Object::key).collect(Collectors.toList()));
        assertTrue(p1.isTruncated());
        assertNull(p1.nextMarker(), "V1 NextMarker only when a delimiter is given");
        ListObjectsResponse p2 = s3.listObjects(r -> r.bucket(bucket).maxKeys(2).marker("b"));
        assertEquals("b", p2.marker());
        assertEquals(List.of("c", "d/1"), p2.contents().stream().map(S3Object::key).collect(Collectors.toList()));

        ListObjectsResponse d1 = s3.listObjects(r -> r.bucket(bucket).maxKeys(3).delimiter("/"));
        assertEquals(List.of("a", "b", "c"), d1.contents().stream().map(S3Object::key).collect(Collectors.toList()));
        assertTrue(d1.isTruncated());
        assertEquals("c", d1.nextMarker(), "NextMarker with a delimiter");
        ListObjectsResponse d2 = s3.listObjects(r -> r.bucket(bucket).maxKeys(3).delimiter("/").marker(d1.nextMarker()));
        assertEquals(List.of("e"), d2.contents().stream().map(S3Object::key).collect(Collectors.toList()));
        assertEquals(List.of("d/"), prefixes(d2.commonPrefixes()));
        assertFalse(d2.isTruncated());
    }

    @Test
    void utf8BinaryOrder() {
        List<String> ks = List.of("k-z", "k-\u00e9", "k-\uD83D\uDE00", "k-\uE000", "k-A", "k-~");
        putAll(ks);
        List<String> expected = ks.stream().sorted(UTF8_BINARY).collect(Collectors.toList());
        assertEquals(List.of("k-A", "k-z", "k-~", "k-\u00e9", "k-\uE000", "k-\uD83D\uDE00"), expected,
                "test premise: UTF-8 order");
        assertFalse(expected.equals(ks.stream().sorted().collect(Collectors.toList())),
                "test premise: Java String order differs");
        assertEquals(expected, keys(s3.listObjectsV2(r -> r.bucket(bucket))));
        assertEquals(expected, s3.listObjects(r -> r.bucket(bucket)).contents().stream().map(S3Object::key)
                .collect(Collectors.toList()));

        List<String> paged = new ArrayList<>();
        s3.listObjectsV2Paginator(r -> r.bucket(bucket).maxKeys(1)).contents().forEach(o -> paged.add(o.key()));
        assertEquals(expected, paged, "paged with max-keys 1");
        assertEquals(List.of("k-\uE000", "k-\uD83D\uDE00"),
                keys(s3.listObjectsV2(r -> r.bucket(bucket).startAfter("k-\u00e9"))), "start-after in UTF-8 order");
    }

    @Test
    void paginatedDelimiterListingReturnsEachCommonPrefixOnce() {
        List<String> ks = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            ks.add("a/" + i);
        }
        for (int i = 1; i <= 3; i++) {
            ks.add("b/" + i);
        }
        ks.add("c");
        ks.add("d/x/1");
        ks.add("d/y");
        putAll(ks);
        List<String> expected = List.of("a/", "b/", "c", "d/");

        List<String> v2 = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListObjectsV2Response page = s3.listObjectsV2(r -> r.bucket(bucket).delimiter("/").maxKeys(1)
                    .continuationToken(t));
            pages++;
            assertEquals(1, page.keyCount(), "KeyCount on page " + pages);
            page.contents().forEach(o -> v2.add(o.key()));
            v2.addAll(prefixes(page.commonPrefixes()));
            token = page.isTruncated() ? page.nextContinuationToken() : null;
            assertTrue(pages <= 20, "runaway pagination: " + v2);
        } while (token != null);
        assertEquals(expected, v2, "V2 delimiter pages with max-keys 1");

        List<String> v1 = new ArrayList<>();
        String marker = null;
        pages = 0;
        do {
            String m = marker;
            ListObjectsResponse page = s3.listObjects(r -> r.bucket(bucket).delimiter("/").maxKeys(1).marker(m));
            pages++;
            page.contents().forEach(o -> v1.add(o.key()));
            v1.addAll(prefixes(page.commonPrefixes()));
            if (page.isTruncated()) {
                assertNotNull(page.nextMarker(), "NextMarker with delimiter when truncated");
            }
            marker = page.isTruncated() ? page.nextMarker() : null;
            assertTrue(pages <= 20, "runaway pagination: " + v1);
        } while (marker != null);
        assertEquals(expected, v1, "V1 delimiter pages with max-keys 1");

        List<String> viaPaginator = new ArrayList<>();
        s3.listObjectsV2Paginator(r -> r.bucket(bucket).delimiter("/").prefix("d/").maxKeys(1)).forEach(p -> {
            p.contents().forEach(o -> viaPaginator.add(o.key()));
            viaPaginator.addAll(prefixes(p.commonPrefixes()));
        });
        assertEquals(List.of("d/x/", "d/y"), viaPaginator);
    }

    /** Common prefixes and plain keys interleaved: one page, then pages of two (in-batch skipping and seeking). */
    @Test
    void delimiterWalkMixesPrefixesAndKeysInOrder() {
        putAll(List.of("a/1", "a/2", "a/3", "a/4", "a/5", "b", "c/1", "c/2", "c/3", "d", "e/x/y", "f"));
        List<String> expected = List.of("a/", "b", "c/", "d", "e/", "f");

        ListObjectsV2Response all = s3.listObjectsV2(r -> r.bucket(bucket).delimiter("/"));
        assertEquals(expected, merged(all), "single page");
        assertEquals(6, all.keyCount());
        assertFalse(all.isTruncated());

        List<String> paged = new java.util.ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListObjectsV2Response page = s3.listObjectsV2(r -> r.bucket(bucket).delimiter("/").maxKeys(2).continuationToken(t));
            assertEquals(2, page.keyCount(), "each page is full");
            paged.addAll(merged(page));
            token = page.isTruncated() ? page.nextContinuationToken() : null;
            pages++;
        } while (token != null && pages < 10);
        assertEquals(expected, paged, "pages of two");
        assertEquals(3, pages);
    }

    /**
     * Big prefixes (more keys than a first batch), runs of single-key prefixes and long runs of plain keys,
     * so the server's batches shrink after a prefix and grow over plain keys: compared with the roll-up
     * computed here, in one page and in pages of 7.
     */
    @Test
    void delimiterWalkOverBigAndSmallPrefixesAndLongRunsOfKeys() {
        List<String> ks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ks.add(String.format("big1/%02d", i));
        }
        for (int i = 0; i < 50; i++) {
            ks.add(String.format("k%02d", i));
        }
        for (int i = 0; i < 10; i++) {
            ks.add("s" + i + "/x");
        }
        for (int i = 0; i < 30; i++) {
            ks.add(String.format("t/%02d", i));
        }
        ks.add("z");
        putAll(ks);
        java.util.TreeSet<String> rollUp = new java.util.TreeSet<>();
        for (String k : ks) {
            int slash = k.indexOf('/');
            rollUp.add(slash >= 0 ? k.substring(0, slash + 1) : k);
        }
        List<String> expected = new ArrayList<>(rollUp);

        ListObjectsV2Response all = s3.listObjectsV2(r -> r.bucket(bucket).delimiter("/"));
        assertEquals(expected, merged(all), "single page");
        assertEquals(expected.size(), all.keyCount());

        List<String> paged = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListObjectsV2Response page = s3.listObjectsV2(r -> r.bucket(bucket).delimiter("/").maxKeys(7).continuationToken(t));
            paged.addAll(merged(page));
            token = page.isTruncated() ? page.nextContinuationToken() : null;
            pages++;
        } while (token != null && pages < 50);
        assertEquals(expected, paged, "pages of seven");
        assertEquals((expected.size() + 6) / 7, pages);
    }

    private static List<String> merged(ListObjectsV2Response page) {
        java.util.TreeMap<String, String> byKey = new java.util.TreeMap<>();
        page.contents().forEach(o -> byKey.put(o.key(), o.key()));
        page.commonPrefixes().forEach(p -> byKey.put(p.prefix(), p.prefix()));
        return new java.util.ArrayList<>(byKey.values());
    }
}
