package io.ghostbay.storage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/** The additional checksum algorithms S3 supports ({@code x-amz-checksum-*}). */
public enum ChecksumAlgorithm {
    CRC32("crc32", "ChecksumCRC32"),
    CRC32C("crc32c", "ChecksumCRC32C"),
    CRC64NVME("crc64nvme", "ChecksumCRC64NVME"),
    SHA1("sha1", "ChecksumSHA1"),
    SHA256("sha256", "ChecksumSHA256");

    /** Incremental digest over a byte stream. Not thread-safe; single use after {@link #digest()}. */
    public interface Hasher {
        void update(byte[] b, int off, int len);

        default void update(byte[] b) {
            update(b, 0, b.length);
        }

        /** Raw digest bytes: big-endian CRC value (4 bytes for CRC32/CRC32C, 8 for CRC64NVME) or the hash. */
        byte[] digest();

        /** Base64 of {@link #digest()}, the form used in headers and XML. */
        default String digestBase64() {
            return Base64.getEncoder().encodeToString(digest());
        }
    }

    private final String suffix;
    private final String xmlName;

    ChecksumAlgorithm(String suffix, String xmlName) {
        this.suffix = suffix;
        this.xmlName = xmlName;
    }

    /** e.g. {@code x-amz-checksum-crc32} (lowercase). */
    public String headerName() {
        return "x-amz-checksum-" + suffix;
    }

    /** e.g. {@code ChecksumCRC32}. */
    public String xmlName() {
        return xmlName;
    }

    /** Accepts "CRC32", "crc32c", "CRC64NVME", "SHA1", "SHA256" case-insensitively (surrounding blanks ignored). */
    public static Optional<ChecksumAlgorithm> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toUpperCase(Locale.ROOT);
        for (ChecksumAlgorithm a : values()) {
            if (a.name().equals(n)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Accepts e.g. "x-amz-checksum-crc32" case-insensitively. */
    public static Optional<ChecksumAlgorithm> fromHeaderName(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String h = header.trim().toLowerCase(Locale.ROOT);
        for (ChecksumAlgorithm a : values()) {
            if (a.headerName().equals(h)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    public Hasher newHasher() {
        switch (this) {
            case CRC32:
                return new CrcHasher(new CRC32(), 4);
            case CRC32C:
                return new CrcHasher(new CRC32C(), 4);
            case CRC64NVME:
                return new CrcHasher(new Crc64Nvme(), 8);
            case SHA1:
                return new DigestHasher(md("SHA-1"));
            case SHA256:
                return new DigestHasher(md("SHA-256"));
            default:
                throw new AssertionError(this);
        }
    }

    private static MessageDigest md(String alg) {
        try {
            return MessageDigest.getInstance(alg);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(alg + " not available", e);
        }
    }

    private static final class CrcHasher implements Hasher {
        private final Checksum checksum;
        private final int bytes;

        CrcHasher(Checksum checksum, int bytes) {
            this.checksum = checksum;
            this.bytes = bytes;
        }

        @Override
        public void update(byte[] b, int off, int len) {
            checksum.update(b, off, len);
        }

        @Override
        public byte[] digest() {
            long v = checksum.getValue();
            byte[] out = new byte[bytes];
            for (int k = bytes - 1; k >= 0; k--) {
                out[k] = (byte) v;
                v >>>= 8;
            }
            return out;
        }
    }

    private static final class DigestHasher implements Hasher {
        private final MessageDigest md;

        DigestHasher(MessageDigest md) {
            this.md = md;
        }

        @Override
        public void update(byte[] b, int off, int len) {
            md.update(b, off, len);
        }

        @Override
        public byte[] digest() {
            return md.digest();
        }
    }
}
