-- GhostBay catalog, version 6: per-key overrides of the request limits (docs/operations.md, "Limits").
-- NULL means "the server's default" (ghostbay.limits.*); 0 for the rate or the concurrency means unlimited.
ALTER TABLE gb_access_key ADD COLUMN rate_per_second INTEGER;
ALTER TABLE gb_access_key ADD COLUMN rate_burst INTEGER;
ALTER TABLE gb_access_key ADD COLUMN max_concurrent INTEGER;
