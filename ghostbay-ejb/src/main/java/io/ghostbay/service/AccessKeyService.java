package io.ghostbay.service;

import io.ghostbay.catalog.AccessKey;
import io.ghostbay.catalog.Account;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.security.SecureRandom;
import java.util.Optional;

/** Access keys and the accounts behind them: what SigV4 verification needs to know. */
@Stateless
public class AccessKeyService {
    private static final char[] KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final char[] SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "ghostbay")
    EntityManager em;

    /** The secret and owner of an active, unexpired key. */
    public record Credentials(String secretKey, Caller caller) {
    }

    /** Read-only and on every request's path: runs without a transaction of its own. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Credentials> findActive(String accessKeyId) {
        AccessKey key = em.createNamedQuery("AccessKey.byKeyId", AccessKey.class)
                .setParameter("keyId", accessKeyId).getResultStream().findFirst().orElse(null);
        if (key == null || key.getStatus() != AccessKey.Status.ACTIVE
                || (key.getExpiresMs() != null && key.getExpiresMs() <= System.currentTimeMillis())) {
            return Optional.empty();
        }
        Account account = em.find(Account.class, key.getAccountId());
        if (account == null) {
            return Optional.empty();
        }
        return Optional.of(new Credentials(key.getSecretKey(), new Caller(key.getAccessKeyId(), account.getId(),
                account.getCanonicalId(), account.getDisplayName(), account.isAdmin())));
    }

    /**
     * Makes sure the root account exists and owns the given key (configured keys win over stored ones).
     * With no configured key and no root key yet, generates one. Returns the generated secret
     * (to be printed once) or null when nothing was generated.
     */
    public GeneratedKey ensureRootKey(String configuredKeyId, String configuredSecret) {
        Account root = em.createNamedQuery("Account.byCanonicalId", Account.class).setParameter("id", rootCanonicalId())
                .getResultStream().findFirst().orElse(null);
        if (root == null) {
            root = new Account(rootCanonicalId(), "ghostbay-root", true, System.currentTimeMillis());
            em.persist(root);
            em.flush();
        }
        if (configuredKeyId != null && configuredSecret != null) {
            AccessKey existing = em.createNamedQuery("AccessKey.byKeyId", AccessKey.class)
                    .setParameter("keyId", configuredKeyId).getResultStream().findFirst().orElse(null);
            if (existing == null) {
                em.persist(new AccessKey(configuredKeyId, configuredSecret, root.getId(), System.currentTimeMillis()));
            } else {
                existing.setSecretKey(configuredSecret);
                existing.setStatus(AccessKey.Status.ACTIVE);
            }
            return null;
        }
        Long rootKeys = em.createQuery("SELECT COUNT(k) FROM AccessKey k WHERE k.accountId = :a", Long.class)
                .setParameter("a", root.getId()).getSingleResult();
        if (rootKeys > 0) {
            return null;
        }
        String keyId = "GB" + random(KEY_ALPHABET, 18);
        String secret = random(SECRET_ALPHABET, 40);
        em.persist(new AccessKey(keyId, secret, root.getId(), System.currentTimeMillis()));
        return new GeneratedKey(keyId, secret);
    }

    public record GeneratedKey(String accessKeyId, String secretKey) {
    }

    /** Stable canonical id of the root account (64 hex characters, like AWS canonical user ids). */
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
