-- GhostBay catalog, version 5: access control lists. An object version's ACL, and the ACL a multipart
-- upload will give the object it completes, in AccessControlList's compact text form; NULL means the
-- default (private to the owner). Bucket ACLs, ownership controls and public-access blocks live in
-- gb_bucket_config (kinds 'acl', 'publicAccessBlock'); the ownership setting in gb_bucket.object_ownership.
ALTER TABLE gb_object_version ADD COLUMN acl VARCHAR(8192);
ALTER TABLE gb_multipart_upload ADD COLUMN acl VARCHAR(8192);
