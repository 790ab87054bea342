package io.ghostbay.cli;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ghostbay admin key create|list|delete|rotate|disable|enable|limits}: access keys. A secret is
 * printed only by {@code create} and {@code rotate}, the only answers that carry one.
 */
final class KeyCommands {
    private static final OptionSpec EXPIRES = OptionSpec.withValue("expires", "WHEN",
            "expiry: an instant (2026-12-31T00:00:00Z) or a time from now (P30D, PT12H, P1Y)");
    private static final OptionSpec OVERLAP = OptionSpec.withValue("overlap", "TIME",
            "how long the old key keeps working: seconds or an ISO duration (PT24H);"
                    + " default: the server's (24 hours unless configured)");
    private static final OptionSpec RATE = OptionSpec.withValue("rate", "N",
            "requests per second (0: unlimited for this key; 'default': the server's default)");
    private static final OptionSpec BURST = OptionSpec.withValue("burst", "N",
            "requests allowed at once after the key was idle (at least 1; 'default')");
    private static final OptionSpec CONCURRENCY = OptionSpec.withValue("concurrency", "N",
            "requests in flight at the same time (0: unlimited for this key; 'default')");
    private static final OptionSpec CLEAR = OptionSpec.flag("clear",
            "remove every override not given in this command: the server's defaults apply");
    private static final String DEFAULT = "default";
    private static final List<String> HEADER =
            List.of("ACCESS KEY ID", "USER", "STATUS", "CREATED", "EXPIRES", "LAST USED");
    private static final List<String> LIMITS_HEADER =
            List.of("ACCESS KEY ID", "USER", "RATE (REQ/S)", "BURST", "CONCURRENCY");
    private static final String SECRET_NOTICE =
            "The secret access key is shown only now: store it safely.";

    private KeyCommands() {
    }

    static List<CommandSpec> commands() {
        return List.of(
                CommandSpec.remote("admin key create", "<userName>", 1, 1,
                        "create an access key for a user and print its secret (only this once)",
                        List.of(EXPIRES), KeyCommands::create),
                CommandSpec.remote("admin key list", "[<userName>]", 0, 1,
                        "list the access keys of one user, or of all users", List.of(),
                        KeyCommands::list),
                CommandSpec.remote("admin key delete", "<accessKeyId>", 1, 1,
                        "delete an access key; it stops working at once", List.of(),
                        KeyCommands::delete),
                CommandSpec.remote("admin key rotate", "<accessKeyId>", 1, 1,
                        "create a new key for the same user; the old one expires after the overlap",
                        List.of(OVERLAP), KeyCommands::rotate),
                CommandSpec.remote("admin key disable", "<accessKeyId>", 1, 1,
                        "make a key stop working at once (it can be enabled again)", List.of(),
                        KeyCommands::disable),
                CommandSpec.remote("admin key enable", "<accessKeyId>", 1, 1,
                        "make a disabled key work again", List.of(), KeyCommands::enable),
                CommandSpec.remote("admin key limits", "<accessKeyId>", 1, 1,
                        "show or set the key's request limits (without options: show them)",
                        List.of(RATE, BURST, CONCURRENCY, CLEAR), KeyCommands::limits));
    }

    private static void create(Invocation inv)
            throws UsageException, AdminApiException, IOException {
        Instant expiresAt = null;
        if (inv.option("expires").isPresent()) {
            expiresAt = parseExpiry(inv.option("expires").get(), inv.clock().instant());
            if (!expiresAt.isAfter(inv.clock().instant())) {
                throw inv.usageError("--expires must be in the future, not " + expiresAt);
            }
        }
        JsonObject key = inv.adminClient().createAccessKey(inv.argument(0), expiresAt);
        inv.output().result(key, () -> "Created an access key for user "
                + JsonDocuments.text(key, "userName") + ". " + SECRET_NOTICE + "\n"
                + Output.fields(secretFields(key)));
    }

    private static void list(Invocation inv) throws AdminApiException, IOException {
        JsonObject answer = inv.adminClient().listAccessKeys(inv.optionalArgument(0).orElse(null));
        inv.output().result(answer, () -> Output.table(HEADER,
                JsonDocuments.objects(answer, "accessKeys").stream().map(KeyCommands::row).toList()));
    }

    private static void delete(Invocation inv) throws AdminApiException, IOException {
        inv.adminClient().deleteAccessKey(inv.argument(0));
        inv.output().done("Deleted access key " + inv.argument(0) + ".");
    }

    private static void rotate(Invocation inv)
            throws UsageException, AdminApiException, IOException {
        Long overlapSeconds = null;
        if (inv.option("overlap").isPresent()) {
            overlapSeconds = parseOverlapSeconds(inv.option("overlap").get());
        }
        JsonObject answer = inv.adminClient().rotateAccessKey(inv.argument(0), overlapSeconds);
        inv.output().result(answer, () -> {
            JsonObject newKey = answer.getJsonObject("newKey");
            JsonObject oldKey = answer.getJsonObject("oldKey");
            StringBuilder text = new StringBuilder("Rotated access key ")
                    .append(JsonDocuments.text(oldKey, "accessKeyId")).append(" of user ")
                    .append(JsonDocuments.text(newKey, "userName")).append(". ")
                    .append(SECRET_NOTICE).append('\n')
                    .append(Output.fields(secretFields(newKey)));
            text.append("The old key ").append(JsonDocuments.text(oldKey, "accessKeyId"));
            if (oldKey.containsKey("expiresAt")) {
                text.append(" keeps working until ").append(JsonDocuments.text(oldKey, "expiresAt"));
            } else {
                text.append(" has no expiry set");
            }
            return text.append(".\n").toString();
        });
    }

