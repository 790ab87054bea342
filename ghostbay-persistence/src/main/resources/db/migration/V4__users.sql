-- GhostBay catalog, version 4: user names are unique. They name principals in bucket policies
-- (arn:aws:iam::ghostbay:user/<name>) and users in the admin API.
CREATE UNIQUE INDEX uk_account_name ON gb_account (display_name);
