package io.ghostbay.security;

import io.ghostbay.config.GhostBayConfig;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.logging.Logger;

/**
 * The {@link SecretCipher} under the configured master key: {@code GHOSTBAY_MASTER_KEY} if set, else
 * the key file ({@code GHOSTBAY_MASTER_KEY_FILE}, default {@code <data dir>/master.key}). With neither,
 * the first start writes a random key file readable by the server's user only, so that a zero-setup
 * install still keeps secrets out of the database. Servers sharing a catalog must share the key.
 */
@ApplicationScoped
public class MasterKeyProvider {
    private static final Logger LOG = Logger.getLogger(MasterKeyProvider.class.getName());

    @Inject
    GhostBayConfig config;

    private volatile SecretCipher cipher;

    public SecretCipher cipher() {
        SecretCipher c = cipher;
        if (c == null) {
            synchronized (this) {
                if (cipher == null) {
                    cipher = new SecretCipher(loadMasterKey());
                    LOG.info("GhostBay master key " + cipher.keyId() + " loaded");
                }
                c = cipher;
            }
        }
        return c;
    }

    private byte[] loadMasterKey() {
        if (config.masterKey().isPresent()) {
            try {
                return SecretCipher.decodeMasterKey(config.masterKey().get());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("GHOSTBAY_MASTER_KEY is invalid: " + e.getMessage());
            }
        }
        Path file = config.masterKeyFile();
        try {
            if (!Files.exists(file)) {
                createKeyFile(file);
            }
            return SecretCipher.decodeMasterKey(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("GhostBay cannot read or create its master key file " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The master key file " + file + " is invalid: " + e.getMessage());
        }
    }

    private static void createKeyFile(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            return; // another server on the same data directory won the race
        }
        Files.writeString(file, SecretCipher.generateMasterKey() + "\n", StandardCharsets.US_ASCII,
                StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        LOG.warning("GhostBay generated a master key in " + file + ": back it up with the catalog, and set "
                + "GHOSTBAY_MASTER_KEY (or GHOSTBAY_MASTER_KEY_FILE) on every server that shares this catalog");
    }
}
