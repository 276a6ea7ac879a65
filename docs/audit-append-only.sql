-- Platform Portal: make the audit log append-only for the application's database role.
--
-- The audit chain (pp_audit_logs) and its signed checkpoints (pp_audit_checkpoints) live in the
-- pp-identity plugin's database: "pp_pp-identity" with the production prefix `pp_`
-- (backend.database.prefix). Two roles:
--   pp_owner  owns the database and its tables and runs the migrations (a deploy step, see below);
--   pp_app    the portal's runtime connection (POSTGRES_USER): it may read and append audit rows,
--             never change, delete or truncate them.
-- The HMAC key (pp.audit.secret) makes a changed row detectable; this grant makes changing or
-- deleting one impossible for the portal's own credentials, so stealing them is not enough to
-- cut the tail of the log.
--
-- Run as a superuser, connected to "pp_pp-identity", AFTER the migrations ran (as pp_owner), and
-- again after every deploy that ran migrations (the statements are idempotent):
--   psql -v ON_ERROR_STOP=1 -d 'pp_pp-identity' -f docs/audit-append-only.sql
--
-- Roles (once per cluster; choose your own passwords):
--   CREATE ROLE pp_owner LOGIN PASSWORD '...';
--   CREATE ROLE pp_app LOGIN PASSWORD '...';
--   ALTER DATABASE "pp_pp-identity" OWNER TO pp_owner;
--   (tables created before the owner change: REASSIGN OWNED BY <old role> TO pp_owner;)
--
-- Deploy order: start the backend once with POSTGRES_USER=pp_owner (Backstage runs the plugins'
-- migrations at start), stop it, run this file, then run the portal with POSTGRES_USER=pp_app.
-- pp_app has no CREATE right: with pending migrations it refuses to start instead of migrating.

BEGIN;

GRANT CONNECT ON DATABASE "pp_pp-identity" TO pp_app;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO pp_app;

-- Everything else the identity service needs: users, roles, tokens, permission checks, the
-- anonymous-denial counters (upserted), and knex's migration bookkeeping (the migration lock is
-- an UPDATE even when nothing is pending).
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO pp_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO pp_app;

-- The audit chain and its checkpoints: read and append only.
REVOKE ALL ON TABLE pp_audit_logs, pp_audit_checkpoints FROM PUBLIC;
REVOKE ALL ON TABLE pp_audit_logs, pp_audit_checkpoints FROM pp_app;
GRANT SELECT, INSERT ON TABLE pp_audit_logs, pp_audit_checkpoints TO pp_app;

-- Tables a later migration creates get the ordinary rights; re-run this file after it so the
-- audit tables stay append-only.
ALTER DEFAULT PRIVILEGES FOR ROLE pp_owner IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO pp_app;
ALTER DEFAULT PRIVILEGES FOR ROLE pp_owner IN SCHEMA public
  GRANT USAGE, SELECT ON SEQUENCES TO pp_app;

COMMIT;

-- Check (as pp_app): both must fail with "permission denied for table pp_audit_logs".
--   UPDATE pp_audit_logs SET action = action WHERE id = (SELECT min(id) FROM pp_audit_logs);
--   DELETE FROM pp_audit_logs WHERE id = (SELECT max(id) FROM pp_audit_logs);
