package io.ghostbay.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyPatternTest {

    private static boolean glob(String pattern, String text) {
        return PolicyPattern.compile(pattern, true, false).matches(text, false);
    }

    @Test
    void starMatchesAnyRunIncludingSlashesAndNothing() {
        assertTrue(glob("a*", "a"));
        assertTrue(glob("a*", "a/b/c"));
        assertTrue(glob("*", ""));
        assertTrue(glob("a*b*c", "aXbYbZc"));
        assertFalse(glob("a*b*c", "aXbYbZ"));
        assertTrue(glob("**x", "yyx"));
        assertFalse(glob("a*", "ba"));
    }

    @Test
    void questionMarkMatchesExactlyOneCharacter() {
        assertTrue(glob("a?c", "abc"));
        assertFalse(glob("a?c", "ac"));
        assertFalse(glob("a?c", "abbc"));
        // one code point, even outside the BMP
        assertTrue(glob("a?c", "a\uD83D\uDE00c"));
    }

    @Test
    void wildcardsAreLiteralWhenTheOperatorSaysSo() {
        PolicyPattern literal = PolicyPattern.compile("a*", false, false);
        assertFalse(literal.matches("abc", false));
        assertTrue(literal.matches("a*", false));
        assertFalse(literal.hasWildcards());
    }

    @Test
    void ignoreCaseFoldsBothSides() {
        PolicyPattern pattern = PolicyPattern.compile("s3:Get*", true, false);
        assertTrue(pattern.matches("S3:GETOBJECT", true));
        assertFalse(pattern.matches("S3:GETOBJECT", false));
    }

    @Test
    void variablesResolveFromTheLookupAndUseTheFirstValue() {
        PolicyPattern pattern = PolicyPattern.compile("home/${aws:username}/*", true, true);
        assertTrue(pattern.hasVariables());
        Map<String, List<String>> values = Map.of("aws:username", List.of("alice", "bob"));
        assertTrue(pattern.matches("home/alice/x", false, k -> values.getOrDefault(k, List.of())));
        assertFalse(pattern.matches("home/bob/x", false, k -> values.getOrDefault(k, List.of())));
        assertFalse(pattern.matches("home/alice/x", false, k -> List.of()));
    }

    @Test
    void escapesAndMalformedVariablesStayText() {
        assertTrue(PolicyPattern.compile("a${$}b${?}", true, true).matches("a$b?", false));
        assertFalse(PolicyPattern.compile("a${$}b${?}", true, true).matches("a$bc", false));
        // no closing brace: plain text
        assertTrue(PolicyPattern.compile("a${b", true, true).matches("a${b", false));
        // an empty name: plain text
        assertTrue(PolicyPattern.compile("${}", true, true).matches("${}", false));
        // an unquoted default is not a variable
        assertTrue(PolicyPattern.compile("${a, b}", true, true).matches("${a, b}", false));
    }

    @Test
    void defaultValueIsUsedOnlyWhenTheKeyIsAbsent() {
        PolicyPattern pattern = PolicyPattern.compile("${aws:username, 'guest'}", false, true);
        assertTrue(pattern.matches("guest", false, k -> List.of()));
        assertTrue(pattern.matches("carol", false, k -> List.of("carol")));
        assertFalse(pattern.matches("guest", false, k -> List.of("carol")));
    }

    @Test
    void prefixReachabilityForBucketChecks() {
        assertTrue(PolicyPattern.compile("photos/*", true, false).couldMatchSomethingStartingWith("photos/"));
        assertTrue(PolicyPattern.compile("pho*", true, false).couldMatchSomethingStartingWith("photos/"));
        assertTrue(PolicyPattern.compile("photos", true, false).couldMatch("photos"));
        assertTrue(PolicyPattern.compile("ph?tos/a", true, false).couldMatchSomethingStartingWith("photos/"));
        assertFalse(PolicyPattern.compile("photos", true, false).couldMatchSomethingStartingWith("photos/"));
        assertFalse(PolicyPattern.compile("photo", true, false).couldMatch("photos"));
        assertFalse(PolicyPattern.compile("photosX/*", true, false).couldMatchSomethingStartingWith("photos/"));
        assertTrue(PolicyPattern.compile("${aws:username}/*", true, true).couldMatchSomethingStartingWith("photos/"));
        assertEquals("photos/*", PolicyPattern.compile("photos/*", true, false).source());
    }
}
