CREATE TYPE "public"."consumer_kind" AS ENUM('system', 'workload', 'pipeline', 'repository');--> statement-breakpoint
CREATE TYPE "public"."consumer_outcome" AS ENUM('updated', 'cut_off');--> statement-breakpoint
CREATE TYPE "public"."review_decision" AS ENUM('certify', 'revoke');--> statement-breakpoint
CREATE TABLE "access_campaign_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"deadline_at" timestamp with time zone NOT NULL,
	"next_reminder_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	CONSTRAINT "access_campaign_runs_org_id_key" UNIQUE("organisation_id","id"),
	CONSTRAINT "access_campaign_runs_number_key" UNIQUE("organisation_id","campaign_id","number")
);
--> statement-breakpoint
CREATE TABLE "access_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"scope" jsonb NOT NULL,
	"fallback_reviewer_id" uuid NOT NULL,
	"default_action" "review_decision" NOT NULL,
	"review_days" integer NOT NULL,
	"close_days" integer NOT NULL,
	"reminder_days" integer[] NOT NULL,
	"every_months" integer,
	"next_run_at" timestamp with time zone,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "access_campaigns_org_id_key" UNIQUE("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "access_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"identity_id" uuid NOT NULL,
	"work_item_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"decision" "review_decision",
	"justification" text,
	"defaulted" boolean DEFAULT false NOT NULL,
	"decided_by_id" uuid,
	"decided_at" timestamp with time zone,
	"revocation_item_id" uuid,
	"reminders_sent" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "access_reviews_org_id_key" UNIQUE("organisation_id","id"),
	CONSTRAINT "access_reviews_once_key" UNIQUE("organisation_id","run_id","identity_id")
);
--> statement-breakpoint
CREATE TABLE "consumer_confirmations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"work_item_id" uuid NOT NULL,
	"consumer_id" uuid NOT NULL,
	"cycle" integer NOT NULL,
	"outcome" "consumer_outcome" NOT NULL,
	"evidence_id" uuid NOT NULL,
	"confirmed_by_id" uuid,
	"confirmed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "consumer_confirmations_once_key" UNIQUE("organisation_id","work_item_id","consumer_id","cycle")
);
--> statement-breakpoint
CREATE TABLE "identity_consumers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"identity_id" uuid NOT NULL,
	"kind" "consumer_kind" NOT NULL,
	"name" text NOT NULL,
	"detail" text,
	"source" text DEFAULT 'manual' NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	"removed_by_id" uuid,
	CONSTRAINT "identity_consumers_org_id_key" UNIQUE("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "identities" ADD COLUMN "parent_id" uuid;--> statement-breakpoint
ALTER TABLE "identities" ADD COLUMN "interactive_access" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "identities" ADD COLUMN "access_removed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "inventory_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "work_items" ADD COLUMN "due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "work_items" ADD COLUMN "rule" text;--> statement-breakpoint
ALTER TABLE "access_campaign_runs" ADD CONSTRAINT "access_campaign_runs_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_campaign_runs" ADD CONSTRAINT "access_campaign_runs_campaign_fk" FOREIGN KEY ("organisation_id","campaign_id") REFERENCES "public"."access_campaigns"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_campaigns" ADD CONSTRAINT "access_campaigns_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_campaigns" ADD CONSTRAINT "access_campaigns_fallback_reviewer_id_users_id_fk" FOREIGN KEY ("fallback_reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_campaigns" ADD CONSTRAINT "access_campaigns_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_reviews" ADD CONSTRAINT "access_reviews_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_reviews" ADD CONSTRAINT "access_reviews_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_reviews" ADD CONSTRAINT "access_reviews_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_reviews" ADD CONSTRAINT "access_reviews_run_fk" FOREIGN KEY ("organisation_id","run_id") REFERENCES "public"."access_campaign_runs"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_reviews" ADD CONSTRAINT "access_reviews_identity_fk" FOREIGN KEY ("organisation_id","identity_id") REFERENCES "public"."identities"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_reviews" ADD CONSTRAINT "access_reviews_item_fk" FOREIGN KEY ("organisation_id","work_item_id") REFERENCES "public"."work_items"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_reviews" ADD CONSTRAINT "access_reviews_revocation_fk" FOREIGN KEY ("organisation_id","revocation_item_id") REFERENCES "public"."work_items"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consumer_confirmations" ADD CONSTRAINT "consumer_confirmations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consumer_confirmations" ADD CONSTRAINT "consumer_confirmations_confirmed_by_id_users_id_fk" FOREIGN KEY ("confirmed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consumer_confirmations" ADD CONSTRAINT "consumer_confirmations_item_fk" FOREIGN KEY ("organisation_id","work_item_id") REFERENCES "public"."work_items"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consumer_confirmations" ADD CONSTRAINT "consumer_confirmations_consumer_fk" FOREIGN KEY ("organisation_id","consumer_id") REFERENCES "public"."identity_consumers"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consumer_confirmations" ADD CONSTRAINT "consumer_confirmations_evidence_fk" FOREIGN KEY ("organisation_id","evidence_id") REFERENCES "public"."evidence"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_consumers" ADD CONSTRAINT "identity_consumers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_consumers" ADD CONSTRAINT "identity_consumers_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_consumers" ADD CONSTRAINT "identity_consumers_removed_by_id_users_id_fk" FOREIGN KEY ("removed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_consumers" ADD CONSTRAINT "identity_consumers_identity_fk" FOREIGN KEY ("organisation_id","identity_id") REFERENCES "public"."identities"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_campaign_runs_open_idx" ON "access_campaign_runs" USING btree ("organisation_id",least("deadline_at", "next_reminder_at")) WHERE "access_campaign_runs"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "access_campaigns_next_run_idx" ON "access_campaigns" USING btree ("organisation_id","next_run_at") WHERE "access_campaigns"."next_run_at" is not null and "access_campaigns"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "access_reviews_run_idx" ON "access_reviews" USING btree ("organisation_id","run_id","decision");--> statement-breakpoint
CREATE INDEX "access_reviews_reviewer_idx" ON "access_reviews" USING btree ("organisation_id","reviewer_id") WHERE "access_reviews"."decision" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "identity_consumers_live_key" ON "identity_consumers" USING btree ("organisation_id","identity_id","kind","name") WHERE "identity_consumers"."removed_at" is null;--> statement-breakpoint
ALTER TABLE "identities" ADD CONSTRAINT "identities_parent_fk" FOREIGN KEY ("organisation_id","parent_id") REFERENCES "public"."identities"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "identities_parent_idx" ON "identities" USING btree ("organisation_id","parent_id") WHERE "identities"."parent_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "work_items_open_rule_key" ON "work_items" USING btree ("organisation_id","identity_id","rule") WHERE "work_items"."rule" is not null and "work_items"."closed_at" is null;--> statement-breakpoint
-- Hand-written: grants and forced row-level security (see 0001). A confirmation, like evidence, is never changed.
GRANT SELECT, INSERT, UPDATE ON identity_consumers TO wrapper_app;--> statement-breakpoint
GRANT SELECT, INSERT ON consumer_confirmations TO wrapper_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON access_campaigns TO wrapper_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON access_campaign_runs TO wrapper_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON access_reviews TO wrapper_app;--> statement-breakpoint
ALTER TABLE identity_consumers ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE identity_consumers FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE consumer_confirmations ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE consumer_confirmations FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE access_campaigns ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE access_campaigns FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE access_campaign_runs ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE access_campaign_runs FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE access_reviews ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE access_reviews FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY identity_consumers_tenant ON identity_consumers
  USING (organisation_id = ANY (app_scope_org_ids()))
  WITH CHECK (organisation_id = ANY (app_scope_org_ids()));--> statement-breakpoint
CREATE POLICY consumer_confirmations_tenant ON consumer_confirmations
  USING (organisation_id = ANY (app_scope_org_ids()))
  WITH CHECK (organisation_id = ANY (app_scope_org_ids()));--> statement-breakpoint
CREATE POLICY access_campaigns_tenant ON access_campaigns
  USING (organisation_id = ANY (app_scope_org_ids()))
  WITH CHECK (organisation_id = ANY (app_scope_org_ids()));--> statement-breakpoint
CREATE POLICY access_campaign_runs_tenant ON access_campaign_runs
  USING (organisation_id = ANY (app_scope_org_ids()))
  WITH CHECK (organisation_id = ANY (app_scope_org_ids()));--> statement-breakpoint
CREATE POLICY access_reviews_tenant ON access_reviews
  USING (organisation_id = ANY (app_scope_org_ids()))
  WITH CHECK (organisation_id = ANY (app_scope_org_ids()));
