package io.ghostbay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandLineTest {
    private static final Map<String, OptionSpec> OPTIONS = Map.of(
            "endpoint", OptionSpec.withValue("endpoint", "URL", ""),
            "json", OptionSpec.flag("json", ""),
            "help", OptionSpec.flag("help", ""),
            "secret-key", OptionSpec.withValue("secret-key", "SECRET", ""),
            "expires", OptionSpec.withValue("expires", "WHEN", ""));

    private static CommandLine parse(String... args) throws UsageException {
        return CommandLine.parse(List.of(args), OPTIONS);
    }

    @Test
    void optionsMayComeBeforeBetweenAndAfterTheWords() throws UsageException {
        CommandLine line = parse("--json", "admin", "--endpoint", "http://h:1", "key", "create",
                "alice", "--expires=P30D");
        assertEquals(List.of("admin", "key", "create", "alice"), line.words());
        assertTrue(line.flag("json"));
        assertEquals(Optional.of("http://h:1"), line.option("endpoint"));
        assertEquals(Optional.of("P30D"), line.option("expires"));
        assertFalse(line.flag("help"));
    }

    @Test
    void shortHelpIsHelp() throws UsageException {
        assertTrue(parse("admin", "-h").flag("help"));
    }

    @Test
    void doubleDashEndsOptions() throws UsageException {
        CommandLine line = parse("presign", "b", "--", "--json", "-h");
        assertEquals(List.of("presign", "b", "--json", "-h"), line.words());
        assertFalse(line.flag("json"));
    }

    @Test
    void valueMayStartWithADash() throws UsageException {
        assertEquals(Optional.of("-5"), parse("--expires", "-5").option("expires"));
    }

    @Test
    void unknownOptionIsAUsageErrorThatNamesOnlyTheOption() {
        UsageException e = assertThrows(UsageException.class,
                () -> parse("admin", "user", "list", "--secret=wJalrXUtnFEMI"));
        assertEquals("unknown option --secret", e.getMessage());
        assertEquals(List.of("admin", "user", "list"), e.helpPath());
    }

    @Test
    void unknownShortOptionIsAUsageError() {
        assertThrows(UsageException.class, () -> parse("-x"));
    }

    @Test
    void optionWithoutItsValueIsAUsageError() {
        UsageException e = assertThrows(UsageException.class, () -> parse("bucket", "--endpoint"));
        assertEquals("option --endpoint needs a value (URL)", e.getMessage());
    }

    @Test
    void flagWithAValueIsAUsageError() {
        assertThrows(UsageException.class, () -> parse("--json=false"));
    }
}
