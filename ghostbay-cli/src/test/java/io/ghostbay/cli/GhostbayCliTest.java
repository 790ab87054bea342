package io.ghostbay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Dispatch, help, usage errors and global options; nothing here reaches a server. */
class GhostbayCliTest {
    private static final Map<String, String> CREDENTIALS =
            Map.of("AWS_ACCESS_KEY_ID", "AKTEST", "AWS_SECRET_ACCESS_KEY", "s3cr3tTestKey");

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "admin --help", "admin user --help", "admin key -h",
        "admin key create --help", "admin key create alice --help", "--help bucket delete",
        "presign --help", "policy explain --help", "admin audit verify --help", "admin audit -h"})
    void helpAtEveryLevelGoesToStdoutWithStatusZero(String args) {
        CliRun run = CliRun.run(args.split(" "));
        assertEquals(0, run.exitStatus(), run::toString);
        assertTrue(run.stdout().startsWith("Usage: ghostbay") || run.stdout().startsWith("ghostbay:"),
                run::toString);
        assertEquals("", run.stderr());
    }

    @Test
    void topLevelHelpListsEveryCommandAndTheGlobalOptions() {
        String help = CliRun.run("--help").stdout();
        for (String command : new String[] {"admin user create <userName> [--admin]",
            "admin user list", "admin user delete <userName>",
            "admin key create <userName> [--expires WHEN]", "admin key list [<userName>]",
            "admin key delete <accessKeyId>", "admin key rotate <accessKeyId> [--overlap TIME]",
            "admin key disable <accessKeyId>", "admin key enable <accessKeyId>",
            "admin key limits <accessKeyId> [--rate N] [--burst N] [--concurrency N] [--clear]",
            "bucket create <name> [--owner USER]", "bucket list", "bucket delete <name>",
            "presign <bucket> <key> [--method GET|PUT] [--expires SECONDS]",
            "policy explain --bucket BUCKET --principal USER --action ACTION",
            "admin audit verify <file-or-dir>..."}) {
            assertTrue(help.contains("  " + command), command + " missing from\n" + help);
        }
        for (String option : new String[] {"--endpoint URL", "--access-key KEY",
            "--secret-key SECRET", "--region REGION", "--json", "--version"}) {
            assertTrue(help.contains(option), option);
        }
    }

    @Test
    void commandHelpShowsOnlyThatCommand() {
        String help = CliRun.run("admin", "key", "rotate", "--help").stdout();
        assertTrue(help.startsWith("Usage: ghostbay admin key rotate <accessKeyId> [--overlap TIME]\n"),
                help);
        assertFalse(help.contains("admin key create"), help);
    }

    @Test
    void versionIsPrinted() {
        CliRun run = CliRun.run("--version");
        assertEquals(0, run.exitStatus());
        assertTrue(run.stdout().matches("ghostbay \\S+\n"), run.stdout());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "''                                   | missing command",
        "frobnicate                           | unknown command 'frobnicate'",
        "admin frob list                      | unknown command 'frob' after 'ghostbay admin'",
        "admin                                | missing command after 'ghostbay admin'",
        "admin user                           | missing command after 'ghostbay admin user'",
        "admin user list --bogus              | unknown option --bogus",
        "bucket list --admin                  | option --admin does not apply to 'ghostbay bucket list'",
        "admin user create                    | missing argument for 'ghostbay admin user create'",
        "admin user delete a b                | unexpected argument 'b'",
        "policy explain --bucket b --action s3:GetObject | missing option --principal USER",
        "presign b k --method DELETE          | --method must be GET or PUT",
        "presign b k --expires 604801         | --expires must be 1 to 604800 seconds",
        "presign b k --expires soon           | --expires wants a number of seconds",
        "admin key create alice --expires someday | --expires wants an instant",
        "admin key create alice --expires 2020-01-01T00:00:00Z | --expires must be in the future",
        "admin key rotate GBKEY --overlap -5  | --overlap wants seconds",
        "admin key limits GBKEY --rate fast   | --rate wants a whole number or 'default', not 'fast'",
        "admin key limits GBKEY --rate -1     | --rate must be 0 to 1000000 or 'default', not -1",
        "admin key limits GBKEY --burst 0     | --burst must be 1 to 1000000",
        "admin key limits GBKEY --concurrency 1000001 | --concurrency must be 0 to 1000000",
        "admin key limits --rate 5            | missing argument for 'ghostbay admin key limits'",
        "admin key limits GBKEY --clear=yes   | --clear",
        "admin user list --endpoint ftp://h   | --endpoint must be an http:// or https:// URL",
        "frobnicate --help                    | unknown command 'frobnicate'",
    })
    void usageErrorsExitTwoWithAMessageAndAHintOnStderr(String args, String message) {
        CliRun run = CliRun.run(CREDENTIALS, args.isEmpty() ? new String[0] : args.split(" "));
        assertEquals(2, run.exitStatus(), run::toString);
        assertEquals("", run.stdout(), run::toString);
        assertTrue(run.stderr().startsWith("ghostbay: "), run::toString);
        assertTrue(run.stderr().contains(message), run::toString);
        assertTrue(run.stderr().contains("Run 'ghostbay") && run.stderr().contains("--help' for usage."),
                run::toString);
    }

    @Test
    void missingCredentialsIsAUsageErrorNamingBothWaysToGiveThem() {
        CliRun run = CliRun.run(Map.of("AWS_ACCESS_KEY_ID", "AKONLY"), "admin", "user", "list");
        assertEquals(2, run.exitStatus(), run::toString);
        assertTrue(run.stderr().contains("missing credentials: no secret key"), run::toString);
        assertTrue(run.stderr().contains("--secret-key") && run.stderr().contains("AWS_SECRET_ACCESS_KEY"),
                run::toString);
    }

    @Test
    void theSecretIsNotEchoedInUsageErrors() {
        CliRun run = CliRun.run(CREDENTIALS, "admin", "user", "list", "s3cr3tTestKey");
        assertEquals(2, run.exitStatus(), run::toString);
        assertFalse(run.stderr().contains("s3cr3tTestKey"), run::toString);
        CliRun fromOption = CliRun.run("--access-key", "AK", "--secret-key", "optS3cret", "bucket",
                "delete", "b", "optS3cret");
        assertEquals(2, fromOption.exitStatus(), fromOption::toString);
        assertFalse(fromOption.stderr().contains("optS3cret"), fromOption::toString);
    }

    @Test
    void globalOptionsWorkAnywhereAndOverrideTheEnvironment() {
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "AKENV", "AWS_SECRET_ACCESS_KEY", "sk",
                "GHOSTBAY_ENDPOINT", "http://env-host:9000", "AWS_REGION", "eu-west-1");
        CliRun fromEnv = CliRun.run(env, "presign", "b", "k");
        assertEquals(0, fromEnv.exitStatus(), fromEnv::toString);
        assertTrue(fromEnv.stdout().startsWith("http://env-host:9000/b/k?"), fromEnv::toString);
        assertTrue(fromEnv.stdout().contains("AKENV%2F20260301%2Feu-west-1%2Fs3"), fromEnv::toString);

        CliRun fromOptions = CliRun.run(env, "--region", "ap-south-2", "presign", "--json", "b",
                "--endpoint", "https://opt-host", "k", "--access-key", "AKOPT");
        assertEquals(0, fromOptions.exitStatus(), fromOptions::toString);
        assertTrue(fromOptions.stdout().startsWith("{\"method\":\"GET\",\"url\":\"https://opt-host/b/k?"),
                fromOptions::toString);
        assertTrue(fromOptions.stdout().contains("AKOPT%2F20260301%2Fap-south-2%2Fs3"),
                fromOptions::toString);
    }

    @Test
    void awsRegionWinsOverAwsDefaultRegion() {
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "AK", "AWS_SECRET_ACCESS_KEY", "sk",
                "AWS_REGION", "eu-north-1", "AWS_DEFAULT_REGION", "us-west-2");
        assertTrue(CliRun.run(env, "presign", "b", "k").stdout().contains("%2Feu-north-1%2F"));
        Map<String, String> defaultOnly = Map.of("AWS_ACCESS_KEY_ID", "AK",
                "AWS_SECRET_ACCESS_KEY", "sk", "AWS_DEFAULT_REGION", "us-west-2");
        assertTrue(CliRun.run(defaultOnly, "presign", "b", "k").stdout().contains("%2Fus-west-2%2F"));
        Map<String, String> none = Map.of("AWS_ACCESS_KEY_ID", "AK", "AWS_SECRET_ACCESS_KEY", "sk");
        String url = CliRun.run(none, "presign", "b", "k").stdout();
        assertTrue(url.startsWith("http://localhost:9000/b/k?") && url.contains("%2Fus-east-1%2F"), url);
    }
}
