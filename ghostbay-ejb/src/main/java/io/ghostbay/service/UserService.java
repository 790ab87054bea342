package io.ghostbay.service;

import io.ghostbay.catalog.AccessKey;
import io.ghostbay.catalog.Account;
import io.ghostbay.s3.S3ErrorCode;
import io.ghostbay.s3.S3Exception;
import io.ghostbay.security.MasterKeyProvider;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Users and their access keys, for the admin API: create, list, delete users; create, list,
 * disable, enable, rotate and delete keys, and set their request limits. Every method requires an
 * admin caller.
 */
@Stateless
public class UserService {
    /** IAM's user-name alphabet, and its length limit. */
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9+=,.@_-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "ghostbay")
    EntityManager em;

    @Inject
    MasterKeyProvider masterKey;

    @jakarta.annotation.Resource
    jakarta.transaction.TransactionSynchronizationRegistry transactions;

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<UserInfo> listUsers(Caller caller) {
        requireAdmin(caller);
        return em.createNamedQuery("Account.all", Account.class).getResultList().stream().map(UserService::info).toList();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public UserInfo getUser(Caller caller, String userName) {
        requireAdmin(caller);
        return info(requireUser(userName));
    }

    public UserInfo createUser(Caller caller, String userName, boolean admin) {
        requireAdmin(caller);
        if (userName == null || !USER_NAME.matcher(userName).matches()) {
            throw S3Exception.of(S3ErrorCode.INVALID_ARGUMENT,
                    "A user name is 1 to 64 characters of letters, digits and +=,.@_-");
        }
        if (findUser(userName) != null) {
            throw S3Exception.of(S3ErrorCode.USER_ALREADY_EXISTS, "A user named " + userName + " already exists.");
        }
        byte[] id = new byte[32];
        RANDOM.nextBytes(id);
        Account account = new Account(HexFormat.of().formatHex(id), userName, admin, System.currentTimeMillis());
        try {
            em.persist(account);
            em.flush();
        } catch (PersistenceException e) {
            // Lost a race with a concurrent create of the same name (unique index uk_account_name).
            throw S3Exception.of(S3ErrorCode.USER_ALREADY_EXISTS, "A user named " + userName + " already exists.");
        }
        return info(account);
    }

    public void deleteUser(Caller caller, String userName) {
        requireAdmin(caller);
        Account account = requireUser(userName);
        em.lock(account, LockModeType.PESSIMISTIC_WRITE);
        Long buckets = em.createQuery("SELECT COUNT(b) FROM Bucket b WHERE b.ownerId = :a", Long.class)
                .setParameter("a", account.getId()).getSingleResult();
        if (buckets > 0) {
            throw S3Exception.of(S3ErrorCode.USER_HAS_BUCKETS, "User " + userName + " owns " + buckets
                    + " bucket(s); delete them first.");
        }
        if (account.isAdmin()) {
            Long admins = em.createQuery("SELECT COUNT(a) FROM Account a WHERE a.admin = TRUE", Long.class).getSingleResult();
            if (admins <= 1) {
                throw S3Exception.of(S3ErrorCode.CANNOT_DELETE_LAST_ADMIN,
                        "User " + userName + " is the last admin user and cannot be deleted.");
            }
        }
        em.createQuery("DELETE FROM AccessKey k WHERE k.accountId = :a").setParameter("a", account.getId()).executeUpdate();
        em.remove(account);
        // verified keys are cached for a moment (AccessKeyService): forget them
        AfterCommit.evictNowAndAfterCompletion(transactions, AccessKeyService::evictAll);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<AccessKeyInfo> listKeys(Caller caller, String userName) {
        requireAdmin(caller);
        Account account = requireUser(userName);
        return em.createNamedQuery("AccessKey.byAccount", AccessKey.class).setParameter("accountId", account.getId())
                .getResultList().stream().map(k -> info(k, account.getDisplayName(), null)).toList();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<AccessKeyInfo> listAllKeys(Caller caller) {
        requireAdmin(caller);
        Map<Long, String> names = em.createNamedQuery("Account.all", Account.class).getResultList().stream()
                .collect(Collectors.toMap(Account::getId, Account::getDisplayName));
        return em.createNamedQuery("AccessKey.all", AccessKey.class).getResultList().stream()
                .map(k -> info(k, names.get(k.getAccountId()), null)).toList();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public AccessKeyInfo getKey(Caller caller, String accessKeyId) {
        requireAdmin(caller);
        AccessKey key = requireKey(accessKeyId);
        return info(key, ownerName(key), null);
    }

    /** A new key for the user; the answer is the only place its secret is ever shown. */
    public AccessKeyInfo createKey(Caller caller, String userName, Long expiresMs) {
        requireAdmin(caller);
        Account account = requireUser(userName);
        if (expiresMs != null && expiresMs <= System.currentTimeMillis()) {
            throw S3Exception.of(S3ErrorCode.INVALID_ARGUMENT, "expiresAt must be in the future.");
        }
        return newKey(account, expiresMs);
    }

    public AccessKeyInfo setKeyActive(Caller caller, String accessKeyId, boolean active) {
        requireAdmin(caller);
        AccessKey key = requireKey(accessKeyId);
        key.setStatus(active ? AccessKey.Status.ACTIVE : AccessKey.Status.INACTIVE);
        return info(key, ownerName(key), null);
    }

    /**
     * Sets the key's overrides of the request limits: a non-null field of {@code change} replaces the
     * stored value, a field named in {@code clear} is reset to null (the server's default), any other
     * field keeps its value. Servers apply the change from the key's next request.
     */
    public AccessKeyInfo setKeyLimits(Caller caller, String accessKeyId, KeyLimits change, Set<String> clear) {
        requireAdmin(caller);
        checkLimit("requestsPerSecond", change.requestsPerSecond(), 0);
        checkLimit("burst", change.burst(), 1);
        checkLimit("maxConcurrent", change.maxConcurrent(), 0);
        AccessKey key = requireKey(accessKeyId);
        if (change.requestsPerSecond() != null || clear.contains("requestsPerSecond")) {
            key.setRatePerSecond(change.requestsPerSecond());
        }
        if (change.burst() != null || clear.contains("burst")) {
            key.setRateBurst(change.burst());
        }
        if (change.maxConcurrent() != null || clear.contains("maxConcurrent")) {
            key.setMaxConcurrent(change.maxConcurrent());
        }
        return info(key, ownerName(key), null);
    }

    private static void checkLimit(String field, Integer value, int min) {
        if (value != null && (value < min || value > KeyLimits.MAX_VALUE)) {
            throw S3Exception.of(S3ErrorCode.INVALID_ARGUMENT, "\"" + field + "\" must be " + min + " to "
                    + KeyLimits.MAX_VALUE + " (or null for the server's default).");
        }
    }

    public void deleteKey(Caller caller, String accessKeyId) {
        requireAdmin(caller);
        em.remove(requireKey(accessKeyId));
    }

    /** The new key (with its secret) and the old one, which now expires after the overlap. */
    public record Rotation(AccessKeyInfo newKey, AccessKeyInfo oldKey) {
    }

    public Rotation rotateKey(Caller caller, String accessKeyId, Duration overlap) {
        requireAdmin(caller);
        if (overlap.isNegative()) {
            throw S3Exception.of(S3ErrorCode.INVALID_ARGUMENT, "The overlap must not be negative.");
        }
        AccessKey old = requireKey(accessKeyId);
        em.lock(old, LockModeType.PESSIMISTIC_WRITE);
        Account account = em.find(Account.class, old.getAccountId());
        long oldExpiry = System.currentTimeMillis() + overlap.toMillis();
        if (old.getExpiresMs() == null || old.getExpiresMs() > oldExpiry) {
            old.setExpiresMs(oldExpiry);
        }
        AccessKeyInfo fresh = newKey(account, null);
        return new Rotation(fresh, info(old, account.getDisplayName(), null));
    }

    private AccessKeyInfo newKey(Account account, Long expiresMs) {
        AccessKeyService.GeneratedKey generated = AccessKeyService.generate();
        AccessKey key = new AccessKey(generated.accessKeyId(),
                masterKey.cipher().encrypt(generated.accessKeyId(), generated.secretKey()), account.getId(),
                System.currentTimeMillis());
        key.setExpiresMs(expiresMs);
        em.persist(key);
        return info(key, account.getDisplayName(), generated.secretKey());
    }

    /** The user id of a user name (for the admin bucket API and the policy explainer). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public UserInfo requireUserInfo(String userName) {
        return info(requireUser(userName));
    }

    /** Users by id, for showing bucket owners. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Map<Long, UserInfo> usersById() {
        return em.createNamedQuery("Account.all", Account.class).getResultList().stream().map(UserService::info)
                .collect(Collectors.toMap(UserInfo::id, Function.identity()));
    }

    /** Admin API calls: AccessDenied unless the caller is an admin user. */
    public static void requireAdmin(Caller caller) {
        if (caller == null || !caller.admin()) {
            throw S3Exception.of(S3ErrorCode.ACCESS_DENIED);
        }
    }

    private Account findUser(String userName) {
        return em.createNamedQuery("Account.byName", Account.class).setParameter("name", userName)
                .getResultStream().findFirst().orElse(null);
    }

    private Account requireUser(String userName) {
        Account account = userName == null ? null : findUser(userName);
        if (account == null) {
            throw S3Exception.of(S3ErrorCode.NO_SUCH_USER, "The user " + userName + " does not exist.");
        }
        return account;
    }


    private AccessKey requireKey(String accessKeyId) {
        AfterCommit.evictNowAndAfterCompletion(transactions, () -> AccessKeyService.evict(accessKeyId));
        AccessKey key = em.createNamedQuery("AccessKey.byKeyId", AccessKey.class).setParameter("keyId", accessKeyId)
                .getResultStream().findFirst().orElse(null);
        if (key == null) {
            throw S3Exception.of(S3ErrorCode.NO_SUCH_ACCESS_KEY, "The access key " + accessKeyId + " does not exist.");
        }
        return key;
    }

    private String ownerName(AccessKey key) {
        Account account = em.find(Account.class, key.getAccountId());
        return account == null ? null : account.getDisplayName();
    }

    static UserInfo info(Account a) {
        return new UserInfo(a.getId(), a.getDisplayName(), a.getCanonicalId(), a.isAdmin(), a.getCreatedMs());
    }

    private static AccessKeyInfo info(AccessKey k, String userName, String secret) {
        return new AccessKeyInfo(k.getAccessKeyId(), userName, k.getStatus() == AccessKey.Status.ACTIVE, k.getCreatedMs(),
                k.getExpiresMs(), k.getLastUsedMs(), secret, AccessKeyService.limitsOf(k));
    }
}
