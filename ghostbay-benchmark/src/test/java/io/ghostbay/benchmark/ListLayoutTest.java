package io.ghostbay.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The list workload's key layout, the --list-reuse fixture's names and detection, and its flags. */
class ListLayoutTest {

    @Test
    void tenThousandKeysKeepTheEarlierNames() {
        ListLayout l = new ListLayout("gbbench-0123abcd/list/", 10_000);
        for (int i = 0; i < 10_000; i++) {
            assertEquals(String.format(Locale.ROOT, "gbbench-0123abcd/list/dir-%03d/obj-%05d", i / 100, i), l.key(i));
        }
        assertEquals(100, l.delimiterEntries());
        assertEquals("gbbench-0123abcd/list/dir-050/obj-0500", l.narrowPrefix());
        assertEquals(10, l.narrowCount());
    }

    @Test
    void aMillionKeys() {
        ListLayout l = new ListLayout(ListLayout.fixturePrefix(1_000_000), 1_000_000);
        assertEquals("gbbench-list-1000000/", l.prefix);
        assertEquals("gbbench-list-1000000/dir-0000/obj-000000", l.key(0));
        assertEquals("gbbench-list-1000000/dir-0001/obj-000100", l.key(100));
        assertEquals("gbbench-list-1000000/dir-9999/obj-999999", l.key(999_999));
        // Delimiter walk: 10 000 CommonPrefixes = 10 full pages of 1000; full walk 1000 pages.
        assertEquals(10_000, l.delimiterEntries());
        assertEquals(10, ListLayout.pages(l.delimiterEntries(), 1000));
        assertEquals(1000, ListLayout.pages(l.keys, 1000));
        assertEquals("gbbench-list-1000000/dir-5000/obj-50000", l.narrowPrefix());
        assertEquals(10, l.narrowCount());
        // Lexicographic order is index order, across every change of digit count.
        int[] idx = {0, 9, 10, 99, 100, 101, 999, 1000, 9999, 10_000, 99_999, 100_000, 500_000, 999_998, 999_999};
        for (int i = 1; i < idx.length; i++) {
            assertTrue(l.key(idx[i - 1]).compareTo(l.key(idx[i])) < 0, l.key(idx[i - 1]) + " < " + l.key(idx[i]));
        }
        for (int i = 997; i < 1_000_000; i += 997) {
            assertTrue(l.key(i - 997).compareTo(l.key(i)) < 0);
        }
    }

    @Test
    void indexIsTheInverseOfKey() {
        ListLayout l = new ListLayout("p/", 3000);
        for (int i = 0; i < 3000; i++) {
            assertEquals(i, l.index(l.key(i)));
        }
        assertEquals(-1, l.index("q/dir-000/obj-00001"));        // other prefix
        assertEquals(-1, l.index("p/dir-000/obj-0001"));         // short number
        assertEquals(-1, l.index("p/dir-030/obj-03000"));        // out of range
        assertEquals(-1, l.index("p/dir-001/obj-00001"));        // wrong directory
        assertEquals(-1, l.index("p/dir-000/obj-0000x"));
        assertEquals(-1, l.index("p/other"));
        assertEquals(-1, new ListLayout("p/", 10).index("p/dir-000/obj-00010"));
    }

    @Test
    void narrowPrefixCountMatchesTheKeys() {
        for (int n = 1; n <= 260; n++) {
            ListLayout l = new ListLayout("p/", n);
            int matching = 0;
            for (int i = 0; i < n; i++) {
                if (l.key(i).startsWith(l.narrowPrefix())) {
                    matching++;
                }
            }
            assertEquals(matching, l.narrowCount(), "n=" + n);
            assertTrue(matching >= 1);
        }
        assertThrows(IllegalArgumentException.class, () -> new ListLayout("p/", 0));
        assertThrows(IllegalArgumentException.class, () -> new ListLayout("p", 10));
    }

    @Test
    void fixtureNamesAndDetection() {
        String prefix = ListLayout.fixturePrefix(3000);
        String marker = ListLayout.markerKey(3000);
        assertEquals("gbbench-list-3000.complete", marker);
        assertFalse(marker.startsWith(prefix), "no walk of the prefix may see the marker");
        assertFalse(ListLayout.markerKey(30).startsWith(ListLayout.fixturePrefix(3)));
        assertTrue(new ListLayout(prefix, 3000).markerText().contains("dir-029/obj-02999"));

        String found = "<ListBucketResult><Prefix>" + marker + "</Prefix><KeyCount>1</KeyCount>"
                + "<IsTruncated>false</IsTruncated><Contents><Key>" + marker + "</Key><Size>90</Size></Contents>"
                + "</ListBucketResult>";
        String empty = "<ListBucketResult><Prefix>" + marker + "</Prefix><KeyCount>0</KeyCount>"
                + "<IsTruncated>false</IsTruncated></ListBucketResult>";
        String longer = found.replace("<Key>" + marker + "</Key>", "<Key>" + marker + ".old</Key>");
        assertTrue(Benchmark.markerListed(found, marker));
        assertFalse(Benchmark.markerListed(empty, marker));
        assertFalse(Benchmark.markerListed(longer, marker));
        assertEquals(List.of("a&b", "c"), Benchmark.keys("<Contents><Key>a&amp;b</Key></Contents><Contents><Key>c</Key>"));
    }

