package io.ghostbay.web.admin;

import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;
import io.ghostbay.service.AccessContext;
import io.ghostbay.service.AccessKeyInfo;
import io.ghostbay.service.AuthorizationService;
import io.ghostbay.service.BucketInfo;
import io.ghostbay.service.BucketService;
import io.ghostbay.service.Caller;
import io.ghostbay.service.UserInfo;
import io.ghostbay.service.UserService;
import io.ghostbay.config.GhostBayConfig;
import io.ghostbay.web.routing.S3Request;
import io.ghostbay.web.xml.XmlRequestParser;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * GhostBay's admin REST API (docs/admin-api.md): users, access keys, buckets and the policy
 * decision explainer, as JSON. The pre-matching filter has already verified the SigV4 signature
 * and that the key belongs to an admin user; the EJBs check it again.
 */
@Path("/_ghostbay/admin/v1")
public class AdminResource {
    private static final int MAX_BODY = 64 * 1024;

    @Inject
    S3Request s3;

    @Inject
    GhostBayConfig config;

    @EJB
    UserService users;

    @EJB
    BucketService buckets;

    @EJB
    AuthorizationService authorization;

    // ---- users

    @GET
    @Path("users")
    public Response listUsers() {
        return json(AdminJson.list("users", users.listUsers(caller()).stream().map(AdminJson::user).toList()));
    }

    @POST
    @Path("users")
    public Response createUser(InputStream body) {
        JsonObject req = read(body);
        UserInfo user = users.createUser(caller(), AdminJson.string(req, "userName"), AdminJson.bool(req, "admin"));
        return created(AdminJson.user(user));
    }

    @GET
    @Path("users/{userName}")
    public Response getUser(@PathParam("userName") String userName) {
        return json(AdminJson.user(users.getUser(caller(), userName)));
    }

    @DELETE
    @Path("users/{userName}")
    public Response deleteUser(@PathParam("userName") String userName) {
        users.deleteUser(caller(), userName);
        return Response.noContent().build();
    }

    // ---- access keys

    @GET
    @Path("users/{userName}/keys")
    public Response listUserKeys(@PathParam("userName") String userName) {
        return keys(users.listKeys(caller(), userName));
    }

    @POST
    @Path("users/{userName}/keys")
    public Response createKey(@PathParam("userName") String userName, InputStream body) {
        JsonObject req = read(body);
        return created(AdminJson.key(users.createKey(caller(), userName, AdminJson.instant(req, "expiresAt"))));
    }

    @GET
    @Path("keys")
    public Response listAllKeys() {
        return keys(users.listAllKeys(caller()));
    }

    @GET
    @Path("keys/{accessKeyId}")
    public Response getKey(@PathParam("accessKeyId") String accessKeyId) {
        return json(AdminJson.key(users.getKey(caller(), accessKeyId)));
    }

    @POST
    @Path("keys/{accessKeyId}/disable")
    public Response disableKey(@PathParam("accessKeyId") String accessKeyId) {
        return json(AdminJson.key(users.setKeyActive(caller(), accessKeyId, false)));
    }

    @POST
    @Path("keys/{accessKeyId}/enable")
    public Response enableKey(@PathParam("accessKeyId") String accessKeyId) {
        return json(AdminJson.key(users.setKeyActive(caller(), accessKeyId, true)));
    }

    @POST
    @Path("keys/{accessKeyId}/rotate")
    public Response rotateKey(@PathParam("accessKeyId") String accessKeyId, InputStream body) {
        Long overlapSeconds = AdminJson.longValue(read(body), "overlapSeconds");
        Duration overlap = overlapSeconds == null ? config.keyRotationOverlap() : Duration.ofSeconds(overlapSeconds);
        UserService.Rotation r = users.rotateKey(caller(), accessKeyId, overlap);
        return created(jakarta.json.Json.createObjectBuilder().add("newKey", AdminJson.key(r.newKey()))
                .add("oldKey", AdminJson.key(r.oldKey())).build());
    }

    @PUT
    @Path("keys/{accessKeyId}/limits")
    public Response setKeyLimits(@PathParam("accessKeyId") String accessKeyId, InputStream body) {
        AdminJson.LimitsChange change = AdminJson.limitsChange(read(body));
        return json(AdminJson.key(users.setKeyLimits(caller(), accessKeyId, change.values(), change.cleared())));
    }

    @DELETE
    @Path("keys/{accessKeyId}")
    public Response deleteKey(@PathParam("accessKeyId") String accessKeyId) {
        users.deleteKey(caller(), accessKeyId);
        return Response.noContent().build();
    }

    // ---- buckets

