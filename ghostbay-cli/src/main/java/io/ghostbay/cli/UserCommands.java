package io.ghostbay.cli;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.util.List;

/** {@code ghostbay admin user create|list|delete}: the principals that own buckets and keys. */
final class UserCommands {
    private static final OptionSpec ADMIN = OptionSpec.flag("admin",
            "the user may call the admin API (manage users, keys and all buckets)");
    private static final List<String> HEADER = List.of("USER", "CANONICAL ID", "ADMIN", "CREATED");

    private UserCommands() {
    }

    static List<CommandSpec> commands() {
        return List.of(
                CommandSpec.remote("admin user create", "<userName>", 1, 1,
                        "create a user (1-64 characters of A-Z a-z 0-9 + = , . @ _ -)",
                        List.of(ADMIN), UserCommands::create),
                CommandSpec.remote("admin user list", "", 0, 0,
                        "list all users", List.of(), UserCommands::list),
                CommandSpec.remote("admin user delete", "<userName>", 1, 1,
                        "delete a user and its access keys (its buckets must be deleted first)",
                        List.of(), UserCommands::delete));
    }

    private static void create(Invocation inv) throws AdminApiException, IOException {
        JsonObject user = inv.adminClient().createUser(inv.argument(0), inv.flag("admin"));
        inv.output().result(user, () -> Output.table(HEADER, List.of(row(user))));
    }

    private static void list(Invocation inv) throws AdminApiException, IOException {
        JsonObject answer = inv.adminClient().listUsers();
        inv.output().result(answer, () -> Output.table(HEADER,
                JsonDocuments.objects(answer, "users").stream().map(UserCommands::row).toList()));
    }

    private static void delete(Invocation inv) throws AdminApiException, IOException {
        inv.adminClient().deleteUser(inv.argument(0));
        inv.output().done("Deleted user " + inv.argument(0) + " and its access keys.");
    }

    private static List<String> row(JsonObject user) {
        return List.of(JsonDocuments.text(user, "userName"), JsonDocuments.text(user, "canonicalId"),
                user.getBoolean("admin", false) ? "yes" : "no", JsonDocuments.text(user, "createdAt"));
    }
}
