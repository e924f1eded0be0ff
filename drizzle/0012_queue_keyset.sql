DROP INDEX "work_items_priority_idx";--> statement-breakpoint
DROP INDEX "work_items_sla_due_idx";--> statement-breakpoint
-- The queue's keyset keys as plain columns (see lib/db/schema.ts): one ALTER, so the table is rewritten once.
ALTER TABLE "work_items"
  ADD COLUMN "sla_due_key" timestamp with time zone GENERATED ALWAYS AS (coalesce(sla_due_at, 'infinity'::timestamptz)) STORED NOT NULL,
  ADD COLUMN "priority_rank" smallint GENERATED ALWAYS AS (case priority when 'P1' then 1 when 'P2' then 2 when 'P3' then 3 else 4 end) STORED NOT NULL,
  ADD COLUMN "stage_rank" smallint GENERATED ALWAYS AS (case stage when 'intake' then 0 when 'prioritisation' then 1 when 'validation' then 2 when 'implementation' then 3 when 'evidence' then 4 when 'closure' then 5 when 'closed' then 6 end) STORED NOT NULL;
--> statement-breakpoint
CREATE INDEX "work_items_priority_sla_idx" ON "work_items" USING btree ("organisation_id","priority_rank","sla_due_key","id") WHERE "work_items"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "work_items_stage_sla_idx" ON "work_items" USING btree ("organisation_id","stage_rank","sla_due_key","id") WHERE "work_items"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "work_items_assignee_sla_idx" ON "work_items" USING btree ("organisation_id","assignee_id","sla_due_key","id") WHERE "work_items"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "work_items_priority_idx" ON "work_items" USING btree ("organisation_id","priority_rank","created_at","id");--> statement-breakpoint
CREATE INDEX "work_items_sla_due_idx" ON "work_items" USING btree ("organisation_id","sla_due_key","id") WHERE "work_items"."closed_at" is null;