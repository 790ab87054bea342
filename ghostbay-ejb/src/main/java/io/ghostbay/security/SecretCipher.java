package io.ghostbay.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts access-key secrets for the catalog with AES-256-GCM under the master key.
 * SigV4 needs the secret itself (a hash would not do), so the catalog must hold it; encrypted,
 * a copy of the database alone reveals no secret.
 *
 * <p>Stored form: {@code gcm1:<key id>:<base64(iv || ciphertext || tag)>}. The key id (first 8 hex
 * digits of the master key's SHA-256) turns "encrypted under another master key" into a clear
 * error instead of failed signatures. The access key id is the additional authenticated data, so a
 * ciphertext copied onto another key's row does not decrypt.
 */
public final class SecretCipher {
    static final String PREFIX = "gcm1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;
    private final String keyId;

    public SecretCipher(byte[] masterKey) {
        if (masterKey == null || masterKey.length != 32) {
            throw new IllegalArgumentException("The master key must be 32 bytes (AES-256), got "
                    + (masterKey == null ? "none" : masterKey.length + " bytes"));
        }
        this.key = new SecretKeySpec(masterKey.clone(), "AES");
        this.keyId = keyIdOf(masterKey);
    }

    /**
     * Reads a master key as written by operators: 64 hex digits or the base64 of 32 bytes.
     *
     * @throws IllegalArgumentException with a message that never repeats the value
     */
    public static byte[] decodeMasterKey(String text) {
        String t = Objects.requireNonNull(text, "master key").strip();
        byte[] bytes;
        if (t.length() == 64 && t.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            bytes = HexFormat.of().parseHex(t);
        } else {
            try {
                bytes = Base64.getDecoder().decode(t);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("The master key is neither 64 hex digits nor base64");
            }
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException("The master key must decode to 32 bytes, got " + bytes.length);
        }
        return bytes;
    }

    /** A new random master key in the base64 form {@link #decodeMasterKey} reads. */
    public static String generateMasterKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Identifies the master key without revealing it. */
    public String keyId() {
        return keyId;
    }

    public static boolean isEncrypted(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    public String encrypt(String accessKeyId, String secret) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(accessKeyId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return PREFIX + keyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * @throws SecretDecryptionException when the value was encrypted under another master key, for
     *                                   another access key id, or was altered
     */
    public String decrypt(String accessKeyId, String stored) {
        if (!isEncrypted(stored)) {
            throw new SecretDecryptionException("The stored secret of " + accessKeyId + " is not encrypted");
        }
        int colon = stored.indexOf(':', PREFIX.length());
        if (colon < 0) {
            throw new SecretDecryptionException("The stored secret of " + accessKeyId + " is malformed");
        }
        String storedKeyId = stored.substring(PREFIX.length(), colon);
        if (!storedKeyId.equals(keyId)) {
            throw new SecretDecryptionException("The secret of " + accessKeyId + " was encrypted under master key "
                    + storedKeyId + ", but the configured master key is " + keyId);
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(stored.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new SecretDecryptionException("The stored secret of " + accessKeyId + " is malformed");
        }
        if (data.length < IV_BYTES + TAG_BITS / 8) {
            throw new SecretDecryptionException("The stored secret of " + accessKeyId + " is truncated");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, IV_BYTES));
            cipher.updateAAD(accessKeyId.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(data, IV_BYTES, data.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new SecretDecryptionException("The stored secret of " + accessKeyId + " fails authentication");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private static String keyIdOf(byte[] masterKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(masterKey);
            return HexFormat.of().formatHex(Arrays.copyOf(digest, 4));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stored secret that cannot be decrypted with the configured master key. */
    public static final class SecretDecryptionException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public SecretDecryptionException(String message) {
            super(message);
        }
    }
}
