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
import java.util.List;
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
        List<String> keys = new ArrayList<>();
        boolean quiet = false;
        XMLStreamReader r = open(xml, "Delete");
        try {
            int depth = 1;
            while (depth > 0) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String name = r.getLocalName();
                    if (depth == 2 && name.equals("Quiet")) {
                        quiet = Boolean.parseBoolean(r.getElementText().trim());
                        depth--;
                    } else if (depth == 2 && name.equals("Object")) {
                        keys.add(readObjectKey(r));
                        depth--;
                    } else if (depth == 2) {
                        skip(r);
                        depth--;
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw malformed(e);
        }
        if (keys.isEmpty() || keys.size() > 1000) {
            throw S3Exception.of(S3ErrorCode.MALFORMED_XML);
        }
        return new DeleteRequest(quiet, keys);
    }

    private static String readObjectKey(XMLStreamReader r) throws XMLStreamException {
        String key = null;
        while (true) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                if (r.getLocalName().equals("Key")) {
                    key = r.getElementText();
                } else {
                    skip(r);
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                break;
            }
        }
        if (key == null || key.isEmpty()) {
            throw S3Exception.of(S3ErrorCode.MALFORMED_XML);
        }
        return key;
    }

    /** The parts of a CompleteMultipartUpload document, in document order (order is checked by the service). */
    public static List<CompletedPartXml> parseCompleteMultipartUpload(byte[] xml) {
        XMLStreamReader r = open(xml, "CompleteMultipartUpload");
        List<CompletedPartXml> parts = new ArrayList<>();
        try {
            int depth = 1;
            while (depth > 0) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    if (r.getLocalName().equals("Part")) {
                        parts.add(readPart(r));
                    } else {
                        skip(r);
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
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
        Integer number = null;
        String etag = null;
        while (true) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "PartNumber" -> number = Integer.parseInt(r.getElementText().trim());
                    case "ETag" -> etag = r.getElementText().trim();
                    default -> skip(r);
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                break;
            }
        }
        if (number == null || etag == null) {
            throw S3Exception.of(S3ErrorCode.MALFORMED_XML);
        }
        return new CompletedPartXml(number, etag);
    }

    /** The LocationConstraint of a CreateBucketConfiguration, or null (also for an empty body). */
    public static String parseCreateBucketConfiguration(byte[] xml) {
        if (isBlank(xml)) {
            return null;
        }
        XMLStreamReader r = open(xml, "CreateBucketConfiguration");
        try {
            String location = null;
            int depth = 1;
            while (depth > 0) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    if (depth == 1 && r.getLocalName().equals("LocationConstraint")) {
                        location = r.getElementText().trim();
                    } else {
                        skip(r);
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
            return location;
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
        boolean sawList = false;
        try {
            XMLStreamReader r = open(xml, "AccessControlPolicy");
            int depth = 1;
            while (depth > 0) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    if (depth == 1 && r.getLocalName().equals("AccessControlList")) {
                        sawList = true;
                        depth++;
                    } else if (depth == 2 && r.getLocalName().equals("Grant")) {
                        grants.add(readGrant(r));
                    } else {
                        skip(r);
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw S3Exception.of(S3ErrorCode.MALFORMED_ACL_ERROR, S3ErrorCode.MALFORMED_ACL_ERROR.defaultMessage(), e);
        }
        if (!sawList) {
            throw S3Exception.of(S3ErrorCode.MALFORMED_ACL_ERROR);
        }
        return grants;
    }

    private static AclGrant readGrant(XMLStreamReader r) throws XMLStreamException {
        AclGrantee grantee = null;
        AclPermission permission = null;
        while (true) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "Grantee" -> grantee = readGrantee(r);
                    case "Permission" -> permission = AclPermission.valueOf(r.getElementText().trim());
                    default -> skip(r);
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                break;
            }
        }
        if (grantee == null || permission == null) {
            throw S3Exception.of(S3ErrorCode.MALFORMED_ACL_ERROR);
        }
        return new AclGrant(grantee, permission);
    }

    private static AclGrantee readGrantee(XMLStreamReader r) throws XMLStreamException {
        String id = null;
        String uri = null;
        boolean email = false;
        while (true) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "ID" -> id = r.getElementText().trim();
                    case "URI" -> uri = r.getElementText().trim();
                    case "EmailAddress" -> {
                        email = true;
                        r.getElementText();
                    }
                    default -> skip(r);
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                break;
            }
        }
        if (email && id == null && uri == null) {
            throw S3Exception.of(S3ErrorCode.UNRESOLVABLE_GRANT_BY_EMAIL_ADDRESS);
        }
        if ((id == null) == (uri == null)) {
            throw S3Exception.of(S3ErrorCode.MALFORMED_ACL_ERROR);
        }
        return id != null ? AclGrantee.user(id) : AclGrantee.group(uri);
    }

    /** The tags of a Tagging document (PutObjectTagging), in document order; duplicate keys are InvalidTag. */
    public static java.util.Map<String, String> parseTagging(byte[] xml) {
        java.util.Map<String, String> tags = new java.util.LinkedHashMap<>();
        try {
            XMLStreamReader r = open(xml, "Tagging");
            int depth = 1;
            while (depth > 0) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    if (depth == 1 && r.getLocalName().equals("TagSet")) {
                        depth++;
                    } else if (depth == 2 && r.getLocalName().equals("Tag")) {
                        String key = null;
                        String value = null;
                        while (true) {
                            int e = r.next();
                            if (e == XMLStreamConstants.START_ELEMENT) {
                                switch (r.getLocalName()) {
                                    case "Key" -> key = r.getElementText();
                                    case "Value" -> value = r.getElementText();
                                    default -> throw S3Exception.of(S3ErrorCode.MALFORMED_XML);
                                }
                            } else if (e == XMLStreamConstants.END_ELEMENT) {
                                break;
                            }
                        }
                        if (key == null || value == null) {
                            throw S3Exception.of(S3ErrorCode.MALFORMED_XML);
                        }
                        if (tags.put(key, value) != null) {
                            throw S3Exception.of(S3ErrorCode.INVALID_TAG, "Cannot provide multiple Tags with the same key");
                        }
                    } else {
                        throw S3Exception.of(S3ErrorCode.MALFORMED_XML);
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw malformed(e);
        }
        return tags;
    }

    /** The ObjectOwnership of an OwnershipControls document. */
    public static String parseOwnershipControls(byte[] xml) {
        String ownership = null;
        try {
            XMLStreamReader r = open(xml, "OwnershipControls");
            int depth = 1;
            while (depth > 0) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    if (depth == 1 && r.getLocalName().equals("Rule")) {
                        depth++;
                    } else if (depth == 2 && r.getLocalName().equals("ObjectOwnership") && ownership == null) {
                        ownership = r.getElementText().trim();
                    } else {
                        throw S3Exception.of(S3ErrorCode.MALFORMED_XML);
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw malformed(e);
        }
        if (ownership == null) {
            throw S3Exception.of(S3ErrorCode.MALFORMED_XML);
        }
        return ownership;
    }

    /** A PublicAccessBlockConfiguration document; absent settings are false, as on AWS. */
    public static PublicAccessBlock parsePublicAccessBlock(byte[] xml) {
        java.util.Map<String, Boolean> settings = new java.util.HashMap<>();
        try {
            XMLStreamReader r = open(xml, "PublicAccessBlockConfiguration");
            int depth = 1;
            while (depth > 0) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    String name = r.getLocalName();
                    String value = r.getElementText().trim();
                    if (!Set.of("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets").contains(name)
                            || !(value.equals("true") || value.equals("false"))) {
                        throw S3Exception.of(S3ErrorCode.MALFORMED_XML);
                    }
                    settings.put(name, Boolean.parseBoolean(value));
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw malformed(e);
        }
        return new PublicAccessBlock(settings.getOrDefault("BlockPublicAcls", false), settings.getOrDefault("IgnorePublicAcls", false),
                settings.getOrDefault("BlockPublicPolicy", false), settings.getOrDefault("RestrictPublicBuckets", false));
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
