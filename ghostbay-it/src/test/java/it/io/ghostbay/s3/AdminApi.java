package it.io.ghostbay.s3;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.StringReader;

/** Signed calls to the admin REST API (docs/admin-api.md) with the root (admin) key, for test setup. */
public final class AdminApi {
    public static final String ROOT = "/_ghostbay/admin/v1";

    private AdminApi() {
    }

    /** A user and one access key of it. */
    public record User(String userName, String canonicalId, String accessKeyId, String secretKey) {
    }

    public static RawResponse call(String method, String path, String jsonBody) {
        RawRequest r = RawRequest.path(method, ROOT + path);
        if (jsonBody != null) {
            r.header("Content-Type", "application/json").body(jsonBody);
        }
        return r.send();
    }

    public static JsonObject json(RawResponse response) {
        try (JsonReader r = Json.createReader(new StringReader(response.bodyText()))) {
            return r.readObject();
        }
    }

    /** Calls and insists on the given status; returns the JSON answer (or null for 204). */
    public static JsonObject expect(int status, String method, String path, String jsonBody) {
        RawResponse response = call(method, path, jsonBody);
        if (response.status != status) {
            throw new AssertionError(method + " " + path + ": expected " + status + " but got " + response.status + " "
                    + response.bodyText());
        }
        return status == 204 ? null : json(response);
    }

    /** Creates a user with a unique name and one access key. */
    public static User createUser(String prefix) {
        String name = prefix + "-" + Long.toHexString(System.nanoTime());
        JsonObject user = expect(201, "POST", "/users", Json.createObjectBuilder().add("userName", name).build().toString());
        JsonObject key = expect(201, "POST", "/users/" + name + "/keys", null);
        return new User(name, user.getString("canonicalId"), key.getString("accessKeyId"), key.getString("secretAccessKey"));
    }

    /** Deletes a user's buckets' leftovers are the caller's business; this deletes the user itself. */
    public static void deleteUser(String userName) {
        RawResponse r = call("DELETE", "/users/" + userName, null);
        if (r.status != 204 && r.status != 404) {
            System.err.println("cleanup of user " + userName + " failed: " + r.status + " " + r.bodyText());
        }
    }
}
