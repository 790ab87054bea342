package io.ghostbay.service;

import io.ghostbay.catalog.AccessKey;
import io.ghostbay.catalog.Account;
import io.ghostbay.config.GhostBayConfig;
import io.ghostbay.security.MasterKeyProvider;
import io.ghostbay.security.SecretCipher;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Access keys and the users behind them, as SigV4 verification needs them: looked up in the catalog
 * on every request (no cache), so a disabled, deleted or expired key stops working at once on
 * every server sharing the catalog. Secrets are stored encrypted ({@link SecretCipher}).
 */
@Stateless
public class AccessKeyService {
    private static final Logger LOG = Logger.getLogger(AccessKeyService.class.getName());
    private static final char[] KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final char[] SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** last_used_at is written at most this often per key, so that reads do not turn into writes. */
    private static final long LAST_USED_RESOLUTION_MS = 60_000L;

    @PersistenceContext(unitName = "ghostbay")
    EntityManager em;

    @Inject
    MasterKeyProvider masterKey;

    /**
     * The secret and owner of an active, unexpired key, and its overrides of the request limits
     * (read with the key, so that a changed override applies from the key's next request).
     */
    public record Credentials(String secretKey, Caller caller, long keyRowId, Long lastUsedMs, KeyLimits limits) {

        /** True when last_used_at is older than its resolution and should be written. */
        public boolean lastUsedIsStale(long nowMs) {
            return lastUsedMs == null || nowMs - lastUsedMs >= LAST_USED_RESOLUTION_MS;
        }
    }

    /**
     * Keys verified recently, reused for {@code ghostbay.keys.cache-ttl} (default 2 s) to save two catalog
     * reads per request. Bounded: cleared when it grows past {@link #MAX_CACHED_KEYS}. Evicted at once by every
     * change made through this server ({@link #evict}); expiry is checked on every use.
     */
    private static final Map<String, CachedKey> CACHE = new ConcurrentHashMap<>();
    private static final int MAX_CACHED_KEYS = 10_000;

    private record CachedKey(Credentials credentials, Long expiresMs, long loadedNanos, AtomicLong lastUsedMs) {
    }

    @Inject
    GhostBayConfig config;

    /** Forgets a key (after it was disabled, deleted, rotated or its limits changed). */
    public static void evict(String accessKeyId) {
        CACHE.remove(accessKeyId);
    }

    /** Forgets every key (after a user was deleted). */
    public static void evictAll() {
        CACHE.clear();
    }

    /**
     * The key if {@link #findActive} verified it less than {@code ttl} ago and it has not expired since; null
     * otherwise (ask {@link #findActive}). A plain static call: on a cache hit, which is nearly every signed
     * request, the EJB container's invocation around {@link #findActive} is work for nothing.
     */
    public static Credentials findCached(String accessKeyId, Duration ttl) {
        long ttlNanos = ttl.toNanos();
        CachedKey cached = ttlNanos > 0 ? CACHE.get(accessKeyId) : null;
        if (cached == null || System.nanoTime() - cached.loadedNanos() >= ttlNanos) {
            return null;
        }
        if (cached.expiresMs() != null && cached.expiresMs() <= System.currentTimeMillis()) {
            CACHE.remove(accessKeyId);
            return null;
        }
        Credentials c = cached.credentials();
        long lastUsed = cached.lastUsedMs().get();
        return new Credentials(c.secretKey(), c.caller(), c.keyRowId(), lastUsed < 0 ? null : lastUsed, c.limits());
    }

    /** Read-only and on every request's path: runs without a transaction of its own. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Credentials> findActive(String accessKeyId) {
        Duration ttl = config.keyCacheTtl();
        long ttlNanos = ttl.toNanos();
        Credentials cached = findCached(accessKeyId, ttl);
        if (cached != null) {
            return Optional.of(cached);
        }
        Loaded loaded = load(accessKeyId);
        if (loaded == null) {
            return Optional.empty();
        }
        if (ttlNanos > 0) {
            if (CACHE.size() >= MAX_CACHED_KEYS) {
                CACHE.clear();
            }
            Credentials c = loaded.credentials();
            CACHE.put(accessKeyId, new CachedKey(c, loaded.expiresMs(), System.nanoTime(),
                    new AtomicLong(c.lastUsedMs() == null ? -1 : c.lastUsedMs())));
        }
        return Optional.of(loaded.credentials());
    }

    /** A key as read from the catalog, with its expiry (checked again on every cached use). */
    private record Loaded(Credentials credentials, Long expiresMs) {
    }

