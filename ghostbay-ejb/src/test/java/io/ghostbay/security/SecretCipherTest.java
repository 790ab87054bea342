package io.ghostbay.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class SecretCipherTest {
    private static final byte[] KEY = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private final SecretCipher cipher = new SecretCipher(KEY);

    @Test
    void roundTrip() {
        String stored = cipher.encrypt("GBKEY1", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        assertTrue(SecretCipher.isEncrypted(stored));
        assertFalse(stored.contains("wJalrXUtnFEMI"), "the secret must not appear in the stored form");
        assertEquals("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", cipher.decrypt("GBKEY1", stored));
    }

    @Test
    void freshIvEveryTime() {
        assertNotEquals(cipher.encrypt("K", "same"), cipher.encrypt("K", "same"));
    }

    @Test
    void boundToTheAccessKeyId() {
        String stored = cipher.encrypt("GBKEY1", "secret");
        assertThrows(SecretCipher.SecretDecryptionException.class, () -> cipher.decrypt("GBKEY2", stored));
    }

    @Test
    void otherMasterKeyIsNamedInTheError() {
        byte[] other = KEY.clone();
        other[0] = 9;
        String stored = new SecretCipher(other).encrypt("K", "Plaintext-Value-123");
        SecretCipher.SecretDecryptionException e = assertThrows(SecretCipher.SecretDecryptionException.class,
                () -> cipher.decrypt("K", stored));
        assertTrue(e.getMessage().contains("master key " + new SecretCipher(other).keyId()), e.getMessage());
        assertFalse(e.getMessage().contains("Plaintext-Value-123"), "no plaintext in errors");
    }

    @Test
    void tamperedCiphertextFails() {
        String stored = cipher.encrypt("K", "secret-value");
        byte[] data = Base64.getDecoder().decode(stored.substring(stored.lastIndexOf(':') + 1));
        data[data.length - 1] ^= 1;
        String tampered = stored.substring(0, stored.lastIndexOf(':') + 1) + Base64.getEncoder().encodeToString(data);
        assertThrows(SecretCipher.SecretDecryptionException.class, () -> cipher.decrypt("K", tampered));
    }

    @Test
    void plaintextIsNotAcceptedAsCiphertext() {
        assertThrows(SecretCipher.SecretDecryptionException.class, () -> cipher.decrypt("K", "plain-secret"));
    }

    @Test
    void masterKeyFormats() {
        String hex = HexFormat.of().formatHex(KEY);
        String b64 = Base64.getEncoder().encodeToString(KEY);
        assertEquals(cipher.keyId(), new SecretCipher(SecretCipher.decodeMasterKey(hex)).keyId());
        assertEquals(cipher.keyId(), new SecretCipher(SecretCipher.decodeMasterKey(" " + b64 + "\n")).keyId());
        assertThrows(IllegalArgumentException.class, () -> SecretCipher.decodeMasterKey("c2hvcnQ="));
        assertThrows(IllegalArgumentException.class, () -> SecretCipher.decodeMasterKey("not base64 !!"));
        assertEquals(32, SecretCipher.decodeMasterKey(SecretCipher.generateMasterKey()).length);
    }
}
