CREATE TYPE "public"."acceptance_status" AS ENUM('pending', 'approved', 'rejected', 'expired', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."decision" AS ENUM('approve', 'reject');--> statement-breakpoint
CREATE TYPE "public"."treatment" AS ENUM('accept', 'mitigate', 'transfer', 'avoid');--> statement-breakpoint
ALTER TYPE "public"."evidence_kind" ADD VALUE 'file';--> statement-breakpoint
ALTER TYPE "public"."evidence_kind" ADD VALUE 'system_check';--> statement-breakpoint
CREATE TABLE "evidence_files" (
	"organisation_id" uuid NOT NULL,
	"evidence_id" uuid NOT NULL,
	"content" "bytea" NOT NULL,
	CONSTRAINT "evidence_files_pkey" PRIMARY KEY("organisation_id","evidence_id")
);
--> statement-breakpoint
CREATE TABLE "risk_acceptance_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"acceptance_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"decider_id" uuid NOT NULL,
	"decision" "decision" NOT NULL,
	"comment" text NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	CONSTRAINT "risk_acceptance_decisions_once_key" UNIQUE("organisation_id","acceptance_id","round","decider_id")
);
--> statement-breakpoint
CREATE TABLE "risk_acceptances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"work_item_id" uuid NOT NULL,
	"item_cycle" integer NOT NULL,
	"status" "acceptance_status" DEFAULT 'pending' NOT NULL,
	"justification" text NOT NULL,
	"treatment" "treatment" NOT NULL,
	"compensating_controls" text NOT NULL,
	"accountable_owner_id" uuid NOT NULL,
	"requested_by_id" uuid,
	"requested_by_token_id" uuid,
	"requested_at" timestamp with time zone NOT NULL,
	"original_expires_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"approvals_required" integer NOT NULL,
	"policy_version" integer,
	"round" integer DEFAULT 1 NOT NULL,
	"extension_expires_at" timestamp with time zone,
	"round_requested_by_id" uuid,
	"round_requested_at" timestamp with time zone NOT NULL,
	"round_justification" text,
	"renewals" integer DEFAULT 0 NOT NULL,
	"decided_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "risk_acceptances_org_id_key" UNIQUE("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "file_name" text;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "content_type" text;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "size_bytes" integer;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "sha256" text;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "result" jsonb;--> statement-breakpoint
ALTER TABLE "work_items" ADD COLUMN "exception_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_evidence_fk" FOREIGN KEY ("organisation_id","evidence_id") REFERENCES "public"."evidence"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_acceptance_decisions" ADD CONSTRAINT "risk_acceptance_decisions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_acceptance_decisions" ADD CONSTRAINT "risk_acceptance_decisions_decider_id_users_id_fk" FOREIGN KEY ("decider_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_acceptance_decisions" ADD CONSTRAINT "risk_acceptance_decisions_acceptance_fk" FOREIGN KEY ("organisation_id","acceptance_id") REFERENCES "public"."risk_acceptances"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_acceptances" ADD CONSTRAINT "risk_acceptances_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_acceptances" ADD CONSTRAINT "risk_acceptances_accountable_owner_id_users_id_fk" FOREIGN KEY ("accountable_owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_acceptances" ADD CONSTRAINT "risk_acceptances_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_acceptances" ADD CONSTRAINT "risk_acceptances_round_requested_by_id_users_id_fk" FOREIGN KEY ("round_requested_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_acceptances" ADD CONSTRAINT "risk_acceptances_work_item_fk" FOREIGN KEY ("organisation_id","work_item_id") REFERENCES "public"."work_items"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "risk_acceptances_one_live" ON "risk_acceptances" USING btree ("organisation_id","work_item_id") WHERE "risk_acceptances"."status" in ('pending', 'approved');--> statement-breakpoint
CREATE INDEX "risk_acceptances_item_idx" ON "risk_acceptances" USING btree ("organisation_id","work_item_id","requested_at");--> statement-breakpoint
CREATE INDEX "risk_acceptances_register_idx" ON "risk_acceptances" USING btree ("organisation_id","status","expires_at");--> statement-breakpoint
CREATE INDEX "risk_acceptances_expiry_idx" ON "risk_acceptances" USING btree ("organisation_id","expires_at") WHERE "risk_acceptances"."status" = 'approved';--> statement-breakpoint
-- Hand-written: grants and forced row-level security (see 0001). Evidence and its bytes are append-only (a
-- correction is a new record that supersedes); a decision is never changed; an acceptance changes state.
GRANT SELECT, INSERT ON evidence_files TO wrapper_app;--> statement-breakpoint
GRANT SELECT, INSERT ON risk_acceptance_decisions TO wrapper_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON risk_acceptances TO wrapper_app;--> statement-breakpoint
ALTER TABLE evidence_files ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE evidence_files FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE risk_acceptance_decisions ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE risk_acceptance_decisions FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE risk_acceptances ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE risk_acceptances FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY evidence_files_tenant ON evidence_files
  USING (organisation_id = ANY (app_scope_org_ids()))
  WITH CHECK (organisation_id = ANY (app_scope_org_ids()));--> statement-breakpoint
CREATE POLICY risk_acceptance_decisions_tenant ON risk_acceptance_decisions
  USING (organisation_id = ANY (app_scope_org_ids()))
  WITH CHECK (organisation_id = ANY (app_scope_org_ids()));--> statement-breakpoint
CREATE POLICY risk_acceptances_tenant ON risk_acceptances
  USING (organisation_id = ANY (app_scope_org_ids()))
  WITH CHECK (organisation_id = ANY (app_scope_org_ids()));
