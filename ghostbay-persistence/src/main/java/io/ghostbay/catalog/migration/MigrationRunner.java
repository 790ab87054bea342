package io.ghostbay.catalog.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Applies the versioned SQL scripts under {@code db/migration/} in order, each in its own
 * transaction, and records them in {@code gb_schema_version}. Small on purpose: one dialect
 * table and placeholder substitution cover Derby and PostgreSQL.
 */
public final class MigrationRunner {
    private static final Logger LOG = Logger.getLogger(MigrationRunner.class.getName());

    /** Every migration, in order. A new schema change is a new entry, never an edit of an old one. */
    static final List<String> SCRIPTS = List.of("V1__catalog.sql", "V2__job_lease.sql", "V3__scrub.sql", "V4__users.sql",
            "V5__acl.sql", "V6__key_limits.sql", "V7__packs.sql");

    public enum Dialect {
        DERBY(Map.of("BINARY_KEY", "VARCHAR(1024) FOR BIT DATA", "TEXT", "VARCHAR(32672)")),
        POSTGRES(Map.of("BINARY_KEY", "BYTEA", "TEXT", "TEXT"));

        private final Map<String, String> placeholders;

        Dialect(Map<String, String> placeholders) {
            this.placeholders = placeholders;
        }

        public static Dialect of(DatabaseMetaData metaData) throws SQLException {
            String product = metaData.getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
            if (product.contains("derby")) {
                return DERBY;
            }
            if (product.contains("postgres")) {
                return POSTGRES;
            }
            throw new SQLException("Unsupported catalog database: " + metaData.getDatabaseProductName());
        }

        String substitute(String sql) {
            String out = sql;
            for (Map.Entry<String, String> e : placeholders.entrySet()) {
                out = out.replace("${" + e.getKey() + "}", e.getValue());
            }
            return out;
        }
    }

    private MigrationRunner() {
    }

    /** Returns the number of scripts applied by this call (0 when the schema was current). */
    public static int migrate(Connection connection) throws SQLException {
        Dialect dialect = Dialect.of(connection.getMetaData());
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            ensureVersionTable(connection);
            int current = currentVersion(connection);
            int applied = 0;
            for (int i = current; i < SCRIPTS.size(); i++) {
                String script = SCRIPTS.get(i);
                try (Statement st = connection.createStatement()) {
                    for (String sql : statements(dialect.substitute(load(script)))) {
                        st.execute(sql);
                    }
                }
                try (PreparedStatement ps = connection.prepareStatement(
                        "INSERT INTO gb_schema_version (version, script, applied_ms) VALUES (?, ?, ?)")) {
                    ps.setInt(1, i + 1);
                    ps.setString(2, script);
                    ps.setLong(3, System.currentTimeMillis());
                    ps.executeUpdate();
                }
                connection.commit();
                applied++;
                LOG.info(() -> "GhostBay catalog: applied migration " + script + " (" + dialect + ")");
            }
            return applied;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** The migration scripts, in order, as resources under {@code db/migration/}. */
    public static List<String> scripts() {
        return SCRIPTS;
    }

    public static int latestVersion() {
        return SCRIPTS.size();
    }

    public static int currentVersion(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT MAX(version) FROM gb_schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static void ensureVersionTable(Connection connection) throws SQLException {
        DatabaseMetaData md = connection.getMetaData();
        for (String name : new String[] {"gb_schema_version", "GB_SCHEMA_VERSION"}) {
            try (ResultSet rs = md.getTables(null, null, name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE gb_schema_version (version INTEGER NOT NULL PRIMARY KEY,"
                    + " script VARCHAR(200) NOT NULL, applied_ms BIGINT NOT NULL)");
        }
        connection.commit();
    }

    static String load(String script) {
        try (InputStream in = MigrationRunner.class.getClassLoader().getResourceAsStream("db/migration/" + script)) {
            if (in == null) {
                throw new IllegalStateException("Missing migration script db/migration/" + script);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read migration " + script, e);
        }
    }

    /** Splits a script on ';' at line ends, dropping {@code --} comment lines. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
