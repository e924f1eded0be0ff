CREATE TYPE "public"."policy_kind" AS ENUM('sla', 'escalation');--> statement-breakpoint
CREATE TYPE "public"."policy_status" AS ENUM('draft', 'active', 'retired');--> statement-breakpoint
CREATE TABLE "policy_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" "policy_kind" NOT NULL,
	"version" integer NOT NULL,
	"document" jsonb NOT NULL,
	"status" "policy_status" DEFAULT 'draft' NOT NULL,
	"note" text,
	"proposed_by_id" uuid,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"activated_by_id" uuid,
	"activated_at" timestamp with time zone,
	CONSTRAINT "policy_versions_org_kind_version_key" UNIQUE("organisation_id","kind","version")
);
--> statement-breakpoint
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_proposed_by_id_users_id_fk" FOREIGN KEY ("proposed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_activated_by_id_users_id_fk" FOREIGN KEY ("activated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "policy_versions_one_active" ON "policy_versions" USING btree ("organisation_id","kind") WHERE "policy_versions"."status" = 'active';--> statement-breakpoint
-- Hand-written: grants and forced row-level security (see 0001).
GRANT SELECT, INSERT, UPDATE ON policy_versions TO wrapper_app;--> statement-breakpoint
ALTER TABLE policy_versions ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE policy_versions FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY policy_versions_tenant ON policy_versions
  USING (organisation_id = ANY (app_scope_org_ids()))
  WITH CHECK (organisation_id = ANY (app_scope_org_ids()));
