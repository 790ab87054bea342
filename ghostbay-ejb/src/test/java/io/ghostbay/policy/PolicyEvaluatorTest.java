package io.ghostbay.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ghostbay.policy.PolicyDecision.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The evaluator against a table of policies and requests. Policy fragments are written with
 * single quotes for readability; {@link #json} turns them into double quotes.
 */
class PolicyEvaluatorTest {

    private static final String BUCKET = "photos";
    private static final String ALICE_ID = "a1".repeat(32);
    private static final String BOB_ID = "b2".repeat(32);
    private static final PolicyPrincipal ALICE = PolicyPrincipal.user(ALICE_ID, "alice");
    private static final PolicyPrincipal BOB = PolicyPrincipal.user(BOB_ID, "bob");
    private static final PolicyPrincipal ANONYMOUS = PolicyPrincipal.anonymous();
    private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");

    private static final String OBJECT = "arn:aws:s3:::photos/cat.jpg";
    private static final String BUCKET_ARN = "arn:aws:s3:::photos";
    private static final String EVERYONE = "'*'";
    private static final String ALL_OBJECTS = "'arn:aws:s3:::photos/*'";

    /** One row: a policy, a request, and the outcome S3 would reach. */
    record Case(String name, String policy, PolicyRequest request, Outcome expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // --- principals ---
                row("'*' lets anonymous in", allow(EVERYONE, "'s3:GetObject'", ALL_OBJECTS),
                        get(ANONYMOUS), Outcome.ALLOW),
                row("{AWS:*} lets anonymous in", allow("{'AWS':'*'}", "'s3:GetObject'", ALL_OBJECTS),
                        get(ANONYMOUS), Outcome.ALLOW),
                row("{AWS:[*]} as an array", allow("{'AWS':['*']}", "'s3:GetObject'", ALL_OBJECTS),
                        get(BOB), Outcome.ALLOW),
                row("account root matches a user", allow("{'AWS':'arn:aws:iam::ghostbay:root'}", "'s3:GetObject'", ALL_OBJECTS),
                        get(BOB), Outcome.ALLOW),
                row("account root never matches anonymous", allow("{'AWS':'arn:aws:iam::ghostbay:root'}", "'s3:GetObject'", ALL_OBJECTS),
                        get(ANONYMOUS), Outcome.NO_MATCH),
                row("named user matches that user", allow("{'AWS':'arn:aws:iam::ghostbay:user/alice'}", "'s3:GetObject'", ALL_OBJECTS),
                        get(ALICE), Outcome.ALLOW),
                row("named user does not match another user", allow("{'AWS':'arn:aws:iam::ghostbay:user/alice'}", "'s3:GetObject'", ALL_OBJECTS),
                        get(BOB), Outcome.NO_MATCH),
                row("named user does not match anonymous", allow("{'AWS':'arn:aws:iam::ghostbay:user/alice'}", "'s3:GetObject'", ALL_OBJECTS),
                        get(ANONYMOUS), Outcome.NO_MATCH),
                row("user names are case-sensitive", allow("{'AWS':'arn:aws:iam::ghostbay:user/Alice'}", "'s3:GetObject'", ALL_OBJECTS),
                        get(ALICE), Outcome.NO_MATCH),
                row("CanonicalUser matches by canonical id", allow("{'CanonicalUser':'" + ALICE_ID + "'}", "'s3:GetObject'", ALL_OBJECTS),
                        get(ALICE), Outcome.ALLOW),
                row("CanonicalUser does not match another id", allow("{'CanonicalUser':'" + ALICE_ID + "'}", "'s3:GetObject'", ALL_OBJECTS),
                        get(BOB), Outcome.NO_MATCH),
                row("principal list: any entry matches",
                        allow("{'AWS':['arn:aws:iam::ghostbay:user/carol','arn:aws:iam::ghostbay:user/bob']}", "'s3:GetObject'", ALL_OBJECTS),
                        get(BOB), Outcome.ALLOW),
                row("NotPrincipal Deny hits everyone not listed",
                        policy(allowStatement(EVERYONE, "'s3:*'", ALL_OBJECTS, null),
                                statement("Deny", "NotPrincipal", "{'AWS':'arn:aws:iam::ghostbay:user/alice'}", "Action", "'s3:*'", "Resource", ALL_OBJECTS, null)),
                        get(BOB), Outcome.EXPLICIT_DENY),
                row("NotPrincipal Deny spares the listed user",
                        policy(allowStatement(EVERYONE, "'s3:*'", ALL_OBJECTS, null),
                                statement("Deny", "NotPrincipal", "{'AWS':'arn:aws:iam::ghostbay:user/alice'}", "Action", "'s3:*'", "Resource", ALL_OBJECTS, null)),
                        get(ALICE), Outcome.ALLOW),
                row("NotPrincipal root denies only anonymous",
                        policy(statement("Deny", "NotPrincipal", "{'AWS':'arn:aws:iam::ghostbay:root'}", "Action", "'s3:*'", "Resource", ALL_OBJECTS, null)),
                        get(ANONYMOUS), Outcome.EXPLICIT_DENY),
                row("NotPrincipal root does not deny a user",
                        policy(statement("Deny", "NotPrincipal", "{'AWS':'arn:aws:iam::ghostbay:root'}", "Action", "'s3:*'", "Resource", ALL_OBJECTS, null)),
                        get(ALICE), Outcome.NO_MATCH),

                // --- explicit deny ---
                row("explicit deny beats allow",
                        policy(allowStatement(EVERYONE, "'s3:*'", ALL_OBJECTS, null),
                                denyStatement(EVERYONE, "'s3:DeleteObject'", ALL_OBJECTS, null)),
                        request(ALICE, "s3:DeleteObject", OBJECT), Outcome.EXPLICIT_DENY),
                row("explicit deny beats allow whatever the order",
                        policy(denyStatement(EVERYONE, "'s3:DeleteObject'", ALL_OBJECTS, null),
                                allowStatement(EVERYONE, "'s3:*'", ALL_OBJECTS, null)),
                        request(ALICE, "s3:DeleteObject", OBJECT), Outcome.EXPLICIT_DENY),
                row("a deny for another action leaves the allow",
                        policy(allowStatement(EVERYONE, "'s3:*'", ALL_OBJECTS, null),
                                denyStatement(EVERYONE, "'s3:DeleteObject'", ALL_OBJECTS, null)),
                        get(ALICE), Outcome.ALLOW),

                // --- actions ---
                row("s3:Get* matches GetObject", allow(EVERYONE, "'s3:Get*'", ALL_OBJECTS),
                        get(ALICE), Outcome.ALLOW),
                row("s3:Get* does not match PutObject", allow(EVERYONE, "'s3:Get*'", ALL_OBJECTS),
                        request(ALICE, "s3:PutObject", OBJECT), Outcome.NO_MATCH),
                row("s3:*Object matches DeleteObject", allow(EVERYONE, "'s3:*Object'", ALL_OBJECTS),
                        request(ALICE, "s3:DeleteObject", OBJECT), Outcome.ALLOW),
                row("s3:*Object does not match GetObjectAcl", allow(EVERYONE, "'s3:*Object'", ALL_OBJECTS),
                        request(ALICE, "s3:GetObjectAcl", OBJECT), Outcome.NO_MATCH),
                row("s3:?etObject matches GetObject", allow(EVERYONE, "'s3:?etObject'", ALL_OBJECTS),
                        get(ALICE), Outcome.ALLOW),
                row("s3:?etObject needs exactly one character", allow(EVERYONE, "'s3:?etObject'", ALL_OBJECTS),
                        request(ALICE, "s3:GetObjectTagging", OBJECT), Outcome.NO_MATCH),
                row("actions are case-insensitive", allow(EVERYONE, "'S3:getobject'", ALL_OBJECTS),
                        get(ALICE), Outcome.ALLOW),
                row("action '*' matches any action", allow(EVERYONE, "'*'", "['arn:aws:s3:::photos','arn:aws:s3:::photos/*']"),
                        request(ALICE, "s3:ListBucket", BUCKET_ARN), Outcome.ALLOW),
                row("action list: any entry matches", allow(EVERYONE, "['s3:PutObject','s3:GetObject']", ALL_OBJECTS),
                        get(ALICE), Outcome.ALLOW),
                row("NotAction allows what is not listed", policy(statement("Allow", "Principal", EVERYONE, "NotAction", "'s3:Delete*'", "Resource", ALL_OBJECTS, null)),
                        get(ALICE), Outcome.ALLOW),
                row("NotAction does not allow what is listed", policy(statement("Allow", "Principal", EVERYONE, "NotAction", "'s3:Delete*'", "Resource", ALL_OBJECTS, null)),
                        request(ALICE, "s3:DeleteObject", OBJECT), Outcome.NO_MATCH),

                // --- resources ---
                row("photos/* matches a nested key", allow(EVERYONE, "'s3:GetObject'", ALL_OBJECTS),
                        request(ALICE, "s3:GetObject", "arn:aws:s3:::photos/2026/june/cat.jpg"), Outcome.ALLOW),
                row("photos/* does not match the bucket itself", allow(EVERYONE, "'s3:*'", ALL_OBJECTS),
                        request(ALICE, "s3:ListBucket", BUCKET_ARN), Outcome.NO_MATCH),
                row("resources are case-sensitive", allow(EVERYONE, "'s3:GetObject'", "'arn:aws:s3:::photos/Public/*'"),
                        request(ALICE, "s3:GetObject", "arn:aws:s3:::photos/public/cat.jpg"), Outcome.NO_MATCH),
                row("? in a resource matches one character", allow(EVERYONE, "'s3:GetObject'", "'arn:aws:s3:::photos/img?.jpg'"),
                        request(ALICE, "s3:GetObject", "arn:aws:s3:::photos/img1.jpg"), Outcome.ALLOW),
                row("? in a resource does not match two", allow(EVERYONE, "'s3:GetObject'", "'arn:aws:s3:::photos/img?.jpg'"),
                        request(ALICE, "s3:GetObject", "arn:aws:s3:::photos/img10.jpg"), Outcome.NO_MATCH),
                row("resource '*' matches anything", allow(EVERYONE, "'s3:GetObject'", "'*'"),
                        get(ALICE), Outcome.ALLOW),
                row("NotResource allows what is not listed",
                        policy(statement("Allow", "Principal", EVERYONE, "Action", "'s3:GetObject'", "NotResource", "'arn:aws:s3:::photos/private/*'", null)),
                        get(ALICE), Outcome.ALLOW),
                row("NotResource does not allow what is listed",
                        policy(statement("Allow", "Principal", EVERYONE, "Action", "'s3:GetObject'", "NotResource", "'arn:aws:s3:::photos/private/*'", null)),
                        request(ALICE, "s3:GetObject", "arn:aws:s3:::photos/private/diary.txt"), Outcome.NO_MATCH),

                // --- String* conditions ---
                row("StringEquals matches the exact value",
                        allowIf("{'StringEquals':{'s3:x-amz-acl':'bucket-owner-full-control'}}"),
                        get(ALICE, "s3:x-amz-acl", "bucket-owner-full-control"), Outcome.ALLOW),
                row("StringEquals is case-sensitive on values",
                        allowIf("{'StringEquals':{'s3:x-amz-acl':'bucket-owner-full-control'}}"),
                        get(ALICE, "s3:x-amz-acl", "Bucket-Owner-Full-Control"), Outcome.NO_MATCH),
                row("StringEqualsIgnoreCase ignores case",
                        allowIf("{'StringEqualsIgnoreCase':{'s3:x-amz-acl':'bucket-owner-full-control'}}"),
                        get(ALICE, "s3:x-amz-acl", "Bucket-Owner-Full-Control"), Outcome.ALLOW),
                row("condition keys are case-insensitive",
                        allowIf("{'StringEquals':{'S3:X-Amz-Acl':'private'}}"),
                        get(ALICE, "s3:x-amz-acl", "private"), Outcome.ALLOW),
                row("values of one key are alternatives",
                        allowIf("{'StringEquals':{'s3:x-amz-acl':['private','bucket-owner-read']}}"),
                        get(ALICE, "s3:x-amz-acl", "bucket-owner-read"), Outcome.ALLOW),
                row("StringEquals takes * literally",
                        allowIf("{'StringEquals':{'s3:x-amz-acl':'priv*'}}"),
                        get(ALICE, "s3:x-amz-acl", "private"), Outcome.NO_MATCH),
                row("positive operator with the key absent is false",
                        allowIf("{'StringEquals':{'s3:x-amz-acl':'private'}}"),
                        get(ALICE), Outcome.NO_MATCH),
                row("StringNotEquals with the key absent is true",
                        denyIfWithAllowAll("{'StringNotEquals':{'s3:x-amz-server-side-encryption':'AES256'}}"),
                        request(ALICE, "s3:PutObject", OBJECT), Outcome.EXPLICIT_DENY),
                row("StringNotEquals with a listed value is false",
                        denyIfWithAllowAll("{'StringNotEquals':{'s3:x-amz-server-side-encryption':'AES256'}}"),
                        request(ALICE, "s3:PutObject", OBJECT, "s3:x-amz-server-side-encryption", "AES256"), Outcome.ALLOW),
                row("StringNotEquals with another value is true",
                        denyIfWithAllowAll("{'StringNotEquals':{'s3:x-amz-server-side-encryption':'AES256'}}"),
                        request(ALICE, "s3:PutObject", OBJECT, "s3:x-amz-server-side-encryption", "aws:kms"), Outcome.EXPLICIT_DENY),
                row("StringNotEqualsIgnoreCase with a listed value in other case is false",
                        denyIfWithAllowAll("{'StringNotEqualsIgnoreCase':{'s3:x-amz-server-side-encryption':'aes256'}}"),
                        request(ALICE, "s3:PutObject", OBJECT, "s3:x-amz-server-side-encryption", "AES256"), Outcome.ALLOW),
                row("StringLike s3:prefix matches the pattern",
                        allowListIf("{'StringLike':{'s3:prefix':['home/*','shared/']}}"),
                        list(ALICE, "s3:prefix", "home/alice/notes"), Outcome.ALLOW),
                row("StringLike s3:prefix outside the pattern",
                        allowListIf("{'StringLike':{'s3:prefix':['home/*','shared/']}}"),
                        list(ALICE, "s3:prefix", "work/"), Outcome.NO_MATCH),
                row("StringNotLike with the key absent is true",
                        denyIfWithAllowAll("{'StringNotLike':{'aws:Referer':'https://example.com/*'}}"),
                        get(ALICE), Outcome.EXPLICIT_DENY),
                row("StringNotLike with a matching value is false",
                        denyIfWithAllowAll("{'StringNotLike':{'aws:Referer':'https://example.com/*'}}"),
                        get(ALICE, "aws:Referer", "https://example.com/gallery"), Outcome.ALLOW),
                row("IfExists with the key absent is true",
                        allowIf("{'StringEqualsIfExists':{'s3:x-amz-acl':'private'}}"),
                        get(ALICE), Outcome.ALLOW),
                row("IfExists with the key present still compares",
                        allowIf("{'StringEqualsIfExists':{'s3:x-amz-acl':'private'}}"),
                        get(ALICE, "s3:x-amz-acl", "public-read"), Outcome.NO_MATCH),
                row("multi-valued key without a set prefix: one match is enough",
                        allowIf("{'StringEquals':{'aws:TagKeys':'project'}}"),
                        get(ALICE, "aws:TagKeys", "owner", "project"), Outcome.ALLOW),

                // --- Numeric* ---
                row("NumericLessThanEquals at the bound",
                        allowListIf("{'NumericLessThanEquals':{'s3:max-keys':'10'}}"),
                        list(ALICE, "s3:max-keys", "10"), Outcome.ALLOW),
                row("NumericLessThanEquals above the bound",
                        allowListIf("{'NumericLessThanEquals':{'s3:max-keys':'10'}}"),
                        list(ALICE, "s3:max-keys", "11"), Outcome.NO_MATCH),
                row("NumericLessThan at the bound is false",
                        allowListIf("{'NumericLessThan':{'s3:max-keys':10}}"),
                        list(ALICE, "s3:max-keys", "10"), Outcome.NO_MATCH),
                row("NumericGreaterThan compares numbers, not strings",
                        allowListIf("{'NumericGreaterThan':{'s3:max-keys':'9'}}"),
                        list(ALICE, "s3:max-keys", "100"), Outcome.ALLOW),
                row("NumericGreaterThanEquals below the bound",
                        allowListIf("{'NumericGreaterThanEquals':{'s3:max-keys':'100'}}"),
                        list(ALICE, "s3:max-keys", "99"), Outcome.NO_MATCH),
                row("NumericEquals with a JSON number and a decimal request value",
                        allowListIf("{'NumericEquals':{'s3:max-keys':50}}"),
                        list(ALICE, "s3:max-keys", "50.0"), Outcome.ALLOW),
                row("NumericNotEquals with the key absent is true",
                        allowListIf("{'NumericNotEquals':{'s3:max-keys':'1000'}}"),
                        list(ALICE), Outcome.ALLOW),
                row("NumericNotEquals with the listed value is false",
                        allowListIf("{'NumericNotEquals':{'s3:max-keys':'1000'}}"),
                        list(ALICE, "s3:max-keys", "1000"), Outcome.NO_MATCH),
                row("a non-numeric request value never satisfies a Numeric comparison",
                        allowListIf("{'NumericLessThan':{'s3:max-keys':'10'}}"),
                        list(ALICE, "s3:max-keys", "few"), Outcome.NO_MATCH),

                // --- Date* and aws:CurrentTime / aws:EpochTime ---
                row("DateGreaterThan aws:CurrentTime after the date",
                        allowIf("{'DateGreaterThan':{'aws:CurrentTime':'2026-01-01T00:00:00Z'}}"),
                        get(ALICE), Outcome.ALLOW),
                row("DateLessThan aws:CurrentTime after the date",
                        allowIf("{'DateLessThan':{'aws:CurrentTime':'2026-01-01T00:00:00Z'}}"),
                        get(ALICE), Outcome.NO_MATCH),
                row("Date window: both ends must hold",
                        allowIf("{'DateGreaterThanEquals':{'aws:CurrentTime':'2026-06-01T00:00:00Z'},'DateLessThanEquals':{'aws:CurrentTime':'2026-06-30T23:59:59Z'}}"),
                        get(ALICE), Outcome.ALLOW),
                row("Date value given in epoch seconds",
                        allowIf("{'DateLessThan':{'aws:CurrentTime':'" + (NOW.getEpochSecond() + 60) + "'}}"),
                        get(ALICE), Outcome.ALLOW),
                row("DateEquals at the exact instant, with an offset",
                        allowIf("{'DateEquals':{'aws:CurrentTime':'2026-06-15T14:00:00+02:00'}}"),
                        get(ALICE), Outcome.ALLOW),
                row("DateNotEquals on an absent key is true",
                        allowIf("{'DateNotEquals':{'aws:TokenIssueTime':'2026-06-15T12:00:00Z'}}"),
                        get(ALICE), Outcome.ALLOW),
                row("context aws:CurrentTime overrides the clock",
                        allowIf("{'DateGreaterThan':{'aws:CurrentTime':'2026-01-01T00:00:00Z'}}"),
                        get(ALICE, "aws:CurrentTime", "2025-12-31T23:00:00Z"), Outcome.NO_MATCH),
                row("aws:EpochTime with a Numeric operator",
                        allowIf("{'NumericGreaterThan':{'aws:EpochTime':" + (NOW.getEpochSecond() - 1) + "}}"),
                        get(ALICE), Outcome.ALLOW),

                // --- Bool ---
                row("deny over plain HTTP: aws:SecureTransport false",
                        denyIfWithAllowAll("{'Bool':{'aws:SecureTransport':'false'}}"),
                        get(ALICE, "aws:SecureTransport", "false"), Outcome.EXPLICIT_DENY),
                row("deny over plain HTTP: HTTPS passes",
                        denyIfWithAllowAll("{'Bool':{'aws:SecureTransport':false}}"),
                        get(ALICE, "aws:SecureTransport", "true"), Outcome.ALLOW),
                row("Bool on an absent key is false",
                        denyIfWithAllowAll("{'Bool':{'aws:SecureTransport':'false'}}"),
                        get(ALICE), Outcome.ALLOW),

                // --- IpAddress / NotIpAddress ---
                row("IpAddress IPv4 inside the block",
                        allowIf("{'IpAddress':{'aws:SourceIp':'192.0.2.0/24'}}"),
                        get(ALICE, "aws:SourceIp", "192.0.2.77"), Outcome.ALLOW),
                row("IpAddress IPv4 outside the block",
                        allowIf("{'IpAddress':{'aws:SourceIp':'192.0.2.0/24'}}"),
                        get(ALICE, "aws:SourceIp", "192.0.3.1"), Outcome.NO_MATCH),
                row("IpAddress with a plain address",
                        allowIf("{'IpAddress':{'aws:SourceIp':'203.0.113.9'}}"),
                        get(ALICE, "aws:SourceIp", "203.0.113.9"), Outcome.ALLOW),
                row("IpAddress IPv6 inside the block",
                        allowIf("{'IpAddress':{'aws:SourceIp':['192.0.2.0/24','2001:DB8:1234:5678::/64']}}"),
                        get(ALICE, "aws:SourceIp", "2001:db8:1234:5678::ab"), Outcome.ALLOW),
                row("IpAddress IPv6 outside the block",
                        allowIf("{'IpAddress':{'aws:SourceIp':'2001:db8:1234:5678::/64'}}"),
                        get(ALICE, "aws:SourceIp", "2001:db8:1234:5679::1"), Outcome.NO_MATCH),
                row("an IPv4 caller is never in an IPv6 block",
                        allowIf("{'IpAddress':{'aws:SourceIp':'::/0'}}"),
                        get(ALICE, "aws:SourceIp", "192.0.2.1"), Outcome.NO_MATCH),
                row("NotIpAddress deny outside the office",
                        denyIfWithAllowAll("{'NotIpAddress':{'aws:SourceIp':['192.0.2.0/24','2001:db8::/32']}}"),
                        get(ALICE, "aws:SourceIp", "198.51.100.4"), Outcome.EXPLICIT_DENY),
                row("NotIpAddress deny spares the office (IPv6)",
                        denyIfWithAllowAll("{'NotIpAddress':{'aws:SourceIp':['192.0.2.0/24','2001:db8::/32']}}"),
                        get(ALICE, "aws:SourceIp", "2001:db8::7"), Outcome.ALLOW),
                row("AWS doc example: IpAddress and NotIpAddress together",
                        allowIf("{'IpAddress':{'aws:SourceIp':'54.240.143.0/24'},'NotIpAddress':{'aws:SourceIp':'54.240.143.188/32'}}"),
                        get(ALICE, "aws:SourceIp", "54.240.143.188"), Outcome.NO_MATCH),

                // --- Null ---
                row("Null true holds when the key is absent",
                        denyIfWithAllowAll("{'Null':{'s3:x-amz-server-side-encryption':'true'}}"),
                        request(ALICE, "s3:PutObject", OBJECT), Outcome.EXPLICIT_DENY),
                row("Null true fails when the key is present",
                        denyIfWithAllowAll("{'Null':{'s3:x-amz-server-side-encryption':true}}"),
                        request(ALICE, "s3:PutObject", OBJECT, "s3:x-amz-server-side-encryption", "AES256"), Outcome.ALLOW),
                row("Null false holds when the key is present",
                        allowIf("{'Null':{'aws:SourceIp':'false'}}"),
                        get(ALICE, "aws:SourceIp", "192.0.2.1"), Outcome.ALLOW),
                row("Null false fails when the key is absent",
                        allowIf("{'Null':{'aws:SourceIp':'false'}}"),
                        get(ALICE), Outcome.NO_MATCH),

                // --- set operators ---
                row("ForAnyValue: one request value in the set",
                        allowIf("{'ForAnyValue:StringEquals':{'aws:TagKeys':['project','owner']}}"),
                        get(ALICE, "aws:TagKeys", "cost-center", "owner"), Outcome.ALLOW),
                row("ForAnyValue: no request value in the set",
                        allowIf("{'ForAnyValue:StringEquals':{'aws:TagKeys':['project','owner']}}"),
                        get(ALICE, "aws:TagKeys", "cost-center"), Outcome.NO_MATCH),
                row("ForAnyValue: absent key is false",
                        allowIf("{'ForAnyValue:StringEquals':{'aws:TagKeys':['project','owner']}}"),
                        get(ALICE), Outcome.NO_MATCH),
                row("ForAllValues: every request value in the set",
                        allowIf("{'ForAllValues:StringLike':{'aws:TagKeys':['project','team-*']}}"),
                        get(ALICE, "aws:TagKeys", "project", "team-red"), Outcome.ALLOW),
                row("ForAllValues: one request value outside the set",
                        allowIf("{'ForAllValues:StringLike':{'aws:TagKeys':['project','team-*']}}"),
                        get(ALICE, "aws:TagKeys", "project", "secret"), Outcome.NO_MATCH),
                row("ForAllValues: absent key is true",
                        allowIf("{'ForAllValues:StringLike':{'aws:TagKeys':['project','team-*']}}"),
                        get(ALICE), Outcome.ALLOW),
                row("ForAnyValue with a negated operator: one value outside the set",
                        allowIf("{'ForAnyValue:StringNotEquals':{'aws:TagKeys':['project']}}"),
                        get(ALICE, "aws:TagKeys", "project", "other"), Outcome.ALLOW),
                row("ForAllValues with a negated operator: one value inside the set",
                        allowIf("{'ForAllValues:StringNotEquals':{'aws:TagKeys':['secret']}}"),
                        get(ALICE, "aws:TagKeys", "project", "secret"), Outcome.NO_MATCH),

                // --- Arn* ---
                row("ArnLike matches component-wise wildcards",
                        allowIf("{'ArnLike':{'aws:SourceArn':'arn:aws:sns:*:123456789012:topic-*'}}"),
                        get(ALICE, "aws:SourceArn", "arn:aws:sns:eu-west-1:123456789012:topic-uploads"), Outcome.ALLOW),
                row("ArnLike: a wildcard does not cross a colon",
                        allowIf("{'ArnLike':{'aws:SourceArn':'arn:aws:sns:*:123456789012:topic'}}"),
                        get(ALICE, "aws:SourceArn", "arn:aws:sns:eu-west-1:999:x:123456789012:topic"), Outcome.NO_MATCH),
                row("ArnEquals exact",
                        allowIf("{'ArnEquals':{'aws:SourceArn':'arn:aws:s3:::logs'}}"),
                        get(ALICE, "aws:SourceArn", "arn:aws:s3:::logs"), Outcome.ALLOW),
                row("ArnNotEquals on an absent key is true",
                        denyIfWithAllowAll("{'ArnNotEquals':{'aws:SourceArn':'arn:aws:s3:::logs'}}"),
                        get(ALICE), Outcome.EXPLICIT_DENY),
                row("ArnNotLike with a matching value is false",
                        denyIfWithAllowAll("{'ArnNotLike':{'aws:SourceArn':'arn:aws:s3:::log*'}}"),
                        get(ALICE, "aws:SourceArn", "arn:aws:s3:::logs"), Outcome.ALLOW),

                // --- BinaryEquals ---
                row("BinaryEquals compares decoded bytes",
                        allowIf("{'BinaryEquals':{'s3:x-amz-meta-token':'QmluYXJ5'}}"),
                        get(ALICE, "s3:x-amz-meta-token", "QmluYXJ5"), Outcome.ALLOW),

                // --- several operators AND ---
                row("all operators of a block must hold",
                        allowIf("{'IpAddress':{'aws:SourceIp':'192.0.2.0/24'},'Bool':{'aws:SecureTransport':'true'}}"),
                        get(ALICE, "aws:SourceIp", "192.0.2.1"), Outcome.NO_MATCH),

                // --- policy variables ---
                row("${aws:username} in a resource",
                        allow("{'AWS':'arn:aws:iam::ghostbay:root'}", "'s3:*'", "'arn:aws:s3:::photos/home/${aws:username}/*'"),
                        request(ALICE, "s3:GetObject", "arn:aws:s3:::photos/home/alice/a.jpg", "aws:username", "alice"), Outcome.ALLOW),
                row("${aws:username} does not open another user's folder",
                        allow("{'AWS':'arn:aws:iam::ghostbay:root'}", "'s3:*'", "'arn:aws:s3:::photos/home/${aws:username}/*'"),
                        request(ALICE, "s3:GetObject", "arn:aws:s3:::photos/home/bob/a.jpg", "aws:username", "alice"), Outcome.NO_MATCH),
                row("an unresolved variable matches nothing",
                        allow(EVERYONE, "'s3:*'", "'arn:aws:s3:::photos/home/${aws:username}/*'"),
                        request(ANONYMOUS, "s3:GetObject", "arn:aws:s3:::photos/home/${aws:username}/a.jpg"), Outcome.NO_MATCH),
                row("a variable's value is literal, not a wildcard",
                        allow(EVERYONE, "'s3:*'", "'arn:aws:s3:::photos/home/${aws:username}/*'"),
                        request(ANONYMOUS, "s3:GetObject", "arn:aws:s3:::photos/home/bob/a.jpg", "aws:username", "*"), Outcome.NO_MATCH),
                row("a variable default applies when the key is absent",
                        allow(EVERYONE, "'s3:*'", "'arn:aws:s3:::photos/home/${aws:username, ~guest~}/*'"),
                        request(ANONYMOUS, "s3:GetObject", "arn:aws:s3:::photos/home/guest/a.jpg"), Outcome.ALLOW),
                row("${*} is a literal star",
                        allow(EVERYONE, "'s3:GetObject'", "'arn:aws:s3:::photos/star${*}'"),
                        request(ALICE, "s3:GetObject", "arn:aws:s3:::photos/starry"), Outcome.NO_MATCH),
                row("${*} matches a key with a star",
                        allow(EVERYONE, "'s3:GetObject'", "'arn:aws:s3:::photos/star${*}'"),
                        request(ALICE, "s3:GetObject", "arn:aws:s3:::photos/star*"), Outcome.ALLOW),
                row("${aws:username} in a StringLike condition",
                        allowListIf("{'StringLike':{'s3:prefix':['home/${aws:username}/*']}}"),
                        list(BOB, "s3:prefix", "home/bob/docs/", "aws:username", "bob"), Outcome.ALLOW),
                row("${aws:username} in a StringLike condition, other folder",
                        allowListIf("{'StringLike':{'s3:prefix':['home/${aws:username}/*']}}"),
                        list(BOB, "s3:prefix", "home/alice/", "aws:username", "bob"), Outcome.NO_MATCH),
                row("${aws:SourceIp} compared with a string operator",
                        allowIf("{'StringEquals':{'s3:x-amz-meta-origin':'${aws:SourceIp}'}}"),
                        get(ALICE, "s3:x-amz-meta-origin", "192.0.2.1", "aws:SourceIp", "192.0.2.1"), Outcome.ALLOW),
                row("2008-10-17 policies take ${...} literally",
                        "{'Statement':[{'Effect':'Allow','Principal':'*','Action':'s3:GetObject','Resource':'arn:aws:s3:::photos/${aws:username}'}]}",
                        request(ALICE, "s3:GetObject", "arn:aws:s3:::photos/${aws:username}", "aws:username", "alice"), Outcome.ALLOW),
                row("2008-10-17 policies do not substitute",
                        "{'Statement':[{'Effect':'Allow','Principal':'*','Action':'s3:GetObject','Resource':'arn:aws:s3:::photos/${aws:username}'}]}",
                        request(ALICE, "s3:GetObject", "arn:aws:s3:::photos/alice", "aws:username", "alice"), Outcome.NO_MATCH));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluatesTheTable(Case testCase) {
        BucketPolicy policy = BucketPolicy.parse(json(testCase.policy()), BUCKET);
        PolicyDecision decision = PolicyEvaluator.evaluate(policy, testCase.request());
        assertEquals(testCase.expected(), decision.outcome(), decision::reason);
    }

    @Test
    void noPolicyIsNoMatch() {
        PolicyDecision decision = PolicyEvaluator.evaluate(null, get(ALICE));
        assertEquals(Outcome.NO_MATCH, decision.outcome());
        assertEquals(List.of(), decision.statements());
    }

    @Test
    void explainsEveryStatement() {
        String policy = json("""
                {'Version':'2012-10-17','Statement':[
                  {'Sid':'PublicRead','Effect':'Allow','Principal':'*','Action':'s3:GetObject','Resource':'arn:aws:s3:::photos/*'},
                  {'Sid':'DenyHttp','Effect':'Deny','Principal':'*','Action':'s3:*','Resource':'arn:aws:s3:::photos/*',
                   'Condition':{'Bool':{'aws:SecureTransport':'false'}}},
                  {'Effect':'Allow','Principal':'*','Action':'s3:PutObject','Resource':'arn:aws:s3:::photos/*'}]}""");
        BucketPolicy parsed = BucketPolicy.parse(policy, BUCKET);

        PolicyDecision denied = PolicyEvaluator.evaluate(parsed, get(ANONYMOUS, "aws:SecureTransport", "false"));
        assertEquals(Outcome.EXPLICIT_DENY, denied.outcome());
        assertEquals("Denied by statement \"DenyHttp\" (#1)", denied.reason());
        assertEquals(List.of(
                new StatementResult("PublicRead", 0, "Allow", true),
                new StatementResult("DenyHttp", 1, "Deny", true),
                new StatementResult(null, 2, "Allow", false)), denied.statements());

        PolicyDecision allowed = PolicyEvaluator.evaluate(parsed,
                request(ANONYMOUS, "s3:PutObject", OBJECT, "aws:SecureTransport", "true"));
        assertEquals(Outcome.ALLOW, allowed.outcome());
        assertEquals("Allowed by statement #2", allowed.reason());

        PolicyDecision unmatched = PolicyEvaluator.evaluate(parsed,
                request(ANONYMOUS, "s3:DeleteObject", OBJECT, "aws:SecureTransport", "true"));
        assertEquals(Outcome.NO_MATCH, unmatched.outcome());
        assertEquals("No statement allows s3:DeleteObject on arn:aws:s3:::photos/cat.jpg", unmatched.reason());
        assertTrue(unmatched.statements().stream().noneMatch(StatementResult::matched));
    }

    @Test
    void contextKeysDifferingOnlyInCaseAreMerged() {
        Map<String, List<String>> context = new LinkedHashMap<>();
        context.put("aws:TagKeys", List.of("a"));
        context.put("AWS:TAGKEYS", List.of("b"));
        PolicyRequest request = new PolicyRequest(ALICE, "s3:GetObject", OBJECT, context, NOW);
        assertEquals(List.of("a", "b"), request.values("aws:tagkeys"));
    }

    // --- builders ---

    private static Arguments row(String name, String policy, PolicyRequest request, Outcome expected) {
        return Arguments.of(new Case(name, policy, request, expected));
    }

    /** Single quotes to double quotes, so fragments can be written inline; {@code ~} is a single quote. */
    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"').replace('~', '\'');
    }

    private static String policy(String... statements) {
        return "{'Version':'2012-10-17','Statement':[" + String.join(",", statements) + "]}";
    }

    private static String statement(String effect, String principalField, String principal, String actionField,
            String action, String resourceField, String resource, String condition) {
        return "{'Effect':'" + effect + "','" + principalField + "':" + principal + ",'" + actionField + "':" + action
                + ",'" + resourceField + "':" + resource + (condition == null ? "" : ",'Condition':" + condition) + "}";
    }

    private static String allowStatement(String principal, String action, String resource, String condition) {
        return statement("Allow", "Principal", principal, "Action", action, "Resource", resource, condition);
    }

    private static String denyStatement(String principal, String action, String resource, String condition) {
        return statement("Deny", "Principal", principal, "Action", action, "Resource", resource, condition);
    }

    private static String allow(String principal, String action, String resource) {
        return policy(allowStatement(principal, action, resource, null));
    }

    /** Allow s3:GetObject on the bucket's objects to everyone, if the condition holds. */
    private static String allowIf(String condition) {
        return policy(allowStatement(EVERYONE, "'s3:GetObject'", ALL_OBJECTS, condition));
    }

    /** Allow s3:ListBucket on the bucket to everyone, if the condition holds. */
    private static String allowListIf(String condition) {
        return policy(allowStatement(EVERYONE, "'s3:ListBucket'", "'arn:aws:s3:::photos'", condition));
    }

    /** Allow everything on the objects, but deny everything if the condition holds. */
    private static String denyIfWithAllowAll(String condition) {
        return policy(allowStatement(EVERYONE, "'s3:*'", ALL_OBJECTS, null),
                denyStatement(EVERYONE, "'s3:*'", ALL_OBJECTS, condition));
    }

    private static PolicyRequest get(PolicyPrincipal who, String... context) {
        return request(who, "s3:GetObject", OBJECT, context);
    }

    private static PolicyRequest list(PolicyPrincipal who, String... context) {
        return request(who, "s3:ListBucket", BUCKET_ARN, context);
    }

    /**
     * {@code context} is key, value, [more values...], key, value...: an item right after a key
     * is always a value; after that, an item starting with {@code aws:} or {@code s3:} opens the
     * next key.
     */
    private static PolicyRequest request(PolicyPrincipal who, String action, String resource, String... context) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        List<String> values = null;
        boolean afterKey = false;
        for (String item : context) {
            if (!afterKey && (item.startsWith("aws:") || item.startsWith("s3:"))) {
                values = new ArrayList<>();
                map.put(item, values);
                afterKey = true;
            } else {
                values.add(item);
                afterKey = false;
            }
        }
        return new PolicyRequest(who, action, resource, map, NOW);
    }
}
