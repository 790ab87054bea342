package io.ghostbay.catalog;

import jakarta.persistence.*;

/**
 * An access key pair of a user. SigV4 needs the secret itself, so it is stored, encrypted under the
 * master key (AES-GCM, see SecretCipher): {@code secretKey} holds the ciphertext, never the secret.
 */
@Entity
@Table(name = "gb_access_key")
@NamedQuery(name = "AccessKey.byKeyId", query = "SELECT k FROM AccessKey k WHERE k.accessKeyId = :keyId")
@NamedQuery(name = "AccessKey.byAccount", query = "SELECT k FROM AccessKey k WHERE k.accountId = :accountId ORDER BY k.createdMs, k.accessKeyId")
@NamedQuery(name = "AccessKey.all", query = "SELECT k FROM AccessKey k ORDER BY k.accountId, k.createdMs, k.accessKeyId")
public class AccessKey {
    public enum Status { ACTIVE, INACTIVE }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "gb_id")
    @SequenceGenerator(name = "gb_id", sequenceName = "gb_id_seq", allocationSize = 50)
    private Long id;

    @Column(name = "access_key_id", nullable = false, length = 128)
    private String accessKeyId;

    @Column(name = "secret_key", nullable = false, length = 512)
    private String secretKey;

    @Column(name = "account_id", nullable = false)
    private long accountId;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private Status status;

    @Column(name = "created_ms", nullable = false)
    private long createdMs;

    @Column(name = "expires_ms")
    private Long expiresMs;

    @Column(name = "last_used_ms")
    private Long lastUsedMs;

    /** Override of the server's per-key request rate (requests per second; 0 = unlimited); null = the default. */
    @Column(name = "rate_per_second")
    private Integer ratePerSecond;

    /** Override of the per-key burst (requests allowed at once after idling); null = the default. */
    @Column(name = "rate_burst")
    private Integer rateBurst;

    /** Override of the per-key cap on requests in flight (0 = unlimited); null = the default. */
    @Column(name = "max_concurrent")
    private Integer maxConcurrent;

    protected AccessKey() {
    }

    public AccessKey(String accessKeyId, String secretKey, long accountId, long createdMs) {
        this.accessKeyId = accessKeyId;
        this.secretKey = secretKey;
        this.accountId = accountId;
        this.status = Status.ACTIVE;
        this.createdMs = createdMs;
    }

    public Long getId() { return id; }
    public String getAccessKeyId() { return accessKeyId; }
    public String getSecretKey() { return secretKey; }
    public void setSecretKey(String secretKey) { this.secretKey = secretKey; }
    public long getAccountId() { return accountId; }
    public Status getStatus() { return status; }
    public void setStatus(Status status) { this.status = status; }
    public long getCreatedMs() { return createdMs; }
    public Long getExpiresMs() { return expiresMs; }
    public void setExpiresMs(Long expiresMs) { this.expiresMs = expiresMs; }
    public Long getLastUsedMs() { return lastUsedMs; }
    public void setLastUsedMs(Long lastUsedMs) { this.lastUsedMs = lastUsedMs; }
    public Integer getRatePerSecond() { return ratePerSecond; }
    public void setRatePerSecond(Integer ratePerSecond) { this.ratePerSecond = ratePerSecond; }
    public Integer getRateBurst() { return rateBurst; }
    public void setRateBurst(Integer rateBurst) { this.rateBurst = rateBurst; }
    public Integer getMaxConcurrent() { return maxConcurrent; }
    public void setMaxConcurrent(Integer maxConcurrent) { this.maxConcurrent = maxConcurrent; }
}
