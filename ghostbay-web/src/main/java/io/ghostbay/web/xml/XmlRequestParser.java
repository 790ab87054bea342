package io.ghostbay.web.xml;

import io.ghostbay.acl.AclGrant;
import io.ghostbay.acl.AclGrantee;
import io.ghostbay.acl.AclPermission;
import io.ghostbay.acl.PublicAccessBlock;
import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads S3 request documents with a size cap and a StAX parser that refuses DTDs and external
 * entities. Anything that is not the expected shape is MalformedXML.
 */
public final class XmlRequestParser {
    private static final XMLInputFactory FACTORY = newFactory();

    private XmlRequestParser() {
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    /**
     * Reads the whole body into memory, failing with MaxMessageLengthExceeded as soon as it exceeds
     * {@code maxBytes} (the rest of the body is never read).
     */
    public static byte[] readCapped(InputStream in, int maxBytes) {
        try {
            byte[] data = in.readNBytes(maxBytes + 1);
            if (data.length > maxBytes) {
                throw S3Exception.of(S3ErrorCode.MAX_MESSAGE_LENGTH_EXCEEDED, "Your request was too big: the document "
                        + "may have at most " + maxBytes + " bytes.").with("MaxMessageLengthBytes", Integer.toString(maxBytes));
            }
            return data;
        } catch (IOException e) {
            throw S3Exception.bodyCutOff(e);
        }
    }

    /** The {@code <Delete>} document of DeleteObjects. */
    public record DeleteRequest(boolean quiet, List<String> keys) {
    }

    public static DeleteRequest parseDelete(byte[] xml) {
        var doc = new Object() {
            boolean quiet;
            final List<String> keys = new ArrayList<>();
        };
        XMLStreamReader r = open(xml, "Delete");
        try {
            children(r, name -> {
                switch (name) {
                    case "Quiet" -> doc.quiet = Boolean.parseBoolean(r.getElementText().trim());
                    case "Object" -> doc.keys.add(readObjectKey(r));
                    default -> skip(r);
                }
            });
        } catch (XMLStreamException | RuntimeException e) {
            throw malformed(e);
        }
        if (doc.keys.isEmpty() || doc.keys.size() > 1000) {
            throw S3Exception.of(S3ErrorCode.MALFORMED_XML);
        }
        return new DeleteRequest(doc.quiet, doc.keys);
    }

    private static String readObjectKey(XMLStreamReader r) throws XMLStreamException {
        var object = new Object() {
            String key;
        };
        children(r, name -> {
            if (name.equals("Key")) {
                object.key = r.getElementText();
            } else {
                skip(r);
            }
        });
        if (object.key == null || object.key.isEmpty()) {
            throw S3Exception.of(S3ErrorCode.MALFORMED_XML);
        }
        return object.key;
    }

    /** The parts of a CompleteMultipartUpload document, in document order (order is checked by the service). */
    public static List<CompletedPartXml> parseCompleteMultipartUpload(byte[] xml) {
        XMLStreamReader r = open(xml, "CompleteMultipartUpload");
        List<CompletedPartXml> parts = new ArrayList<>();
        try {
            children(r, name -> {
                if (name.equals("Part")) {
                    parts.add(readPart(r));
                } else {
                    skip(r);
                }
            });
        } catch (XMLStreamException | RuntimeException e) {
            throw malformed(e);
        }
        if (parts.isEmpty() || parts.size() > 10_000) {
            throw S3Exception.of(S3ErrorCode.MALFORMED_XML);
        }
        return parts;
    }

    public record CompletedPartXml(int partNumber, String etag) {
    }

    private static CompletedPartXml readPart(XMLStreamReader r) throws XMLStreamException {
        var part = new Object() {
            Integer number;
            String etag;
        };
        children(r, name -> {
            switch (name) {
                case "PartNumber" -> part.number = Integer.parseInt(r.getElementText().trim());
                case "ETag" -> part.etag = r.getElementText().trim();
                default -> skip(r);
            }
        });
        if (part.number == null || part.etag == null) {
            throw S3Exception.of(S3ErrorCode.MALFORMED_XML);
        }
        return new CompletedPartXml(part.number, part.etag);
    }

    /** The LocationConstraint of a CreateBucketConfiguration, or null (also for an empty body). */
    public static String parseCreateBucketConfiguration(byte[] xml) {
        if (isBlank(xml)) {
            return null;
        }
        var config = new Object() {
            String location;
        };
        XMLStreamReader r = open(xml, "CreateBucketConfiguration");
        try {
            children(r, name -> {
                if (name.equals("LocationConstraint")) {
                    config.location = r.getElementText().trim();
                } else {
                    skip(r);
                }
            });
            return config.location;
        } catch (XMLStreamException | RuntimeException e) {
            throw malformed(e);
        }
    }

    /**
     * The grants of an AccessControlPolicy document (PutBucketAcl / PutObjectAcl). The Owner element is
     * not used: an ACL's owner is the resource's owner. Errors are MalformedACLError, as on AWS.
     */
    public static List<AclGrant> parseAccessControlPolicy(byte[] xml) {
        List<AclGrant> grants = new ArrayList<>();
        var doc = new Object() {
            boolean sawList;
        };
        try {
            XMLStreamReader r = open(xml, "AccessControlPolicy");
            children(r, name -> {
                if (name.equals("AccessControlList")) {
                    doc.sawList = true;
                    children(r, grant -> {
                        if (grant.equals("Grant")) {
                            grants.add(readGrant(r));
                        } else {
                            skip(r);
                        }
                    });
                } else {
                    skip(r);
                }
            });
        } catch (XMLStreamException | RuntimeException e) {
            if (e instanceof S3Exception s3 && s3.code() == S3ErrorCode.UNRESOLVABLE_GRANT_BY_EMAIL_ADDRESS) {
                throw s3;
            }
            throw S3Exception.of(S3ErrorCode.MALFORMED_ACL_ERROR, S3ErrorCode.MALFORMED_ACL_ERROR.defaultMessage(), e);
        }
        if (!doc.sawList) {
            throw S3Exception.of(S3ErrorCode.MALFORMED_ACL_ERROR);
        }
        return grants;
    }

    private static AclGrant readGrant(XMLStreamReader r) throws XMLStreamException {
        var grant = new Object() {
            AclGrantee grantee;
            AclPermission permission;
        };
        children(r, name -> {
            switch (name) {
                case "Grantee" -> grant.grantee = readGrantee(r);
                case "Permission" -> grant.permission = AclPermission.valueOf(r.getElementText().trim());
                default -> skip(r);
            }
        });
        if (grant.grantee == null || grant.permission == null) {
            throw S3Exception.of(S3ErrorCode.MALFORMED_ACL_ERROR);
        }
        return new AclGrant(grant.grantee, grant.permission);
    }

    private static AclGrantee readGrantee(XMLStreamReader r) throws XMLStreamException {
        var grantee = new Object() {
            String id;
            String uri;
            boolean email;
        };
        children(r, name -> {
            switch (name) {
                case "ID" -> grantee.id = r.getElementText().trim();
                case "URI" -> grantee.uri = r.getElementText().trim();
                case "EmailAddress" -> {
                    grantee.email = true;
                    r.getElementText();
                }
                default -> skip(r);
            }
        });
        if (grantee.email && grantee.id == null && grantee.uri == null) {
            throw S3Exception.of(S3ErrorCode.UNRESOLVABLE_GRANT_BY_EMAIL_ADDRESS);
        }
        if ((grantee.id == null) == (grantee.uri == null)) {
            throw S3Exception.of(S3ErrorCode.MALFORMED_ACL_ERROR);
        }
        return grantee.id != null ? AclGrantee.user(grantee.id) : AclGrantee.group(grantee.uri);
    }

    /** The tags of a Tagging document (PutObjectTagging), in document order; duplicate keys are InvalidTag. */
    public static Map<String, String> parseTagging(byte[] xml) {
        Map<String, String> tags = new LinkedHashMap<>();
        try {
            XMLStreamReader r = open(xml, "Tagging");
            children(r, name -> {
                requireElement(name, "TagSet");
                children(r, tagElement -> {
                    requireElement(tagElement, "Tag");
                    var tag = new Object() {
                        String key;
                        String value;
                    };
                    children(r, field -> {
                        switch (field) {
                            case "Key" -> tag.key = r.getElementText();
                            case "Value" -> tag.value = r.getElementText();
                            default -> throw S3Exception.of(S3ErrorCode.MALFORMED_XML);
                        }
                    });
                    if (tag.key == null || tag.value == null) {
                        throw S3Exception.of(S3ErrorCode.MALFORMED_XML);
                    }
                    if (tags.put(tag.key, tag.value) != null) {
                        throw S3Exception.of(S3ErrorCode.INVALID_TAG, "Cannot provide multiple Tags with the same key");
                    }
                });
            });
        } catch (XMLStreamException | RuntimeException e) {
            throw malformed(e);
        }
        return tags;
    }

    /** The ObjectOwnership of an OwnershipControls document. */
    public static String parseOwnershipControls(byte[] xml) {
        var controls = new Object() {
            String ownership;
        };
        try {
            XMLStreamReader r = open(xml, "OwnershipControls");
            children(r, name -> {
                requireElement(name, "Rule");
                children(r, setting -> {
                    if (!setting.equals("ObjectOwnership") || controls.ownership != null) {
                        throw S3Exception.of(S3ErrorCode.MALFORMED_XML);
                    }
                    controls.ownership = r.getElementText().trim();
                });
            });
        } catch (XMLStreamException | RuntimeException e) {
            throw malformed(e);
        }
        if (controls.ownership == null) {
            throw S3Exception.of(S3ErrorCode.MALFORMED_XML);
        }
        return controls.ownership;
    }

    private static final Set<String> PUBLIC_ACCESS_BLOCK_SETTINGS = Set.of("BlockPublicAcls", "IgnorePublicAcls",
            "BlockPublicPolicy", "RestrictPublicBuckets");

    /** A PublicAccessBlockConfiguration document; absent settings are false, as on AWS. */
    public static PublicAccessBlock parsePublicAccessBlock(byte[] xml) {
        Map<String, Boolean> settings = new HashMap<>();
        try {
            XMLStreamReader r = open(xml, "PublicAccessBlockConfiguration");
            children(r, name -> {
                String value = r.getElementText().trim();
                if (!PUBLIC_ACCESS_BLOCK_SETTINGS.contains(name) || !(value.equals("true") || value.equals("false"))) {
                    throw S3Exception.of(S3ErrorCode.MALFORMED_XML);
                }
                settings.put(name, Boolean.parseBoolean(value));
            });
        } catch (XMLStreamException | RuntimeException e) {
            throw malformed(e);
        }
        return new PublicAccessBlock(settings.getOrDefault("BlockPublicAcls", false), settings.getOrDefault("IgnorePublicAcls", false),
                settings.getOrDefault("BlockPublicPolicy", false), settings.getOrDefault("RestrictPublicBuckets", false));
    }

    /** Reads one child element; it must consume the element (its text, {@link #skip}, or its own children). */
    @FunctionalInterface
    private interface ChildElement {
        void read(String localName) throws XMLStreamException;
    }

    /** Hands each child element of the element the reader is in to the handler, up to that element's end tag. */
    private static void children(XMLStreamReader r, ChildElement handler) throws XMLStreamException {
        while (true) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                handler.read(r.getLocalName());
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                return;
            }
        }
    }

    private static void requireElement(String actual, String expected) {
        if (!actual.equals(expected)) {
            throw S3Exception.of(S3ErrorCode.MALFORMED_XML);
        }
    }

    private static boolean isBlank(byte[] xml) {
        for (byte b : xml) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    private static XMLStreamReader open(byte[] xml, String expectedRoot) {
        try {
            XMLStreamReader r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(xml));
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.DTD) {
                    throw S3Exception.of(S3ErrorCode.MALFORMED_XML);
                }
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    if (!r.getLocalName().equals(expectedRoot)) {
                        throw S3Exception.of(S3ErrorCode.MALFORMED_XML);
                    }
                    return r;
                }
            }
            throw S3Exception.of(S3ErrorCode.MALFORMED_XML);
        } catch (XMLStreamException e) {
            throw malformed(e);
        }
    }

    private static void skip(XMLStreamReader r) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    private static S3Exception malformed(Exception e) {
        if (e instanceof S3Exception s3) {
            return s3;
        }
        return S3Exception.of(S3ErrorCode.MALFORMED_XML, S3ErrorCode.MALFORMED_XML.defaultMessage(), e);
    }
}