    /** The active, unexpired key with its decrypted secret, or null. */
    private Loaded load(String accessKeyId) {
        AccessKey key = em.createNamedQuery("AccessKey.byKeyId", AccessKey.class)
                .setParameter("keyId", accessKeyId).getResultStream().findFirst().orElse(null);
        if (key == null || key.getStatus() != AccessKey.Status.ACTIVE
                || (key.getExpiresMs() != null && key.getExpiresMs() <= System.currentTimeMillis())) {
            return null;
        }
        Account account = em.find(Account.class, key.getAccountId());
        if (account == null) {
            return null;
        }
        String secret;
        try {
            secret = masterKey.cipher().decrypt(key.getAccessKeyId(), key.getSecretKey());
        } catch (SecretCipher.SecretDecryptionException e) {
            // The key cannot sign anything with this master key; say why in the log, deny the request.
            LOG.warning(e.getMessage());
            return null;
        }
        return new Loaded(new Credentials(secret, callerOf(key, account), key.getId(), key.getLastUsedMs(), limitsOf(key)),
                key.getExpiresMs());
    }

    /** Records that a key signed a request; a no-op when another request already recorded a later use. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void markUsed(String accessKeyId, long keyRowId, long nowMs) {
        CachedKey cached = CACHE.get(accessKeyId);
        if (cached != null) {
            cached.lastUsedMs().accumulateAndGet(nowMs, Math::max);
        }
        em.createQuery("UPDATE AccessKey k SET k.lastUsedMs = :now WHERE k.id = :id "
                        + "AND (k.lastUsedMs IS NULL OR k.lastUsedMs < :stale)")
                .setParameter("now", nowMs).setParameter("id", keyRowId)
                .setParameter("stale", nowMs - LAST_USED_RESOLUTION_MS).executeUpdate();
    }

    static KeyLimits limitsOf(AccessKey key) {
        return new KeyLimits(key.getRatePerSecond(), key.getRateBurst(), key.getMaxConcurrent());
    }

    static Caller callerOf(AccessKey key, Account account) {
        return new Caller(key.getAccessKeyId(), account.getId(), account.getCanonicalId(), account.getDisplayName(),
                account.isAdmin(), AccessContext.none());
    }

    /**
     * Makes sure the root user exists and owns the given key (configured keys win over stored ones).
     * With no configured key and no root key yet, generates one. Returns the generated secret
     * (to be printed once) or null when nothing was generated.
     */
    public GeneratedKey ensureRootKey(String configuredKeyId, String configuredSecret) {
        Account root = em.createNamedQuery("Account.byCanonicalId", Account.class).setParameter("id", rootCanonicalId())
                .getResultStream().findFirst().orElse(null);
        if (root == null) {
            root = new Account(rootCanonicalId(), ROOT_USER_NAME, true, System.currentTimeMillis());
            em.persist(root);
            em.flush();
        }
        SecretCipher cipher = masterKey.cipher();
        if (configuredKeyId != null && configuredSecret != null) {
            AccessKey existing = em.createNamedQuery("AccessKey.byKeyId", AccessKey.class)
                    .setParameter("keyId", configuredKeyId).getResultStream().findFirst().orElse(null);
            if (existing == null) {
                em.persist(new AccessKey(configuredKeyId, cipher.encrypt(configuredKeyId, configuredSecret), root.getId(),
                        System.currentTimeMillis()));
            } else {
                existing.setSecretKey(cipher.encrypt(configuredKeyId, configuredSecret));
                existing.setStatus(AccessKey.Status.ACTIVE);
            }
            return null;
        }
        Long rootKeys = em.createQuery("SELECT COUNT(k) FROM AccessKey k WHERE k.accountId = :a", Long.class)
                .setParameter("a", root.getId()).getSingleResult();
        if (rootKeys > 0) {
            return null;
        }
        GeneratedKey generated = generate();
        em.persist(new AccessKey(generated.accessKeyId(), cipher.encrypt(generated.accessKeyId(), generated.secretKey()),
                root.getId(), System.currentTimeMillis()));
        return generated;
    }

    /**
     * Encrypts secrets stored in plain text by GhostBay versions before encryption existed. Returns
     * how many were encrypted.
     */
    public int encryptPlaintextSecrets() {
        SecretCipher cipher = masterKey.cipher();
        List<AccessKey> keys = em.createQuery("SELECT k FROM AccessKey k", AccessKey.class).getResultList();
        int encrypted = 0;
        for (AccessKey k : keys) {
            if (!SecretCipher.isEncrypted(k.getSecretKey())) {
                k.setSecretKey(cipher.encrypt(k.getAccessKeyId(), k.getSecretKey()));
                encrypted++;
            }
        }
        return encrypted;
    }

    public record GeneratedKey(String accessKeyId, String secretKey) {
    }

    /** A new random key pair in AWS's shapes: a 20-character id and a 40-character secret. */
    static GeneratedKey generate() {
        return new GeneratedKey("GB" + random(KEY_ALPHABET, 18), random(SECRET_ALPHABET, 40));
    }

    static final String ROOT_USER_NAME = "ghostbay-root";

    /** Stable canonical id of the root user (64 hex characters, like AWS canonical user ids). */
    static String rootCanonicalId() {
        return "0".repeat(60) + "0001";
    }

    private static String random(char[] alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet[RANDOM.nextInt(alphabet.length)]);
        }
        return sb.toString();
    }
}
