-- GhostBay catalog, version 3: when the scrubber found a version's bytes not matching their stored digest.
ALTER TABLE gb_object_version ADD COLUMN corrupt_ms BIGINT;
