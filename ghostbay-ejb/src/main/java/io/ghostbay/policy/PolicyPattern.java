package io.ghostbay.policy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * A string from a policy that is matched against request values: an action, a resource ARN or a
 * condition value. Depending on where it stands it may contain the IAM wildcards {@code *} (any
 * run of characters, also across {@code /}) and {@code ?} (one character), and, in a 2012-10-17
 * policy, policy variables such as {@code ${aws:username}}, {@code ${s3:prefix, 'default'}} and
 * the escapes {@code ${*}}, {@code ${?}}, {@code ${$}}.
 *
 * <p>A variable's value is inserted as literal text: a {@code *} in a user's name never becomes a
 * wildcard. A variable the request has no value for (and no default) makes the pattern match
 * nothing, which is IAM's rule.
 */
public final class PolicyPattern {

    /** Marks {@code *} in a resolved pattern; code points are never negative. */
    private static final int ANY_RUN = -1;
    /** Marks {@code ?} in a resolved pattern. */
    private static final int ONE_CHAR = -2;

    private sealed interface Part permits Text, Wildcard, Variable {}

    private record Text(String text) implements Part {}

    private record Wildcard(int marker) implements Part {}

    private record Variable(String name, String fallback) implements Part {}

    private final String source;
    private final List<Part> parts;

    private PolicyPattern(String source, List<Part> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
    }

