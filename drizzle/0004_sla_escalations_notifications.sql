CREATE TYPE "public"."delivery_channel" AS ENUM('email', 'webhook');--> statement-breakpoint
CREATE TYPE "public"."delivery_status" AS ENUM('pending', 'sent', 'failed');--> statement-breakpoint
CREATE TABLE "deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"channel" "delivery_channel" NOT NULL,
	"recipient" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"payload" jsonb NOT NULL,
	"escalation_id" uuid,
	"notification_id" uuid,
	"status" "delivery_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "escalations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"work_item_id" uuid NOT NULL,
	"rule_id" text NOT NULL,
	"clock" text NOT NULL,
	"cycle" integer NOT NULL,
	"level" integer,
	"notify" text[] NOT NULL,
	"policy_version" integer NOT NULL,
	"fired_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_by_id" uuid,
	"acknowledged_at" timestamp with time zone,
	CONSTRAINT "escalations_once_key" UNIQUE("organisation_id","work_item_id","rule_id","clock","cycle")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"work_item_id" uuid,
	"escalation_id" uuid,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "notifications_org_id_key" UNIQUE("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "work_items" ADD COLUMN "sla" jsonb;--> statement-breakpoint
ALTER TABLE "work_items" ADD COLUMN "sla_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "work_items" ADD COLUMN "sla_at_risk_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "work_items" ADD COLUMN "sla_breached" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "work_items" ADD COLUMN "next_check_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_acknowledged_by_id_users_id_fk" FOREIGN KEY ("acknowledged_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_work_item_fk" FOREIGN KEY ("organisation_id","work_item_id") REFERENCES "public"."work_items"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deliveries_due_idx" ON "deliveries" USING btree ("organisation_id","next_attempt_at") WHERE "deliveries"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "deliveries_recent_idx" ON "deliveries" USING btree ("organisation_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "escalations_fired_idx" ON "escalations" USING btree ("organisation_id","fired_at");--> statement-breakpoint
CREATE INDEX "notifications_inbox_idx" ON "notifications" USING btree ("organisation_id","user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("organisation_id","user_id") WHERE "notifications"."read_at" is null;--> statement-breakpoint
CREATE INDEX "work_items_sla_due_idx" ON "work_items" USING btree ("organisation_id",coalesce("sla_due_at", 'infinity'::timestamptz),"id") WHERE "work_items"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "work_items_next_check_idx" ON "work_items" USING btree ("organisation_id","next_check_at") WHERE "work_items"."next_check_at" is not null;--> statement-breakpoint
-- Hand-written: grants and forced row-level security (see 0001). Escalations are never updated except to be
-- acknowledged, and never deleted; notifications are marked read; deliveries record their attempts.
GRANT SELECT, INSERT, UPDATE ON escalations TO wrapper_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON notifications TO wrapper_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON deliveries TO wrapper_app;--> statement-breakpoint
ALTER TABLE escalations ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE escalations FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE notifications FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE deliveries ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE deliveries FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY escalations_tenant ON escalations
  USING (organisation_id = ANY (app_scope_org_ids()))
  WITH CHECK (organisation_id = ANY (app_scope_org_ids()));--> statement-breakpoint
CREATE POLICY notifications_tenant ON notifications
  USING (organisation_id = ANY (app_scope_org_ids()))
  WITH CHECK (organisation_id = ANY (app_scope_org_ids()));--> statement-breakpoint
CREATE POLICY deliveries_tenant ON deliveries
  USING (organisation_id = ANY (app_scope_org_ids()))
  WITH CHECK (organisation_id = ANY (app_scope_org_ids()));
