-- GhostBay catalog, version 1.
-- One file for both engines: the runner substitutes ${BINARY_KEY} (Derby: VARCHAR(1024) FOR BIT DATA,
-- PostgreSQL: BYTEA) and ${TEXT} (Derby: VARCHAR(32672), PostgreSQL: TEXT).
-- Object keys are indexed as their UTF-8 bytes so that both engines order them in S3's UTF-8 binary
-- order (Derby compares VARCHAR in UTF-16 order and PostgreSQL by collation).
-- Times are epoch milliseconds (BIGINT): no time-zone conversion anywhere.

CREATE SEQUENCE gb_id_seq AS BIGINT START WITH 1000 INCREMENT BY 50;

CREATE TABLE gb_account (
    id            BIGINT       NOT NULL PRIMARY KEY,
    canonical_id  VARCHAR(64)  NOT NULL,
    display_name  VARCHAR(255) NOT NULL,
    is_admin      BOOLEAN      NOT NULL,
    created_ms    BIGINT       NOT NULL,
    CONSTRAINT uk_account_canonical UNIQUE (canonical_id)
);

CREATE TABLE gb_access_key (
    id             BIGINT       NOT NULL PRIMARY KEY,
    access_key_id  VARCHAR(128) NOT NULL,
    secret_key     VARCHAR(512) NOT NULL,
    account_id     BIGINT       NOT NULL REFERENCES gb_account (id),
    status         VARCHAR(16)  NOT NULL,
    created_ms     BIGINT       NOT NULL,
    expires_ms     BIGINT,
    last_used_ms   BIGINT,
    CONSTRAINT uk_access_key UNIQUE (access_key_id)
);
CREATE INDEX ix_access_key_owner ON gb_access_key (account_id);

CREATE TABLE gb_bucket (
    id                BIGINT       NOT NULL PRIMARY KEY,
    name              VARCHAR(63)  NOT NULL,
    owner_id          BIGINT       NOT NULL REFERENCES gb_account (id),
    region            VARCHAR(64)  NOT NULL,
    versioning        VARCHAR(16)  NOT NULL,
    object_ownership  VARCHAR(32)  NOT NULL,
    created_ms        BIGINT       NOT NULL,
    row_version       BIGINT       NOT NULL,
    CONSTRAINT uk_bucket_name UNIQUE (name)
);

-- CORS, lifecycle, policy, tagging, ... as stored documents
CREATE TABLE gb_bucket_config (
    bucket_id   BIGINT      NOT NULL REFERENCES gb_bucket (id),
    kind        VARCHAR(32) NOT NULL,
    document    ${TEXT}     NOT NULL,
    updated_ms  BIGINT      NOT NULL,
    PRIMARY KEY (bucket_id, kind)
);

-- One row per key that has (or had) versions; the unique index is also the listing index.
CREATE TABLE gb_object_entry (
    id                  BIGINT         NOT NULL PRIMARY KEY,
    bucket_id           BIGINT         NOT NULL REFERENCES gb_bucket (id),
    key_bytes           ${BINARY_KEY}  NOT NULL,
    object_key          VARCHAR(1024)  NOT NULL,
    current_version_id  BIGINT,
    row_version         BIGINT         NOT NULL,
    CONSTRAINT uk_object_entry UNIQUE (bucket_id, key_bytes)
);

CREATE TABLE gb_object_version (
    id                   BIGINT        NOT NULL PRIMARY KEY,
    entry_id             BIGINT        NOT NULL REFERENCES gb_object_entry (id),
    version_id           VARCHAR(64)   NOT NULL,
    delete_marker        BOOLEAN       NOT NULL,
    state                VARCHAR(16)   NOT NULL,
    blob_id              VARCHAR(64),
    size_bytes           BIGINT        NOT NULL,
    etag                 VARCHAR(80)   NOT NULL,
    content_type         VARCHAR(1024),
    cache_control        VARCHAR(1024),
    content_disposition  VARCHAR(1024),
    content_encoding     VARCHAR(1024),
    content_language     VARCHAR(1024),
    expires_header       VARCHAR(256),
    user_metadata        VARCHAR(8192),
    checksum_algorithm   VARCHAR(16),
    checksum_value       VARCHAR(128),
    checksum_type        VARCHAR(16),
    parts_count          INTEGER,
    created_ms           BIGINT        NOT NULL,
    CONSTRAINT uk_version UNIQUE (entry_id, version_id)
);
CREATE INDEX ix_version_blob ON gb_object_version (blob_id);

-- Manifest of a completed multipart object: served part after part, so Complete copies nothing.
CREATE TABLE gb_version_segment (
    version_ref     BIGINT       NOT NULL REFERENCES gb_object_version (id),
    ordinal         INTEGER      NOT NULL,
    part_number     INTEGER      NOT NULL,
    blob_id         VARCHAR(64)  NOT NULL,
    size_bytes      BIGINT       NOT NULL,
    etag            VARCHAR(80)  NOT NULL,
    checksum_value  VARCHAR(128),
    PRIMARY KEY (version_ref, ordinal)
);

CREATE TABLE gb_multipart_upload (
    id                   BIGINT         NOT NULL PRIMARY KEY,
    upload_id            VARCHAR(128)   NOT NULL,
    bucket_id            BIGINT         NOT NULL REFERENCES gb_bucket (id),
    key_bytes            ${BINARY_KEY}  NOT NULL,
    object_key           VARCHAR(1024)  NOT NULL,
    state                VARCHAR(16)    NOT NULL,
    initiator_id         BIGINT         NOT NULL,
    content_type         VARCHAR(1024),
    cache_control        VARCHAR(1024),
    content_disposition  VARCHAR(1024),
    content_encoding     VARCHAR(1024),
    content_language     VARCHAR(1024),
    expires_header       VARCHAR(256),
    user_metadata        VARCHAR(8192),
    checksum_algorithm   VARCHAR(16),
    checksum_type        VARCHAR(16),
    initiated_ms         BIGINT         NOT NULL,
    CONSTRAINT uk_upload_id UNIQUE (upload_id)
);
CREATE INDEX ix_upload_list ON gb_multipart_upload (bucket_id, key_bytes, initiated_ms);
CREATE INDEX ix_upload_expiry ON gb_multipart_upload (state, initiated_ms);

CREATE TABLE gb_upload_part (
    id              BIGINT       NOT NULL PRIMARY KEY,
    upload_ref      BIGINT       NOT NULL REFERENCES gb_multipart_upload (id),
    part_number     INTEGER      NOT NULL,
    blob_id         VARCHAR(64)  NOT NULL,
    size_bytes      BIGINT       NOT NULL,
    etag            VARCHAR(80)  NOT NULL,
    checksum_value  VARCHAR(128),
    uploaded_ms     BIGINT       NOT NULL,
    CONSTRAINT uk_part UNIQUE (upload_ref, part_number)
);

CREATE TABLE gb_object_tag (
    version_ref  BIGINT        NOT NULL REFERENCES gb_object_version (id),
    tag_key      VARCHAR(128)  NOT NULL,
    tag_value    VARCHAR(256)  NOT NULL,
    PRIMARY KEY (version_ref, tag_key)
);

-- Blobs no longer referenced, queued in the same transaction that unlinked them; the collector
-- deletes the files once eligible_ms has passed.
CREATE TABLE gb_blob_garbage (
    blob_id      VARCHAR(64) NOT NULL PRIMARY KEY,
    enqueued_ms  BIGINT      NOT NULL,
    eligible_ms  BIGINT      NOT NULL
);
CREATE INDEX ix_garbage_due ON gb_blob_garbage (eligible_ms);