    /**
     * @param wildcards whether {@code *} and {@code ?} are wildcards here (they are literal in,
     *     e.g., StringEquals values)
     * @param variables whether {@code ${...}} is a policy variable (only in 2012-10-17 policies;
     *     in 2008-10-17 ones it is literal text)
     */
    public static PolicyPattern compile(String source, boolean wildcards, boolean variables) {
        Objects.requireNonNull(source, "source");
        List<Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (variables && source.startsWith("${", i)) {
                int close = source.indexOf('}', i + 2);
                Part variable = close < 0 ? null : variable(source.substring(i + 2, close));
                if (variable != null) {
                    if (variable instanceof Text escaped) {
                        text.append(escaped.text());
                    } else {
                        flush(text, parts);
                        parts.add(variable);
                    }
                    i = close + 1;
                    continue;
                }
            }
            if (wildcards && (c == '*' || c == '?')) {
                flush(text, parts);
                parts.add(new Wildcard(c == '*' ? ANY_RUN : ONE_CHAR));
            } else {
                text.append(c);
            }
            i++;
        }
        flush(text, parts);
        return new PolicyPattern(source, parts);
    }

    /** The body of {@code ${...}}: an escape, or a name with an optional quoted default. */
    private static Part variable(String body) {
        if (body.equals("*") || body.equals("?") || body.equals("$")) {
            return new Text(body);
        }
        String name = body;
        String fallback = null;
        int comma = body.indexOf(',');
        if (comma >= 0) {
            name = body.substring(0, comma);
            String quoted = body.substring(comma + 1).trim();
            if (quoted.length() < 2 || quoted.charAt(0) != '\'' || quoted.charAt(quoted.length() - 1) != '\'') {
                return null;
            }
            fallback = quoted.substring(1, quoted.length() - 1);
        }
        name = name.trim();
        return name.isEmpty() ? null : new Variable(name, fallback);
    }

    private static void flush(StringBuilder text, List<Part> parts) {
        if (!text.isEmpty()) {
            parts.add(new Text(text.toString()));
            text.setLength(0);
        }
    }

    /** The pattern as written in the policy. */
    public String source() {
        return source;
    }

    public boolean hasWildcards() {
        return parts.stream().anyMatch(Wildcard.class::isInstance);
    }

    public boolean hasVariables() {
        return parts.stream().anyMatch(Variable.class::isInstance);
    }

    /**
     * Whether {@code text} matches, with variables taken from {@code variables} (a condition key's
     * values; the first one is used, as policy variables are single-valued).
     */
    public boolean matches(String text, boolean ignoreCase, Function<String, List<String>> variables) {
        int[] pattern = resolve(variables);
        return pattern != null && globMatches(pattern, text.codePoints().toArray(), ignoreCase);
    }

    /** {@link #matches} for patterns that cannot contain variables. */
    public boolean matches(String text, boolean ignoreCase) {
        return matches(text, ignoreCase, name -> List.of());
    }

    /**
     * Whether some value of the variables could make the pattern match {@code text} exactly (each
     * variable counts as {@code *}). Used to check, when a policy is stored, that a Resource can
     * refer to the policy's own bucket.
     */
    boolean couldMatch(String text) {
        return globMatches(resolveVariablesAsWildcards(), text.codePoints().toArray(), false);
    }

    /**
     * Whether some string that starts with {@code prefix} could match (each variable counts as
     * {@code *}). Any pattern tail can match some string, so it is enough that the pattern can
     * consume the whole prefix.
     */
    boolean couldMatchSomethingStartingWith(String prefix) {
        int[] pattern = resolveVariablesAsWildcards();
        BitSet states = closure(pattern, bits(0));
        for (int c : prefix.codePoints().toArray()) {
            BitSet next = new BitSet();
            for (int s = states.nextSetBit(0); s >= 0; s = states.nextSetBit(s + 1)) {
                if (s == pattern.length) {
                    continue;
                }
                if (pattern[s] == ANY_RUN) {
                    next.set(s);
                } else if (pattern[s] == ONE_CHAR || pattern[s] == c) {
                    next.set(s + 1);
                }
            }
            states = closure(pattern, next);
            if (states.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static BitSet bits(int state) {
        BitSet set = new BitSet();
        set.set(state);
        return set;
    }

    /** Adds the states reachable by letting a {@code *} match nothing. */
    private static BitSet closure(int[] pattern, BitSet states) {
        for (int s = states.nextSetBit(0); s >= 0; s = states.nextSetBit(s + 1)) {
            if (s < pattern.length && pattern[s] == ANY_RUN) {
                states.set(s + 1);
            }
        }
        return states;
    }

    /** Code points and wildcard markers, or {@code null} when a variable has no value. */
    private int[] resolve(Function<String, List<String>> variables) {
        IntStream.Builder out = IntStream.builder();
        for (Part part : parts) {
            if (part instanceof Text t) {
                t.text().codePoints().forEach(out::add);
            } else if (part instanceof Wildcard w) {
                out.add(w.marker());
            } else if (part instanceof Variable v) {
                List<String> values = variables.apply(v.name());
                String value = values.isEmpty() ? v.fallback() : values.get(0);
                if (value == null) {
                    return null;
                }
                value.codePoints().forEach(out::add);
            }
        }
        return out.build().toArray();
    }

    private int[] resolveVariablesAsWildcards() {
        IntStream.Builder out = IntStream.builder();
        for (Part part : parts) {
            if (part instanceof Text t) {
                t.text().codePoints().forEach(out::add);
            } else if (part instanceof Wildcard w) {
                out.add(w.marker());
            } else {
                out.add(ANY_RUN);
            }
        }
        return out.build().toArray();
    }

    /**
     * Glob matching that backtracks only to the most recent {@code *}, which is enough for
     * patterns without character classes and keeps the cost linear in practice.
     */
    private static boolean globMatches(int[] pattern, int[] text, boolean ignoreCase) {
        int p = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < text.length) {
            if (p < pattern.length && pattern[p] != ANY_RUN
                    && (pattern[p] == ONE_CHAR || same(pattern[p], text[t], ignoreCase))) {
                p++;
                t++;
            } else if (p < pattern.length && pattern[p] == ANY_RUN) {
                star = p++;
                resume = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length && pattern[p] == ANY_RUN) {
            p++;
        }
        return p == pattern.length;
    }

    private static boolean same(int a, int b, boolean ignoreCase) {
        return a == b || ignoreCase
                && Character.toLowerCase(Character.toUpperCase(a)) == Character.toLowerCase(Character.toUpperCase(b));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PolicyPattern that && parts.equals(that.parts);
    }

    @Override
    public int hashCode() {
        return parts.hashCode();
    }

    @Override
    public String toString() {
        return source;
    }
}
