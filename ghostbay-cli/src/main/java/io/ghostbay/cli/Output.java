package io.ghostbay.cli;

import jakarta.json.JsonValue;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Everything the tool prints: results on stdout (a table or a few lines for people, the server's
 * JSON with {@code --json}), errors on stderr. Keeping it in one place keeps the two modes and the
 * column layout consistent across commands.
 *
 * <p>Error messages pass through {@link #redact}, which blanks out the caller's secret key: it must
 * never be printed, even if a server message or a stray argument happens to contain it.
 */
final class Output {
    private static final String COLUMN_GAP = "  ";

    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;
    private final String secretToRedact;

    /**
     * @param json           print JSON documents instead of tables
     * @param secretToRedact the caller's secret key, to keep out of error messages; may be null
     */
    Output(PrintStream out, PrintStream err, boolean json, String secretToRedact) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.secretToRedact = secretToRedact == null || secretToRedact.isEmpty() ? null
                : secretToRedact;
    }

    boolean jsonMode() {
        return json;
    }

    /** A command's result: {@code document} in JSON mode, else the human text (built only then). */
    void result(JsonValue document, Supplier<String> humanText) {
        if (json) {
            out.println(JsonDocuments.write(document));
        } else {
            printText(humanText.get());
        }
    }

    /**
     * The result of a command whose answer has no body (a delete): a confirmation for people,
     * nothing in JSON mode, where the exit status 0 says it all.
     */
    void done(String humanText) {
        if (!json) {
            printText(humanText);
        }
    }

    /** Plain text on stdout whatever the mode (help, version). */
    void text(String text) {
        printText(text);
    }

    private void printText(String text) {
        out.print(text.endsWith("\n") ? text : text + "\n");
        out.flush();
    }

    /** {@code error: <message>} on stderr. */
    void error(String message) {
        err.println("error: " + redact(message));
        err.flush();
    }

    /** A server error: {@code error: <code>: <message>} on stderr, and its JSON on stdout with --json. */
    void serverError(AdminApiException e) {
        if (json) {
            out.println(redact(JsonDocuments.write(e.errorDocument())));
            out.flush();
        }
        String requestId = e.requestId() == null ? "" : " (request id " + e.requestId() + ")";
        error(e.code() + ": " + e.getMessage() + requestId);
    }

    /** A usage error: the message, then where to find help, on stderr. */
    void usageError(String message, String helpCommand) {
        err.println("ghostbay: " + redact(message));
        err.println("Run '" + helpCommand + " --help' for usage.");
        err.flush();
    }

    String redact(String text) {
        return secretToRedact == null || text == null ? text : text.replace(secretToRedact, "****");
    }

    /**
     * Left-aligned columns, each as wide as its widest cell, two spaces apart, with the header as
     * the first line. The last column is not padded, so lines carry no trailing spaces.
     */
    static String table(List<String> header, List<List<String>> rows) {
        List<List<String>> lines = new ArrayList<>(rows.size() + 1);
        lines.add(header);
        lines.addAll(rows);
        return columns(lines);
    }

    /** Rows laid out as {@link #table} does, without a header. All rows have the same size. */
    static String columns(List<List<String>> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            if (row.size() != columns) {
                throw new IllegalArgumentException("row has " + row.size() + " cells, not "
                        + columns + ": " + row);
            }
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> row : rows) {
            for (int c = 0; c < columns; c++) {
                String cell = row.get(c);
                sb.append(cell);
                if (c < columns - 1) {
                    sb.append(" ".repeat(widths[c] - cell.length())).append(COLUMN_GAP);
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** One labelled line of {@link #fields}. */
    record Field(String label, String value) {
    }

    /** Labelled lines, values aligned: {@code "  Access key ID:      GB..."}. */
    static String fields(List<Field> fields) {
        int width = 0;
        for (Field field : fields) {
            width = Math.max(width, field.label().length() + 1);
        }
        StringBuilder sb = new StringBuilder();
        for (Field field : fields) {
            String label = field.label() + ":";
            sb.append("  ").append(label).append(" ".repeat(width - label.length())).append("  ")
                    .append(field.value()).append('\n');
        }
        return sb.toString();
    }
}
