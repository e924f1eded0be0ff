CREATE TABLE "work_item_backlog" (
	"organisation_id" uuid NOT NULL,
	"stage" "stage" NOT NULL,
	"priority" "priority" NOT NULL,
	"type" "work_item_type" NOT NULL,
	"items" integer DEFAULT 0 NOT NULL,
	"breached" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "work_item_backlog_pkey" PRIMARY KEY("organisation_id","stage","priority","type")
);
--> statement-breakpoint
CREATE TABLE "work_item_days" (
	"organisation_id" uuid NOT NULL,
	"day" date NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"open" integer DEFAULT 0 NOT NULL,
	"closed" integer DEFAULT 0 NOT NULL,
	"closed_with_sla" integer DEFAULT 0 NOT NULL,
	"closed_within_target" integer DEFAULT 0 NOT NULL,
	"remediated" integer DEFAULT 0 NOT NULL,
	"provider_seconds" bigint DEFAULT 0 NOT NULL,
	"client_seconds" bigint DEFAULT 0 NOT NULL,
	"third_party_seconds" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "work_item_days_pkey" PRIMARY KEY("organisation_id","day")
);
--> statement-breakpoint
ALTER TABLE "work_item_backlog" ADD CONSTRAINT "work_item_backlog_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_item_days" ADD CONSTRAINT "work_item_days_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_events_regression_idx" ON "audit_events" USING btree ("organisation_id","occurred_at","entity_id") WHERE "audit_events"."entity_type" = 'work_item' and ("audit_events"."action" = 'work_item.regress' or ("audit_events"."action" = 'work_item.reopen' and ("audit_events"."after"->>'regressed')::boolean));--> statement-breakpoint
CREATE INDEX "identities_orphaned_idx" ON "identities" USING btree ("organisation_id") WHERE "identities"."status" = 'active' and "identities"."parent_id" is null and "identities"."owner_name" is null and "identities"."owner_email" is null;--> statement-breakpoint
CREATE INDEX "identities_privileged_idx" ON "identities" USING btree ("organisation_id") WHERE "identities"."status" = 'active' and "identities"."privileged";--> statement-breakpoint
CREATE INDEX "identities_rotation_idx" ON "identities" USING btree ("organisation_id","rotation_period_days","last_rotated_at","created_at","expires_at") WHERE "identities"."status" = 'active' and "identities"."kind" in ('api_key', 'token', 'certificate', 'secret');--> statement-breakpoint
CREATE INDEX "risk_acceptances_renewed_idx" ON "risk_acceptances" USING btree ("organisation_id","renewals") WHERE "risk_acceptances"."renewals" > 0;--> statement-breakpoint
CREATE INDEX "work_items_open_overdue_idx" ON "work_items" USING btree ("organisation_id","sla_due_at") WHERE "work_items"."closed_at" is null and not "work_items"."sla_breached";--> statement-breakpoint
CREATE INDEX "work_items_open_at_risk_idx" ON "work_items" USING btree ("organisation_id","sla_at_risk_at","sla_due_at") WHERE "work_items"."closed_at" is null and not "work_items"."sla_breached";--> statement-breakpoint
CREATE INDEX "work_items_revocation_time_idx" ON "work_items" USING btree ("organisation_id","closed_at","created_at",((extract(epoch from ("closed_at" - "created_at")) / 3600)::float8),(date_trunc('week', "closed_at" at time zone 'UTC'))) WHERE "work_items"."resolution" = 'remediated' and "work_items"."type" in ('revocation', 'privileged_offboarding');--> statement-breakpoint
CREATE INDEX "work_items_rotation_time_idx" ON "work_items" USING btree ("organisation_id","closed_at","created_at",((extract(epoch from ("closed_at" - "created_at")) / 3600)::float8),(date_trunc('week', "closed_at" at time zone 'UTC'))) WHERE "work_items"."resolution" = 'remediated' and "work_items"."type" in ('secret_rotation');--> statement-breakpoint
-- Hand-written: the dashboard's rollups (lib/db/schema.ts work_item_days, work_item_backlog), kept by statement
-- triggers on work_items, filled from the items already there, readable (never writable) by the runtime role,
-- with forced row-level security like every tenant table (see 0001).
--
-- What rows of work_items count for, with the sign given: the day each was raised (and whether it is open), the
-- day it closed (with its SLA outcome, resolution and the time each party held it), and, while open, its
-- stage, priority and type (and whether marked breached). `added` minus `removed` is what a statement changed;
-- groups that net to nothing are dropped, so the sweeper's clock updates write nothing. Before writing, it takes
-- each organisation's audit lock (see audit_events_chain in 0001), which every change to an organisation's
-- items takes anyway for its audit event: always first, so a transaction never holds a rollup row while it waits
-- for that lock. An organisation being deleted (its items go with it) is skipped.
CREATE FUNCTION work_item_rollups_apply(added work_items[], removed work_items[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  day_deltas work_item_days[];
  backlog_deltas work_item_backlog[];
BEGIN
  WITH c AS (
    SELECT 1 AS sign, a.* FROM unnest(added) a
    UNION ALL
    SELECT -1, r.* FROM unnest(removed) r
  ), contributions AS (
    SELECT organisation_id, (created_at AT TIME ZONE 'UTC')::date AS day, sign AS created,
           CASE WHEN closed_at IS NULL THEN sign ELSE 0 END AS open, 0 AS closed, 0 AS with_sla, 0 AS within, 0 AS remediated,
           0::bigint AS provider, 0::bigint AS client, 0::bigint AS third
      FROM c
    UNION ALL
    SELECT organisation_id, (closed_at AT TIME ZONE 'UTC')::date, 0, 0, sign,
           CASE WHEN sla IS NOT NULL THEN sign ELSE 0 END,
           CASE WHEN sla IS NOT NULL AND NOT sla_breached THEN sign ELSE 0 END,
           CASE WHEN resolution = 'remediated' THEN sign ELSE 0 END,
           sign * provider_seconds::bigint, sign * client_seconds::bigint, sign * third_party_seconds::bigint
      FROM c WHERE closed_at IS NOT NULL
  )
  SELECT array_agg(ROW(d.*)::work_item_days ORDER BY d.organisation_id, d.day) INTO day_deltas
    FROM (SELECT organisation_id, day, sum(created)::int AS created, sum(open)::int AS open, sum(closed)::int AS closed,
                 sum(with_sla)::int AS with_sla, sum(within)::int AS within, sum(remediated)::int AS remediated,
                 sum(provider)::bigint AS provider, sum(client)::bigint AS client, sum(third)::bigint AS third
            FROM contributions GROUP BY organisation_id, day) d
   WHERE (d.created, d.open, d.closed, d.with_sla, d.within, d.remediated, d.provider, d.client, d.third) <> (0, 0, 0, 0, 0, 0, 0, 0, 0)
     AND EXISTS (SELECT 1 FROM organisations o WHERE o.id = d.organisation_id);

  WITH c AS (
    SELECT 1 AS sign, a.* FROM unnest(added) a
    UNION ALL
    SELECT -1, r.* FROM unnest(removed) r
  )
  SELECT array_agg(ROW(b.*)::work_item_backlog ORDER BY b.organisation_id, b.stage, b.priority, b.type) INTO backlog_deltas
    FROM (SELECT organisation_id, stage, priority, type, sum(sign)::int AS items, sum(CASE WHEN sla_breached THEN sign ELSE 0 END)::int AS breached
            FROM c WHERE closed_at IS NULL GROUP BY organisation_id, stage, priority, type) b
   WHERE (b.items, b.breached) <> (0, 0)
     AND EXISTS (SELECT 1 FROM organisations o WHERE o.id = b.organisation_id);

  IF day_deltas IS NULL AND backlog_deltas IS NULL THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('audit_events:' || o.id::text, 0))
     FROM (SELECT organisation_id AS id FROM unnest(day_deltas) UNION SELECT organisation_id FROM unnest(backlog_deltas) ORDER BY 1) o;

  INSERT INTO work_item_days AS w SELECT * FROM unnest(day_deltas)
  ON CONFLICT (organisation_id, day) DO UPDATE SET
    created = w.created + excluded.created, open = w.open + excluded.open, closed = w.closed + excluded.closed,
    closed_with_sla = w.closed_with_sla + excluded.closed_with_sla, closed_within_target = w.closed_within_target + excluded.closed_within_target,
    remediated = w.remediated + excluded.remediated, provider_seconds = w.provider_seconds + excluded.provider_seconds,
    client_seconds = w.client_seconds + excluded.client_seconds, third_party_seconds = w.third_party_seconds + excluded.third_party_seconds;
  INSERT INTO work_item_backlog AS w SELECT * FROM unnest(backlog_deltas)
  ON CONFLICT (organisation_id, stage, priority, type) DO UPDATE SET items = w.items + excluded.items, breached = w.breached + excluded.breached;
END
$$;--> statement-breakpoint
-- Only the triggers call it (it runs as the owner): the runtime role must not be able to move the figures.
REVOKE EXECUTE ON FUNCTION work_item_rollups_apply(work_items[], work_items[]) FROM PUBLIC;--> statement-breakpoint
CREATE FUNCTION work_item_rollups_trigger() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM work_item_rollups_apply(ARRAY(SELECT ROW(n.*)::work_items FROM new_rows n), '{}'::work_items[]);
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM work_item_rollups_apply(ARRAY(SELECT ROW(n.*)::work_items FROM new_rows n), ARRAY(SELECT ROW(o.*)::work_items FROM old_rows o));
  ELSE
    PERFORM work_item_rollups_apply('{}'::work_items[], ARRAY(SELECT ROW(o.*)::work_items FROM old_rows o));
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER work_items_rollups_insert AFTER INSERT ON work_items REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION work_item_rollups_trigger();--> statement-breakpoint
CREATE TRIGGER work_items_rollups_update AFTER UPDATE ON work_items REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION work_item_rollups_trigger();--> statement-breakpoint
CREATE TRIGGER work_items_rollups_delete AFTER DELETE ON work_items REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION work_item_rollups_trigger();--> statement-breakpoint

-- The items already there (the triggers exist and hold work_items against writers until this commits).
INSERT INTO work_item_days (organisation_id, day, created, open, closed, closed_with_sla, closed_within_target, remediated, provider_seconds, client_seconds, third_party_seconds)
SELECT organisation_id, day, sum(created), sum(open), sum(closed), sum(with_sla), sum(within), sum(remediated), sum(provider), sum(client), sum(third)
  FROM (SELECT organisation_id, (created_at AT TIME ZONE 'UTC')::date AS day, 1 AS created, (closed_at IS NULL)::int AS open, 0 AS closed, 0 AS with_sla,
               0 AS within, 0 AS remediated, 0::bigint AS provider, 0::bigint AS client, 0::bigint AS third
          FROM work_items
        UNION ALL
        SELECT organisation_id, (closed_at AT TIME ZONE 'UTC')::date, 0, 0, 1, (sla IS NOT NULL)::int, (sla IS NOT NULL AND NOT sla_breached)::int,
               (resolution = 'remediated')::int, provider_seconds, client_seconds, third_party_seconds
          FROM work_items WHERE closed_at IS NOT NULL) c
 GROUP BY organisation_id, day;--> statement-breakpoint
INSERT INTO work_item_backlog (organisation_id, stage, priority, type, items, breached)
SELECT organisation_id, stage, priority, type, count(*), count(*) FILTER (WHERE sla_breached)
  FROM work_items WHERE closed_at IS NULL GROUP BY organisation_id, stage, priority, type;--> statement-breakpoint

GRANT SELECT ON work_item_days, work_item_backlog TO wrapper_app;--> statement-breakpoint
ALTER TABLE work_item_days ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE work_item_days FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE work_item_backlog ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE work_item_backlog FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY work_item_days_tenant ON work_item_days
  USING (organisation_id = ANY (app_scope_org_ids()))
  WITH CHECK (organisation_id = ANY (app_scope_org_ids()));--> statement-breakpoint
CREATE POLICY work_item_backlog_tenant ON work_item_backlog
  USING (organisation_id = ANY (app_scope_org_ids()))
  WITH CHECK (organisation_id = ANY (app_scope_org_ids()));
