-- GhostBay catalog, version 2: leases that let one server of several sharing a catalog run a sweep.
CREATE TABLE gb_job_lease (
    job_name    VARCHAR(64)  NOT NULL PRIMARY KEY,
    holder      VARCHAR(128) NOT NULL,
    expires_ms  BIGINT       NOT NULL
);