    private static void disable(Invocation inv) throws AdminApiException, IOException {
        JsonObject key = inv.adminClient().disableAccessKey(inv.argument(0));
        inv.output().result(key, () -> Output.table(HEADER, List.of(row(key))));
    }

    private static void enable(Invocation inv) throws AdminApiException, IOException {
        JsonObject key = inv.adminClient().enableAccessKey(inv.argument(0));
        inv.output().result(key, () -> Output.table(HEADER, List.of(row(key))));
    }

    private static void limits(Invocation inv)
            throws UsageException, AdminApiException, IOException {
        JsonObject change = limitsChange(inv);
        JsonObject key = change.isEmpty() ? inv.adminClient().getAccessKey(inv.argument(0))
                : inv.adminClient().setAccessKeyLimits(inv.argument(0), change);
        inv.output().result(key, () -> Output.table(LIMITS_HEADER, List.of(limitsRow(key))));
    }

    /**
     * The body of {@code PUT /keys/{id}/limits} from the options: a number sets a limit,
     * {@code default} (or {@code --clear} for the limits not given) sends null, which removes the
     * override; limits not mentioned are left out, so the server keeps them. Empty: nothing to change.
     */
    static JsonObject limitsChange(Invocation inv) throws UsageException {
        boolean clear = inv.flag("clear");
        List<Object> fields = new ArrayList<>();
        addLimit(inv, fields, "rate", "requestsPerSecond", 0, clear);
        addLimit(inv, fields, "burst", "burst", 1, clear);
        addLimit(inv, fields, "concurrency", "maxConcurrent", 0, clear);
        return JsonDocuments.object(fields.toArray());
    }

    private static void addLimit(Invocation inv, List<Object> fields, String option, String field,
                                 int min, boolean clear) throws UsageException {
        if (inv.option(option).isEmpty()) {
            if (clear) {
                fields.add(field);
                fields.add(JsonValue.NULL);
            }
            return;
        }
        String text = inv.option(option).get();
        fields.add(field);
        if (text.equals(DEFAULT)) {
            fields.add(JsonValue.NULL);
            return;
        }
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw inv.usageError("--" + option + " wants a whole number or '" + DEFAULT + "', not '"
                    + text + "'");
        }
        if (value < min || value > MAX_LIMIT) {
            throw inv.usageError("--" + option + " must be " + min + " to " + MAX_LIMIT + " or '"
                    + DEFAULT + "', not " + value);
        }
        fields.add(value);
    }

    /** The server's upper bound for every limit (KeyLimits.MAX_VALUE). */
    static final int MAX_LIMIT = 1_000_000;

    private static List<String> limitsRow(JsonObject key) {
        JsonObject limits = key.get("limits") instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        return List.of(JsonDocuments.text(key, "accessKeyId"), JsonDocuments.text(key, "userName"),
                limitText(limits, "requestsPerSecond"), limitText(limits, "burst"),
                limitText(limits, "maxConcurrent"));
    }

    /** A limit for the table: its value, "unlimited" for 0 (not burst), "default" without override. */
    private static String limitText(JsonObject limits, String field) {
        if (!limits.containsKey(field) || limits.isNull(field)) {
            return DEFAULT;
        }
        String value = JsonDocuments.text(limits, field);
        return value.equals("0") && !field.equals("burst") ? "unlimited" : value;
    }

    private static List<Output.Field> secretFields(JsonObject key) {
        List<Output.Field> fields = new ArrayList<>();
        fields.add(new Output.Field("Access key ID", JsonDocuments.text(key, "accessKeyId")));
        fields.add(new Output.Field("Secret access key", JsonDocuments.text(key, "secretAccessKey")));
        if (key.containsKey("expiresAt")) {
            fields.add(new Output.Field("Expires", JsonDocuments.text(key, "expiresAt")));
        }
        return fields;
    }

    private static List<String> row(JsonObject key) {
        return List.of(JsonDocuments.text(key, "accessKeyId"), JsonDocuments.text(key, "userName"),
                JsonDocuments.text(key, "status"), JsonDocuments.text(key, "createdAt"),
                JsonDocuments.text(key, "expiresAt"), JsonDocuments.text(key, "lastUsedAt"));
    }

    /**
     * An expiry given as an ISO-8601 instant, a {@link Duration} ({@code PT12H}, {@code P30D}) or a
     * {@link Period} ({@code P1M}, {@code P1Y}) counted from {@code now} in UTC. Periods are
     * accepted because "a month" or "a year" is how people think of key lifetimes, and
     * {@code Duration} cannot express them.
     */
    static Instant parseExpiry(String text, Instant now) throws UsageException {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return now.plus(Duration.parse(text));
            } catch (DateTimeParseException notADuration) {
                try {
                    return now.atOffset(ZoneOffset.UTC).plus(Period.parse(text)).toInstant();
                } catch (DateTimeParseException notAPeriod) {
                    throw new UsageException("--expires wants an instant such as"
                            + " 2026-12-31T00:00:00Z or a duration such as P30D, not '" + text + "'",
                            List.of("admin", "key", "create"));
                }
            }
        }
    }

    /** An overlap given as whole seconds ({@code 3600}) or an ISO duration ({@code PT1H}). */
    static long parseOverlapSeconds(String text) throws UsageException {
        long seconds;
        try {
            seconds = text.chars().allMatch(Character::isDigit) && !text.isEmpty()
                    ? Long.parseLong(text) : Duration.parse(text).getSeconds();
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new UsageException("--overlap wants seconds (86400) or an ISO duration (PT24H),"
                    + " not '" + text + "'", List.of("admin", "key", "rotate"));
        }
        if (seconds < 0) {
            throw new UsageException("--overlap cannot be negative: '" + text + "'",
                    List.of("admin", "key", "rotate"));
        }
        return seconds;
    }
}
