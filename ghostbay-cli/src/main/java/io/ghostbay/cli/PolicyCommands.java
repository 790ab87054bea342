package io.ghostbay.cli;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.util.List;

/**
 * {@code ghostbay policy explain}: asks the server how its bucket-policy evaluator decides one
 * request, and which statements matched, without making that request.
 */
final class PolicyCommands {
    private static final List<OptionSpec> EXPLAIN_OPTIONS = List.of(
            OptionSpec.requiredValue("bucket", "BUCKET", "bucket whose policy is evaluated"),
            OptionSpec.requiredValue("principal", "USER",
                    "user making the request, or '*' for an anonymous request"),
            OptionSpec.requiredValue("action", "ACTION", "S3 action, e.g. s3:GetObject"),
            OptionSpec.withValue("key", "KEY", "object key, for object actions"),
            OptionSpec.withValue("source-ip", "IP", "client address (aws:SourceIp)"),
            OptionSpec.flag("secure", "the request came over TLS (aws:SecureTransport true;"
                    + " without it, false)"));
    private static final List<String> STATEMENT_HEADER = List.of("SID", "INDEX", "EFFECT", "MATCHED");

    private PolicyCommands() {
    }

    static List<CommandSpec> commands() {
        return List.of(CommandSpec.remote("policy explain", "", 0, 0,
                "show how the bucket policy decides a request (Allow, ExplicitDeny, ImplicitDeny)",
                EXPLAIN_OPTIONS, PolicyCommands::explain));
    }

    private static void explain(Invocation inv) throws AdminApiException, IOException {
        // secureTransport is always sent: an absent aws:SecureTransport would not match a
        // "Bool": {"aws:SecureTransport": "false"} deny, unlike the plain-http request it models.
        JsonObject request = JsonDocuments.object(
                "bucket", inv.option("bucket").orElseThrow(),
                "principal", inv.option("principal").orElseThrow(),
                "action", inv.option("action").orElseThrow(),
                "key", inv.option("key").orElse(null),
                "sourceIp", inv.option("source-ip").orElse(null),
                "secureTransport", inv.flag("secure"));
        JsonObject answer = inv.adminClient().explainPolicy(request);
        inv.output().result(answer, () -> {
            String text = Output.fields(List.of(
                    new Output.Field("Decision", JsonDocuments.text(answer, "decision")),
                    new Output.Field("Reason", JsonDocuments.text(answer, "reason"))));
            List<JsonObject> statements = JsonDocuments.objects(answer, "statements");
            if (statements.isEmpty()) {
                return text + "No policy statements.\n";
            }
            return text + "\n" + Output.table(STATEMENT_HEADER, statements.stream()
                    .map(s -> List.of(JsonDocuments.text(s, "sid"), JsonDocuments.text(s, "index"),
                            JsonDocuments.text(s, "effect"),
                            s.getBoolean("matched", false) ? "yes" : "no"))
                    .toList());
        });
    }
}
