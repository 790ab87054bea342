package io.ghostbay.catalog.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationRunnerTest {

    @Test
    void everyScriptSplitsIntoStatementsWithoutPlaceholdersLeft() {
        for (String script : MigrationRunner.SCRIPTS) {
            for (MigrationRunner.Dialect dialect : MigrationRunner.Dialect.values()) {
                List<String> statements = MigrationRunner.statements(dialect.substitute(MigrationRunner.load(script)));
                assertFalse(statements.isEmpty(), script);
                for (String sql : statements) {
                    assertFalse(sql.contains("${"), () -> dialect + " left a placeholder in: " + sql);
                    assertFalse(sql.endsWith(";"), sql);
                    assertFalse(sql.contains("--"), () -> "comment left in: " + sql);
                }
            }
        }
    }

    @Test
    void keyColumnIsBinaryOnBothEngines() {
        String derby = MigrationRunner.Dialect.DERBY.substitute("k ${BINARY_KEY}");
        String postgres = MigrationRunner.Dialect.POSTGRES.substitute("k ${BINARY_KEY}");
        assertEquals("k VARCHAR(1024) FOR BIT DATA", derby);
        assertEquals("k BYTEA", postgres);
        assertTrue(MigrationRunner.latestVersion() >= 1);
    }
}
