package io.ghostbay.catalog;

import jakarta.persistence.*;

@Entity
@Table(name = "gb_bucket")
@NamedQuery(name = "Bucket.byName", query = "SELECT b FROM Bucket b WHERE b.name = :name")
@NamedQuery(name = "Bucket.all", query = "SELECT b FROM Bucket b ORDER BY b.name")
public class Bucket {
    public enum Versioning { UNVERSIONED, ENABLED, SUSPENDED }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "gb_id")
    @SequenceGenerator(name = "gb_id", sequenceName = "gb_id_seq", allocationSize = 50)
    private Long id;

    @Column(name = "name", nullable = false, length = 63)
    private String name;

    @Column(name = "owner_id", nullable = false)
    private long ownerId;

    @Column(name = "region", nullable = false, length = 64)
    private String region;

    @Enumerated(EnumType.STRING)
    @Column(name = "versioning", nullable = false, length = 16)
    private Versioning versioning;

    @Column(name = "object_ownership", nullable = false, length = 32)
    private String objectOwnership;

    @Column(name = "created_ms", nullable = false)
    private long createdMs;

    @Version
    @Column(name = "row_version", nullable = false)
    private long rowVersion;

    protected Bucket() {
    }

    public Bucket(String name, long ownerId, String region, long createdMs) {
        this.name = name;
        this.ownerId = ownerId;
        this.region = region;
        this.versioning = Versioning.UNVERSIONED;
        this.objectOwnership = "BucketOwnerEnforced";
        this.createdMs = createdMs;
    }

    public Long getId() { return id; }
    public String getName() { return name; }
    public long getOwnerId() { return ownerId; }
    public String getRegion() { return region; }
    public Versioning getVersioning() { return versioning; }
    public long getRowVersion() { return rowVersion; }
    public String getObjectOwnership() { return objectOwnership; }
    public void setObjectOwnership(String objectOwnership) { this.objectOwnership = objectOwnership; }
    public long getCreatedMs() { return createdMs; }
}
