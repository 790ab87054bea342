-- GhostBay catalog, version 7: small objects packed into shared append-only files (docs/architecture.md, "Packs").
-- A packed version's blob_id names its pack and blob_offset is where its bytes start; NULL for a blob of its own.
ALTER TABLE gb_object_version ADD COLUMN blob_offset BIGINT;

-- One row per pack file. A group commit locks its pack's row (OPEN) in the transaction that makes versions point
-- into it; the collector marks a pack DELETING only under the same lock and only once nothing points into it, so a
-- pack is never deleted under a commit in flight. The file goes once delete_after_ms has passed (readers' grace).
CREATE TABLE gb_pack (
    pack_id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    state            VARCHAR(16)  NOT NULL,
    created_ms       BIGINT       NOT NULL,
    delete_after_ms  BIGINT
);
CREATE INDEX ix_pack_state ON gb_pack (state, created_ms);
