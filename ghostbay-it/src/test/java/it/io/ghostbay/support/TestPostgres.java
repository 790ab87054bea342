package it.io.ghostbay.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Provides a PostgreSQL database for the PostgreSQL integration-test server.
 *
 * <p>Run by exec-maven-plugin ({@code exec:java}, test classpath) inside the Maven JVM:
 * {@code start <stateDir>} in pre-integration-test, {@code stop <stateDir>} in post-integration-test.
 *
 * <p>{@code start} picks a server: the one named by {@code GHOSTBAY_IT_PG_ADMIN_URL} (with
 * {@code GHOSTBAY_IT_PG_ADMIN_USER}/{@code _PASSWORD}, defaults postgres/empty), else a local server on
 * 127.0.0.1:5432 as postgres without password, else (or when {@code GHOSTBAY_IT_PG_EMBEDDED=true}) an embedded
 * PostgreSQL (zonky) on a free port with its data under {@code <stateDir>/embedded-data}. It creates a fresh
 * database {@code ghostbay_it_<epochSeconds>_<random4>} and writes {@code <stateDir>/postgres.properties}: the
 * Liberty bootstrap properties {@code ghostbay.db.url/user/password} plus the {@code it.pg.*} keys that
 * {@code stop} needs. The embedded server outlives {@code main} (the Maven JVM keeps running).
 *
 * <p>{@code stop} runs in a fresh class loader, so it works only from the state file: it drops the database
 * and, for the embedded server, stops it with {@code pg_ctl} and deletes its data directory. It never throws
 * for a cleanup problem; it prints a warning instead. It leaves the state file in place (Liberty's bootstrap
 * includes it) and is safe to repeat.
 *
 * <p>Never calls {@link System#exit}: this runs inside the Maven JVM.
 */
public final class TestPostgres {

    static final String STATE_FILE = "postgres.properties";
    static final String EMBEDDED_DATA_DIR = "embedded-data";
    static final String EMBEDDED_LOG = "embedded-postgres.log";

    static final String MODE_LOCAL = "local";
    static final String MODE_EMBEDDED = "embedded";

    static final String KEY_URL = "ghostbay.db.url";
    static final String KEY_USER = "ghostbay.db.user";
    static final String KEY_PASSWORD = "ghostbay.db.password";
    static final String KEY_MODE = "it.pg.mode";
    static final String KEY_ADMIN_URL = "it.pg.admin.url";
    static final String KEY_DATABASE = "it.pg.database";
    static final String KEY_BIN = "it.pg.bin";
    static final String KEY_DATA = "it.pg.data";

    static final String LOCAL_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    static final String DEFAULT_ADMIN_USER = "postgres";
    static final int CONNECT_TIMEOUT_SECONDS = 3;
    static final int LOGIN_TIMEOUT_SECONDS = 10;

    /** Only databases created by this class are ever dropped. */
    static final Pattern DATABASE_NAME = Pattern.compile("ghostbay_it_[0-9]+_[a-z0-9]{4}");
    static final String RANDOM_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";

    private static final String LOG_PREFIX = "[TestPostgres] ";

    private TestPostgres() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !("start".equals(args[0]) || "stop".equals(args[0]))) {
            throw new IllegalArgumentException("usage: TestPostgres start|stop <stateDir>");
        }
        Path stateDir = Paths.get(args[1]).toAbsolutePath().normalize();
        if ("start".equals(args[0])) {
            start(stateDir);
        } else {
            stop(stateDir);
        }
    }

    // ------------------------------------------------------------------------------------------------ start

    /** A server that start() will create the test database on. */
    private static final class Server {
        String mode;
        String description;
        String adminUrl;
        String user;
        String password;
        String appUrlPrefix;   // everything before the database name
        String appUrlSuffix;   // "" or "?params"
        int port;
        Path bin;
        Path data;
    }

    static void start(Path stateDir) throws Exception {
        long t0 = System.nanoTime();
        Path stateFile = stateDir.resolve(STATE_FILE);
        if (Files.exists(stateFile)) {
            log("found " + stateFile + " from an earlier run: cleaning that up first");
            stop(stateDir);
        }
        Files.createDirectories(stateDir);
        Files.deleteIfExists(stateFile);

        Server server = chooseServer(stateDir);
        String database = newDatabaseName();
        String version;
        try (Connection c = connect(server.adminUrl, server.user, server.password)) {
            version = queryString(c, "select version()");
            createDatabase(c, database);
        } catch (Exception e) {
            if (MODE_EMBEDDED.equals(server.mode)) {
                warn("could not create the database; stopping the embedded PostgreSQL");
                stopEmbedded(server.bin, server.data);
            }
            throw e;
        }

        String appUrl = server.appUrlPrefix + database + server.appUrlSuffix;
        List<String[]> state = new ArrayList<>();
        state.add(new String[] {KEY_URL, appUrl});
        state.add(new String[] {KEY_USER, server.user});
        state.add(new String[] {KEY_PASSWORD, server.password});
        state.add(new String[] {KEY_MODE, server.mode});
        state.add(new String[] {KEY_ADMIN_URL, server.adminUrl});
        state.add(new String[] {KEY_DATABASE, database});
        state.add(new String[] {KEY_BIN, server.bin == null ? "" : server.bin.toString()});
        state.add(new String[] {KEY_DATA, server.data == null ? "" : server.data.toString()});
        writeState(stateFile, state);

        // the URL Liberty will use works (after writeState, so that a failure here is still cleaned up)
        try (Connection c = connect(appUrl, server.user, server.password)) {
            queryString(c, "select current_database()");
        }

        log("using " + server.description + ": " + version + "; port " + server.port + ", database " + database
                + " (" + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms)");
    }

    private static Server chooseServer(Path stateDir) throws Exception {
        if (Boolean.parseBoolean(env("GHOSTBAY_IT_PG_EMBEDDED"))) {
            log("GHOSTBAY_IT_PG_EMBEDDED=true: starting an embedded PostgreSQL");
            return startEmbedded(stateDir);
        }

        String adminUrl = env("GHOSTBAY_IT_PG_ADMIN_URL");
        if (adminUrl != null && !adminUrl.isBlank()) {
            Server s = new Server();
            s.mode = MODE_LOCAL;
            s.description = "the PostgreSQL named by GHOSTBAY_IT_PG_ADMIN_URL";
            s.adminUrl = adminUrl.trim();
            s.user = envOr("GHOSTBAY_IT_PG_ADMIN_USER", DEFAULT_ADMIN_USER);
            s.password = envOr("GHOSTBAY_IT_PG_ADMIN_PASSWORD", "");
            String[] parts = splitUrl(s.adminUrl);
            s.appUrlPrefix = parts[0];
            s.appUrlSuffix = parts[1];
            // fails the build when the configured server is unusable: no silent fallback
            try (Connection c = connect(s.adminUrl, s.user, s.password)) {
                s.port = serverPort(c);
            }
            return s;
        }

        Server s = new Server();
        s.mode = MODE_LOCAL;
        s.description = "the local PostgreSQL on 127.0.0.1:5432";
        s.adminUrl = LOCAL_ADMIN_URL;
        s.user = DEFAULT_ADMIN_USER;
        s.password = "";
        s.appUrlPrefix = "jdbc:postgresql://127.0.0.1:5432/";
        s.appUrlSuffix = "";
        s.port = 5432;
        try (Connection c = connect(s.adminUrl, s.user, s.password)) {
            String canCreate = queryString(c,
                    "select (rolsuper or rolcreatedb)::text from pg_roles where rolname = current_user");
            if (!"true".equals(canCreate)) {
                throw new SQLException("user " + s.user + " may not create databases");
            }
            return s;
        } catch (SQLException e) {
            log("no usable local PostgreSQL on 127.0.0.1:5432 (" + oneLine(e) + "): starting an embedded one");
        }
        return startEmbedded(stateDir);
    }

    private static Server startEmbedded(Path stateDir) throws IOException {
        Path data = stateDir.resolve(EMBEDDED_DATA_DIR);
        if (Files.exists(data)) {
            deleteRecursively(data);
        }
        Path logFile = stateDir.resolve(EMBEDDED_LOG);
        long t0 = System.nanoTime();
        // Output goes to a file, not a pipe: a pipe needs a reader thread for the server's whole life, which
        // exec:java would try to stop after main returns.
        // No zonky shutdown hook: stop() stops the server, and our own hook covers a build aborted before it.
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(data.toFile())
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();

        Path bin = findEmbeddedBin(pg, data);
        if (bin == null) {
            throw new IllegalStateException("started an embedded PostgreSQL on port " + pg.getPort()
                    + " but could not find its bin/pg_ctl: stop it by hand (pg_ctl -D " + data + " stop)");
        }
        registerShutdownStop(bin, data);
        log("embedded PostgreSQL started in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)
                + " ms; binaries " + bin + ", data " + data + ", log " + logFile);

        Server s = new Server();
        s.mode = MODE_EMBEDDED;
        s.description = "an embedded PostgreSQL (zonky)";
        s.port = pg.getPort();
        s.adminUrl = "jdbc:postgresql://127.0.0.1:" + s.port + "/postgres";
        s.user = DEFAULT_ADMIN_USER;
        s.password = "";
        s.appUrlPrefix = "jdbc:postgresql://127.0.0.1:" + s.port + "/";
        s.appUrlSuffix = "";
        s.bin = bin;
        s.data = data;
        return s;
    }

    /**
     * The bin directory of zonky's unpacked binaries ({@code <java.io.tmpdir>/embedded-pg/PG-<digest>/bin}).
     * zonky does not expose it: read its private field, else the running postmaster's executable, else the
     * newest unpacked copy.
     */
    private static Path findEmbeddedBin(EmbeddedPostgres pg, Path data) {
        try {
            Field f = EmbeddedPostgres.class.getDeclaredField("pgDir");
            f.setAccessible(true);
            Path bin = ((java.io.File) f.get(pg)).toPath().resolve("bin");
            if (hasPgCtl(bin)) {
                return bin.toAbsolutePath();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            warn("could not read zonky's binary directory (" + oneLine(e) + "); looking elsewhere");
        }
        try {
            String pid = Files.readAllLines(data.resolve("postmaster.pid"), StandardCharsets.UTF_8).get(0).trim();
            Path bin = Files.readSymbolicLink(Paths.get("/proc", pid, "exe")).getParent();
            if (hasPgCtl(bin)) {
                return bin.toAbsolutePath();
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no postmaster.pid: try the directory scan
        }
        Path workDir = Paths.get(System.getProperty("ot.epg.working-dir",
                Paths.get(System.getProperty("java.io.tmpdir"), "embedded-pg").toString()));
        try (Stream<Path> dirs = Files.list(workDir)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("PG-"))
                    .map(d -> d.resolve("bin"))
                    .filter(TestPostgres::hasPgCtl)
                    .max(Comparator.comparingLong(TestPostgres::lastModified))
                    .map(Path::toAbsolutePath)
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean hasPgCtl(Path bin) {
        return bin != null && Files.isExecutable(bin.resolve("pg_ctl"));
    }

    private static long lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Stops the embedded server when the Maven JVM exits without having run {@code stop} (a build that failed
     * between pre- and post-integration-test). Uses only JDK classes and this (already loaded) class, as
     * exec:java closes the class loader after main. The thread belongs to the root thread group: exec:java
     * destroys the thread group main ran in, and a hook in a destroyed group cannot start.
     */
    private static void registerShutdownStop(Path bin, Path data) {
        final boolean unshare = useUnshare();
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread hook = new Thread(root, () -> {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                System.out.println(LOG_PREFIX + "JVM exit: stopping the embedded PostgreSQL at " + data);
                runPgCtlStop(bin, data, unshare);
            }
        }, "ghostbay-it-postgres-stop");
        hook.setContextClassLoader(null);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private static String newDatabaseName() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder sb = new StringBuilder("ghostbay_it_").append(System.currentTimeMillis() / 1000).append('_');
        for (int i = 0; i < 4; i++) {
            sb.append(RANDOM_CHARS.charAt(random.nextInt(RANDOM_CHARS.length())));
        }
        return sb.toString();
    }

    private static void createDatabase(Connection c, String database) throws SQLException {
        String name = quoteIdent(database);
        try (Statement s = c.createStatement()) {
            // UTF-8 whatever the cluster default; template0 since template1 may have another encoding
            s.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
        } catch (SQLException e) {
            // the cluster's locale does not fit UTF-8 (22023 invalid_parameter_value): use the C locale
            if (!"22023".equals(e.getSQLState())) {
                throw e;
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name
                        + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
            }
        }
    }

    /** Splits a PostgreSQL JDBC URL into the part before the database name and "?params" (or ""). */
    static String[] splitUrl(String url) {
        String prefix = "jdbc:postgresql:";
        if (!url.startsWith(prefix)) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + url);
        }
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q);
        String params = q < 0 ? "" : url.substring(q);
        String rest = base.substring(prefix.length());
        if (!rest.startsWith("//")) {
            // jdbc:postgresql:database or jdbc:postgresql:/ : localhost:5432
            return new String[] {"jdbc:postgresql://localhost:5432/", params};
        }
        int slash = rest.indexOf('/', 2);
        String hosts = slash < 0 ? rest : rest.substring(0, slash);
        return new String[] {prefix + hosts + "/", params};
    }

    private static int serverPort(Connection c) {
        try {
            return Integer.parseInt(queryString(c, "select coalesce(inet_server_port(), "
                    + "current_setting('port')::int)::text"));
        } catch (SQLException | RuntimeException e) {
            return -1;
        }
    }

    // ------------------------------------------------------------------------------------------------- stop

    /** Never throws: cleanup problems are warnings. */
    static void stop(Path stateDir) {
        long t0 = System.nanoTime();
        Path stateFile = stateDir.resolve(STATE_FILE);
        if (!Files.exists(stateFile)) {
            log("no " + stateFile + ": nothing to stop");
            return;
        }
        try {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(stateFile, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            String mode = p.getProperty(KEY_MODE, "");
            String adminUrl = p.getProperty(KEY_ADMIN_URL, "");
            String database = p.getProperty(KEY_DATABASE, "");
            String user = p.getProperty(KEY_USER, DEFAULT_ADMIN_USER);
            String password = p.getProperty(KEY_PASSWORD, "");
            String bin = p.getProperty(KEY_BIN, "");
            String data = p.getProperty(KEY_DATA, "");

            boolean embedded = MODE_EMBEDDED.equals(mode);
            Path dataDir = data.isEmpty() ? null : Paths.get(data);
            boolean embeddedRunning = embedded && dataDir != null && Files.exists(dataDir.resolve("postmaster.pid"));

            if (embedded && !embeddedRunning) {
                log("the embedded PostgreSQL is not running: nothing to drop");
            } else if (!database.isEmpty() && !adminUrl.isEmpty()) {
                dropDatabase(adminUrl, user, password, database);
            }
            if (embedded && dataDir != null) {
                if (embeddedRunning) {
                    if (bin.isEmpty() || !hasPgCtl(Paths.get(bin))) {
                        warn("no pg_ctl at '" + bin + "': cannot stop the embedded PostgreSQL at " + dataDir);
                    } else {
                        stopEmbedded(Paths.get(bin), dataDir);
                    }
                }
                if (!EMBEDDED_DATA_DIR.equals(String.valueOf(dataDir.getFileName()))) {
                    warn("not deleting " + dataDir + ": not an " + EMBEDDED_DATA_DIR + " directory");
                } else if (Files.exists(dataDir.resolve("postmaster.pid"))) {
                    warn("not deleting " + dataDir + ": the server still seems to run (postmaster.pid)");
                } else if (Files.exists(dataDir)) {
                    deleteRecursively(dataDir);
                    log("deleted " + dataDir);
                }
            }
            log("stop done in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
        } catch (Throwable e) {
            warn("cleanup failed: " + oneLine(e));
        }
    }

    private static void dropDatabase(String adminUrl, String user, String password, String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            warn("not dropping '" + database + "': not a name this class creates");
            return;
        }
        String name = quoteIdent(database);
        try (Connection c = connect(adminUrl, user, password)) {
            int major = c.getMetaData().getDatabaseMajorVersion();
            if (major >= 13) {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                }
            } else {
                dropDatabaseOld(c, database, name);
            }
            log("dropped database " + database);
        } catch (Throwable e) {
            warn("could not drop database " + database + ": " + oneLine(e));
        }
    }

    /** Before PostgreSQL 13: refuse new connections, end the open ones, drop; retried while sessions linger. */
    private static void dropDatabaseOld(Connection c, String database, String name) throws SQLException {
        try (PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
        }
        SQLException last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            try (PreparedStatement kill = c.prepareStatement("select pg_terminate_backend(pid) from pg_stat_activity "
                    + "where datname = ? and pid <> pg_backend_pid()")) {
                kill.setString(1, database);
                kill.executeQuery().close();
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name);
                return;
            } catch (SQLException e) {
                last = e;   // 55006 object_in_use: a session was still ending
                sleep(500);
            }
        }
        throw last;
    }

    /** pg_ctl stop; warns on failure. */
    private static void stopEmbedded(Path bin, Path data) {
        long t0 = System.nanoTime();
        if (runPgCtlStop(bin, data, useUnshare())) {
            log("stopped the embedded PostgreSQL in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
        }
    }

    /**
     * Runs {@code pg_ctl -D <data> -m fast -w stop}. As root, zonky runs its binaries under {@code unshare -U}
     * (PostgreSQL refuses to run as root, and the data directory looks owned by the namespace's user); pg_ctl
     * must run the same way. Only JDK classes here (called from the shutdown hook).
     */
    static boolean runPgCtlStop(Path bin, Path data, boolean unshare) {
        List<String> cmd = new ArrayList<>();
        if (unshare) {
            cmd.add("unshare");
            cmd.add("-U");
        }
        cmd.add(bin.resolve("pg_ctl").toString());
        cmd.add("-D");
        cmd.add(data.toString());
        cmd.add("-m");
        cmd.add("fast");
        cmd.add("-t");
        cmd.add("60");
        cmd.add("-w");
        cmd.add("stop");
        try {
            Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                System.out.println(LOG_PREFIX + "WARNING: " + String.join(" ", cmd) + " did not finish");
                return false;
            }
            if (process.exitValue() != 0) {
                System.out.println(LOG_PREFIX + "WARNING: " + String.join(" ", cmd) + " exited with "
                        + process.exitValue() + ": " + output.replace('\n', ' '));
                return false;
            }
            return true;
        } catch (IOException | InterruptedException e) {
            System.out.println(LOG_PREFIX + "WARNING: " + String.join(" ", cmd) + " failed: " + e);
            return false;
        }
    }

    /** The decision zonky made when it started the server. */
    private static boolean useUnshare() {
        try {
            return io.zonky.test.db.postgres.util.LinuxUtils.isUnshareAvailable();
        } catch (Throwable e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password == null ? "" : password);
        props.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        props.setProperty("loginTimeout", Integer.toString(LOGIN_TIMEOUT_SECONDS));
        props.setProperty("ApplicationName", "ghostbay-it-setup");
        // the driver directly, not DriverManager: exec:java's class loaders make DriverManager unreliable
        Connection c = new org.postgresql.Driver().connect(url, props);
        if (c == null) {
            throw new SQLException("the PostgreSQL driver does not accept " + url);
        }
        return c;
    }

    private static String queryString(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new SQLException("no row from: " + sql);
            }
            return rs.getString(1);
        }
    }

    static String quoteIdent(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** Writes key=value lines that java.util.Properties reads back unchanged (no escaping of ':' needed). */
    static void writeState(Path file, List<String[]> entries) throws IOException {
        StringWriter w = new StringWriter();
        w.write("# written by " + TestPostgres.class.getName() + "; read by Liberty (bootstrap.include) and by stop\n");
        for (String[] e : entries) {
            w.write(e[0]);
            w.write('=');
            w.write(escapeValue(e[1] == null ? "" : e[1]));
            w.write('\n');
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, w.toString().getBytes(StandardCharsets.US_ASCII));   // escapeValue leaves only ASCII
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String escapeValue(String v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            switch (ch) {
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case ' ':
                    sb.append(i == 0 ? "\\ " : " ");
                    break;
                default:
                    if (ch > 0x7e) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
            }
        }
        return sb.toString();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        if (Files.isDirectory(dir) && !Files.isSymbolicLink(dir)) {
            try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
                for (Path child : children) {
                    deleteRecursively(child);
                }
            }
        }
        Files.deleteIfExists(dir);
    }

    private static String env(String name) {
        return System.getenv(name);
    }

    private static String envOr(String name, String dflt) {
        String v = System.getenv(name);
        return v == null ? dflt : v;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String oneLine(Throwable e) {
        String msg = e.getMessage();
        return e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg.replace('\n', ' ').trim());
    }

    private static void log(String msg) {
        System.out.println(LOG_PREFIX + msg);
    }

    private static void warn(String msg) {
        System.out.println(LOG_PREFIX + "WARNING: " + msg);
    }
}
