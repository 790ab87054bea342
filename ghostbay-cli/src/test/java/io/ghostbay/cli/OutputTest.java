package io.ghostbay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputTest {

    @Test
    void tableAlignsColumnsUnderTheHeaderWithoutTrailingSpaces() {
        String table = Output.table(List.of("USER", "CANONICAL ID", "ADMIN", "CREATED"), List.of(
                List.of("ghostbay-root", "79a59df9", "yes", "2026-01-01T00:00:00Z"),
                List.of("al", "0f", "no", "-")));
        assertEquals(""
                + "USER           CANONICAL ID  ADMIN  CREATED\n"
                + "ghostbay-root  79a59df9      yes    2026-01-01T00:00:00Z\n"
                + "al             0f            no     -\n", table);
    }

    @Test
    void tableWithoutRowsIsTheHeader() {
        assertEquals("BUCKET  OWNER\n", Output.table(List.of("BUCKET", "OWNER"), List.of()));
    }

    @Test
    void tableRefusesRaggedRows() {
        assertThrows(IllegalArgumentException.class,
                () -> Output.table(List.of("A", "B"), List.of(List.of("only one"))));
    }

    @Test
    void fieldsAlignValues() {
        assertEquals(""
                + "  Access key ID:      GBKEY\n"
                + "  Secret access key:  s3cr3t\n", Output.fields(List.of(
                new Output.Field("Access key ID", "GBKEY"),
                new Output.Field("Secret access key", "s3cr3t"))));
    }

    @Test
    void errorsNeverShowTheCallersSecret() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Output output = new Output(new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false,
                "wJalrXUtnFEMI");
        output.error("signature of wJalrXUtnFEMI does not match");
        output.usageError("unexpected argument 'wJalrXUtnFEMI'", "ghostbay");
        String text = err.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains("wJalrXUtnFEMI"), text);
        assertTrue(text.contains("error: signature of **** does not match"), text);
    }
}
