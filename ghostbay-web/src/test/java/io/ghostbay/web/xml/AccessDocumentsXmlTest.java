package io.ghostbay.web.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ghostbay.acl.AclGrant;
import io.ghostbay.acl.AclGrantee;
import io.ghostbay.acl.AclPermission;
import io.ghostbay.acl.PublicAccessBlock;
import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The request documents of ACLs, ownership controls, public access blocks and tagging. */
class AccessDocumentsXmlTest {
    private static final String NS = " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";
    private static final String XSI = " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static S3ErrorCode code(Runnable r) {
        return assertThrows(S3Exception.class, r::run).code();
    }

    @Test
    void accessControlPolicy() {
        List<AclGrant> grants = XmlRequestParser.parseAccessControlPolicy(b("<AccessControlPolicy" + NS + "><Owner><ID>o</ID></Owner>"
                + "<AccessControlList><Grant><Grantee" + XSI + " xsi:type=\"CanonicalUser\"><ID>abc</ID><DisplayName>x</DisplayName>"
                + "</Grantee><Permission>FULL_CONTROL</Permission></Grant><Grant><Grantee" + XSI + " xsi:type=\"Group\">"
                + "<URI>" + AclGrantee.ALL_USERS + "</URI></Grantee><Permission>READ</Permission></Grant></AccessControlList>"
                + "</AccessControlPolicy>"));
        assertEquals(List.of(new AclGrant(AclGrantee.user("abc"), AclPermission.FULL_CONTROL),
                new AclGrant(AclGrantee.group(AclGrantee.ALL_USERS), AclPermission.READ)), grants);
        assertEquals(S3ErrorCode.MALFORMED_ACL_ERROR, code(() -> XmlRequestParser.parseAccessControlPolicy(
                b("<AccessControlPolicy><Owner><ID>o</ID></Owner></AccessControlPolicy>"))));
        assertEquals(S3ErrorCode.MALFORMED_ACL_ERROR, code(() -> XmlRequestParser.parseAccessControlPolicy(b("<AccessControlPolicy>"
                + "<AccessControlList><Grant><Grantee><ID>a</ID></Grantee><Permission>EVERYTHING</Permission></Grant>"
                + "</AccessControlList></AccessControlPolicy>"))));
        assertEquals(S3ErrorCode.MALFORMED_ACL_ERROR, code(() -> XmlRequestParser.parseAccessControlPolicy(b("<AccessControlPolicy>"
                + "<AccessControlList><Grant><Grantee><ID>a</ID><URI>u</URI></Grantee><Permission>READ</Permission></Grant>"
                + "</AccessControlList></AccessControlPolicy>"))));
        assertEquals(S3ErrorCode.UNRESOLVABLE_GRANT_BY_EMAIL_ADDRESS, code(() -> XmlRequestParser.parseAccessControlPolicy(
                b("<AccessControlPolicy><AccessControlList><Grant><Grantee><EmailAddress>a@b.c</EmailAddress></Grantee>"
                        + "<Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy>"))));
    }

    @Test
    void ownershipControls() {
        assertEquals("ObjectWriter", XmlRequestParser.parseOwnershipControls(
                b("<OwnershipControls" + NS + "><Rule><ObjectOwnership>ObjectWriter</ObjectOwnership></Rule></OwnershipControls>")));
        assertEquals(S3ErrorCode.MALFORMED_XML, code(() -> XmlRequestParser.parseOwnershipControls(b("<OwnershipControls/>"))));
        assertEquals(S3ErrorCode.MALFORMED_XML, code(() -> XmlRequestParser.parseOwnershipControls(b("<OwnershipControls><Rule>"
                + "<ObjectOwnership>A</ObjectOwnership><ObjectOwnership>B</ObjectOwnership></Rule></OwnershipControls>"))));
    }

    @Test
    void publicAccessBlock() {
        PublicAccessBlock p = XmlRequestParser.parsePublicAccessBlock(b("<PublicAccessBlockConfiguration" + NS
                + "><BlockPublicAcls>true</BlockPublicAcls><RestrictPublicBuckets>true</RestrictPublicBuckets>"
                + "</PublicAccessBlockConfiguration>"));
        assertTrue(p.blockPublicAcls());
        assertFalse(p.ignorePublicAcls());
        assertFalse(p.blockPublicPolicy());
        assertTrue(p.restrictPublicBuckets());
        assertEquals(S3ErrorCode.MALFORMED_XML, code(() -> XmlRequestParser.parsePublicAccessBlock(
                b("<PublicAccessBlockConfiguration><BlockPublicAcls>yes</BlockPublicAcls></PublicAccessBlockConfiguration>"))));
        assertEquals(S3ErrorCode.MALFORMED_XML, code(() -> XmlRequestParser.parsePublicAccessBlock(
                b("<PublicAccessBlockConfiguration><BlockEverything>true</BlockEverything></PublicAccessBlockConfiguration>"))));
    }

    @Test
    void tagging() {
        assertEquals(Map.of("a", "1", "b", ""), XmlRequestParser.parseTagging(b("<Tagging" + NS + "><TagSet><Tag><Key>a</Key>"
                + "<Value>1</Value></Tag><Tag><Key>b</Key><Value></Value></Tag></TagSet></Tagging>")));
        assertEquals(Map.of(), XmlRequestParser.parseTagging(b("<Tagging><TagSet/></Tagging>")));
        assertEquals(S3ErrorCode.INVALID_TAG, code(() -> XmlRequestParser.parseTagging(b("<Tagging><TagSet><Tag><Key>a</Key>"
                + "<Value>1</Value></Tag><Tag><Key>a</Key><Value>2</Value></Tag></TagSet></Tagging>"))));
        assertEquals(S3ErrorCode.MALFORMED_XML, code(() -> XmlRequestParser.parseTagging(
                b("<Tagging><TagSet><Tag><Key>a</Key></Tag></TagSet></Tagging>"))));
        assertEquals(S3ErrorCode.MALFORMED_XML, code(() -> XmlRequestParser.parseTagging(b("<Tagging><Other/></Tagging>"))));
    }
}