    @GET
    @Path("buckets")
    public Response listBuckets() {
        Map<Long, UserInfo> owners = users.usersById();
        return json(AdminJson.list("buckets", buckets.listAllBuckets(caller()).stream()
                .map(b -> AdminJson.bucket(b, owners.get(b.ownerId()))).toList()));
    }

    @POST
    @Path("buckets")
    public Response createBucket(InputStream body) {
        JsonObject req = read(body);
        String ownerName = AdminJson.string(req, "owner");
        UserInfo owner = ownerName == null ? users.requireUserInfo(caller().displayName()) : users.requireUserInfo(ownerName);
        BucketInfo bucket = buckets.createBucketFor(caller(), AdminJson.string(req, "name"), owner.id());
        return created(AdminJson.bucket(bucket, owner));
    }

    @DELETE
    @Path("buckets/{name}")
    public Response deleteBucket(@PathParam("name") String name) {
        buckets.deleteBucket(caller(), name);
        return Response.noContent().build();
    }

    // ---- policy decision explainer

    @POST
    @Path("policy/explain")
    public Response explain(InputStream body) {
        JsonObject req = read(body);
        UserService.requireAdmin(caller());
        String bucketName = required(req, "bucket");
        String principal = required(req, "principal");
        String action = required(req, "action");
        Map<String, List<String>> values = new HashMap<>();
        for (Map.Entry<String, JsonValue> e : AdminJson.object(req, "context").entrySet()) {
            values.put(e.getKey(), strings(e.getKey(), e.getValue()));
        }
        AccessContext context = new AccessContext(AdminJson.string(req, "sourceIp"), AdminJson.bool(req, "secureTransport"), values);
        Caller subject;
        if ("*".equals(principal)) {
            subject = Caller.anonymous(context);
        } else {
            UserInfo user = users.requireUserInfo(principal);
            subject = new Caller("(explain)", user.id(), user.canonicalId(), user.userName(), user.admin(), context);
        }
        BucketInfo bucket = buckets.requireExisting(bucketName);
        return json(AdminJson.explanation(authorization.evaluate(subject, bucket, action, AdminJson.string(req, "key"))));
    }

    // ---- anything else under the admin root

    @GET
    @Path("{path: .*}")
    public Response unknownGet() {
        throw S3Exception.of(S3ErrorCode.ADMIN_NOT_FOUND);
    }

    @POST
    @Path("{path: .*}")
    public Response unknownPost() {
        throw S3Exception.of(S3ErrorCode.ADMIN_NOT_FOUND);
    }

    @PUT
    @Path("{path: .*}")
    public Response unknownPut() {
        throw S3Exception.of(S3ErrorCode.ADMIN_NOT_FOUND);
    }

    @DELETE
    @Path("{path: .*}")
    public Response unknownDelete() {
        throw S3Exception.of(S3ErrorCode.ADMIN_NOT_FOUND);
    }

    @HEAD
    @Path("{path: .*}")
    public Response unknownHead() {
        throw S3Exception.of(S3ErrorCode.ADMIN_NOT_FOUND);
    }

    private Caller caller() {
        return s3.caller();
    }

    private static JsonObject read(InputStream body) {
        return AdminJson.body(body == null ? new byte[0] : XmlRequestParser.readCapped(body, MAX_BODY));
    }

    private static String required(JsonObject req, String field) {
        String v = AdminJson.string(req, field);
        if (v == null || v.isEmpty()) {
            throw S3Exception.of(S3ErrorCode.INVALID_ARGUMENT, "\"" + field + "\" is required.");
        }
        return v;
    }

    private static List<String> strings(String field, JsonValue v) {
        List<String> out = new ArrayList<>();
        if (v.getValueType() == JsonValue.ValueType.ARRAY) {
            for (JsonValue item : v.asJsonArray()) {
                out.add(scalar(field, item));
            }
        } else {
            out.add(scalar(field, v));
        }
        return out;
    }

    private static String scalar(String field, JsonValue v) {
        return switch (v.getValueType()) {
            case STRING -> ((JsonString) v).getString();
            case NUMBER, TRUE, FALSE -> v.toString();
            default -> throw S3Exception.of(S3ErrorCode.MALFORMED_JSON, "context \"" + field + "\" values must be strings.");
        };
    }

    private static Response keys(List<AccessKeyInfo> keys) {
        return json(AdminJson.list("accessKeys", keys.stream().map(k -> AdminJson.key(k.withoutSecret())).toList()));
    }

    private static Response json(JsonObject o) {
        return Response.ok(o.toString(), "application/json").build();
    }

    private static Response created(JsonObject o) {
        return Response.status(201).type("application/json").entity(o.toString()).build();
    }
}
