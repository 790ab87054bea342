package io.ghostbay.catalog;

import jakarta.persistence.*;

/** A user: the owner of buckets and access keys, shown as Owner (ID, DisplayName) by S3. */
@Entity
@Table(name = "gb_account")
@NamedQuery(name = "Account.byCanonicalId", query = "SELECT a FROM Account a WHERE a.canonicalId = :id")
@NamedQuery(name = "Account.byName", query = "SELECT a FROM Account a WHERE a.displayName = :name")
@NamedQuery(name = "Account.all", query = "SELECT a FROM Account a ORDER BY a.displayName")
public class Account {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "gb_id")
    @SequenceGenerator(name = "gb_id", sequenceName = "gb_id_seq", allocationSize = 50)
    private Long id;

    @Column(name = "canonical_id", nullable = false, length = 64)
    private String canonicalId;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "is_admin", nullable = false)
    private boolean admin;

    @Column(name = "created_ms", nullable = false)
    private long createdMs;

    protected Account() {
    }

    public Account(String canonicalId, String displayName, boolean admin, long createdMs) {
        this.canonicalId = canonicalId;
        this.displayName = displayName;
        this.admin = admin;
        this.createdMs = createdMs;
    }

    public Long getId() { return id; }
    public String getCanonicalId() { return canonicalId; }
    public String getDisplayName() { return displayName; }
    public boolean isAdmin() { return admin; }
    public long getCreatedMs() { return createdMs; }
}
