-- Hand-written: drizzle-kit cannot emit FORCE ROW LEVEL SECURITY, roles, grants or triggers.
-- See docs/decisions/002-tenant-isolation-with-rls.md and 003-audit-trail.md.

-- The runtime role: no login, not superuser, no BYPASSRLS. The app connects as the migration owner and
-- runs every request inside a transaction after SET LOCAL ROLE wrapper_app. Roles are cluster-wide in
-- PostgreSQL, so creating it tolerates a concurrent creator (several test databases migrate at once).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'wrapper_app') THEN
    CREATE ROLE wrapper_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$;--> statement-breakpoint
DO $$
BEGIN
  EXECUTE format('GRANT wrapper_app TO %I', current_user);
EXCEPTION WHEN others THEN
  NULL; -- already a member, or the owner is a superuser that needs no grant
END
$$;--> statement-breakpoint

-- Scope helpers, read by every policy. Missing or empty settings mean "nothing in scope".
CREATE FUNCTION app_scope_org_ids() RETURNS uuid[] LANGUAGE sql STABLE AS $$
  SELECT coalesce(string_to_array(nullif(current_setting('app.org_ids', true), ''), ',')::uuid[], '{}'::uuid[])
$$;--> statement-breakpoint
CREATE FUNCTION app_scope_user_id() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('app.user_id', true), '')::uuid
$$;--> statement-breakpoint

GRANT USAGE ON SCHEMA public TO wrapper_app;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_scope_org_ids(), app_scope_user_id() TO wrapper_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON organisations, memberships, identities, work_items TO wrapper_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON users TO wrapper_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON auth_throttle TO wrapper_app;--> statement-breakpoint
GRANT SELECT, INSERT ON audit_events TO wrapper_app;--> statement-breakpoint
GRANT USAGE ON SEQUENCE audit_events_id_seq TO wrapper_app;--> statement-breakpoint

-- Row-level security, enabled and forced (so even the table owner is subject to it unless superuser).
ALTER TABLE organisations ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE organisations FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE identities ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE identities FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE work_items ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE work_items FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;--> statement-breakpoint

-- A user may always see their own memberships and the organisations they belong to (sign-in, switcher);
-- everything else needs the organisation in scope.
CREATE POLICY memberships_tenant ON memberships
  USING (organisation_id = ANY (app_scope_org_ids()) OR user_id = app_scope_user_id())
  WITH CHECK (organisation_id = ANY (app_scope_org_ids()));--> statement-breakpoint
CREATE POLICY organisations_tenant ON organisations
  USING (id = ANY (app_scope_org_ids())
         OR id IN (SELECT m.organisation_id FROM memberships m WHERE m.user_id = app_scope_user_id()))
  WITH CHECK (id = ANY (app_scope_org_ids()));--> statement-breakpoint
CREATE POLICY identities_tenant ON identities
  USING (organisation_id = ANY (app_scope_org_ids()))
  WITH CHECK (organisation_id = ANY (app_scope_org_ids()));--> statement-breakpoint
CREATE POLICY work_items_tenant ON work_items
  USING (organisation_id = ANY (app_scope_org_ids()))
  WITH CHECK (organisation_id = ANY (app_scope_org_ids()));--> statement-breakpoint
CREATE POLICY audit_events_tenant ON audit_events
  USING (organisation_id = ANY (app_scope_org_ids()))
  WITH CHECK (organisation_id = ANY (app_scope_org_ids()));--> statement-breakpoint

-- Audit trail: the digest covers every field and the previous hash, in an unambiguous JSON encoding.
CREATE FUNCTION audit_event_digest(e audit_events) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(jsonb_build_array(
    e.prev_hash, e.organisation_id, e.seq, e.actor_type, e.actor_id, e.action, e.entity_type, e.entity_id,
    e.before, e.after, e.reason, e.request_id,
    to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
  )::text, 'UTF8')), 'hex')
$$;--> statement-breakpoint

-- Chains each new event to the last one of its organisation. The advisory lock serialises writers of one
-- organisation until commit; under READ COMMITTED the SELECT after it sees the previous writer's row.
CREATE FUNCTION audit_events_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  last_seq bigint;
  last_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('audit_events:' || NEW.organisation_id::text, 0));
  SELECT a.seq, a.hash INTO last_seq, last_hash
    FROM audit_events a WHERE a.organisation_id = NEW.organisation_id
    ORDER BY a.seq DESC LIMIT 1;
  NEW.seq := coalesce(last_seq, 0) + 1;
  NEW.prev_hash := coalesce(last_hash, repeat('0', 64));
  NEW.occurred_at := date_trunc('microseconds', coalesce(NEW.occurred_at, now()));
  NEW.hash := audit_event_digest(NEW);
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_chain();--> statement-breakpoint

CREATE FUNCTION audit_events_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;--> statement-breakpoint
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_reject_change();--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_reject_change();