    @Test
    void existingKeysOfAPage() {
        ListLayout l = new ListLayout("p/", 300);
        Benchmark.ExistingKeys e = new Benchmark.ExistingKeys(300);
        e.add(l, "<Contents><Key>p/dir-000/obj-00000</Key></Contents><Contents><Key>p/dir-002/obj-00299</Key>"
                + "</Contents><Contents><Key>p/dir-002/stray</Key></Contents>");
        e.add(l, "<ListBucketResult><KeyCount>0</KeyCount></ListBucketResult>");
        assertEquals(2, e.present.cardinality());
        assertTrue(e.present.get(0) && e.present.get(299));
        assertEquals(1, e.others);
        assertEquals(2, e.pages);
    }

    @Test
    void parsesListFlags() {
        Options d = TestOptions.parse();
        assertFalse(d.listReuse);
        assertEquals(10_000, d.listKeys);
        Options o = TestOptions.parse("--list-reuse", "--bucket", "bench", "--list-keys", "1m", "--workloads", "list");
        assertTrue(o.listReuse);
        assertEquals(1_000_000, o.listKeys);
        assertEquals(10_000, TestOptions.parse("--list-keys", "10k").listKeys);
        assertEquals(3000, TestOptions.parse("--list-keys", "3000").listKeys);
        assertFalse(TestOptions.parse("--bucket", "b", "--list-reuse=false").listReuse);
        assertTrue(TestOptions.parse("--list-reuse=true", "--bucket", "b").listReuse);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TestOptions.parse("--list-reuse"));
        assertTrue(e.getMessage().contains("--bucket"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TestOptions.parse("--bucket", "b", "--list-reuse=maybe"));
        assertThrows(IllegalArgumentException.class, () -> TestOptions.parse("--list-keys", "0"));
        assertThrows(IllegalArgumentException.class, () -> TestOptions.parse("--list-keys", "1e6"));
    }

    @Test
    void parsesLargeConcurrentFlags() {
        Options d = TestOptions.parse();
        assertEquals(64, d.largeConcurrentStreams);
        assertEquals(1L << 30, d.largeSize);
        Options o = TestOptions.parse("--workloads", "large-concurrent,list", "--large-concurrent-streams", "4",
                "--large-size", "16MiB");
        assertEquals(List.of("large-concurrent", "list"), o.workloads);
        assertEquals(4, o.largeConcurrentStreams);
        assertEquals(16L << 20, o.largeSize);
        assertEquals(1000, TestOptions.parse("--large-concurrent-streams=1k").largeConcurrentStreams);
        assertThrows(IllegalArgumentException.class, () -> TestOptions.parse("--large-concurrent-streams", "0"));
        assertThrows(IllegalArgumentException.class, () -> TestOptions.parse("--large-concurrent-streams", "2000"));
        assertThrows(IllegalArgumentException.class, () -> TestOptions.parse("--workloads", "large-concurent"));
    }

    @Test
    void keyRangesAreNamedOnDemand() {
        List<Benchmark.KeyRange> r = List.of(new Benchmark.KeyRange(2, i -> "a" + i),
                new Benchmark.KeyRange(0, i -> "never"), new Benchmark.KeyRange(3, i -> "b" + i));
        assertEquals(5, Benchmark.keyCount(r));
        assertEquals("a1", Benchmark.keyAt(r, 1));
        assertEquals("b0", Benchmark.keyAt(r, 2));
        assertEquals("b2", Benchmark.keyAt(r, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> Benchmark.keyAt(r, 5));
    }

    @Test
    void peakMemoryTakesTheHighWaterMarkWhenItRose() {
        ProcStatus before = new ProcStatus(100_000, 150_000);
        ProcStatus after = new ProcStatus(120_000, 180_000);
        assertEquals(180_000, PeakMemory.stepPeakKiB(170_000, before, after));
        // HWM did not rise: the peak of the step is the highest reading.
        assertEquals(170_000, PeakMemory.stepPeakKiB(170_000, before, new ProcStatus(120_000, 150_000)));
        assertEquals(120_000, PeakMemory.stepPeakKiB(-1, before, new ProcStatus(120_000, 150_000)));
        assertEquals(-1, PeakMemory.stepPeakKiB(-1, null, null));
    }
}
