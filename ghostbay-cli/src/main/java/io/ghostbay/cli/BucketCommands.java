package io.ghostbay.cli;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.util.List;

/** {@code ghostbay bucket create|list|delete}: every bucket, whoever owns it (admin API). */
final class BucketCommands {
    private static final OptionSpec OWNER = OptionSpec.withValue("owner", "USER",
            "user who will own the bucket (default: the caller)");
    private static final List<String> HEADER = List.of("BUCKET", "OWNER", "REGION", "CREATED");

    private BucketCommands() {
    }

    static List<CommandSpec> commands() {
        return List.of(
                CommandSpec.remote("bucket create", "<name>", 1, 1,
                        "create a bucket, owned by the caller or by --owner",
                        List.of(OWNER), BucketCommands::create),
                CommandSpec.remote("bucket list", "", 0, 0,
                        "list all buckets of all users", List.of(), BucketCommands::list),
                CommandSpec.remote("bucket delete", "<name>", 1, 1,
                        "delete an empty bucket", List.of(), BucketCommands::delete));
    }

    private static void create(Invocation inv) throws AdminApiException, IOException {
        JsonObject bucket = inv.adminClient().createBucket(inv.argument(0),
                inv.option("owner").orElse(null));
        inv.output().result(bucket, () -> Output.table(HEADER, List.of(row(bucket))));
    }

    private static void list(Invocation inv) throws AdminApiException, IOException {
        JsonObject answer = inv.adminClient().listBuckets();
        inv.output().result(answer, () -> Output.table(HEADER,
                JsonDocuments.objects(answer, "buckets").stream().map(BucketCommands::row).toList()));
    }

    private static void delete(Invocation inv) throws AdminApiException, IOException {
        inv.adminClient().deleteBucket(inv.argument(0));
        inv.output().done("Deleted bucket " + inv.argument(0) + ".");
    }

    private static List<String> row(JsonObject bucket) {
        return List.of(JsonDocuments.text(bucket, "name"), JsonDocuments.text(bucket, "owner"),
                JsonDocuments.text(bucket, "region"), JsonDocuments.text(bucket, "createdAt"));
    }
}
