CREATE TYPE "public"."evidence_kind" AS ENUM('note', 'link');--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"token_hash" text NOT NULL,
	"scopes" text[] NOT NULL,
	"identity_id" uuid,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "api_tokens_org_id_key" UNIQUE("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"work_item_id" uuid NOT NULL,
	"kind" "evidence_kind" NOT NULL,
	"summary" text NOT NULL,
	"url" text,
	"supersedes_id" uuid,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_org_id_key" UNIQUE("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "work_items" ALTER COLUMN "priority" SET DEFAULT 'P3';--> statement-breakpoint
UPDATE "work_items" SET "priority" = 'P3' WHERE "priority" IS NULL;--> statement-breakpoint
ALTER TABLE "work_items" ALTER COLUMN "priority" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "work_items" ADD COLUMN "priority_override_reason" text;--> statement-breakpoint
ALTER TABLE "work_items" ADD COLUMN "implemented_by_id" uuid;--> statement-breakpoint
ALTER TABLE "work_items" ADD COLUMN "resolution_reason" text;--> statement-breakpoint
ALTER TABLE "work_items" ADD COLUMN "duplicate_of_id" uuid;--> statement-breakpoint
ALTER TABLE "work_items" ADD COLUMN "cycle" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "work_items" ADD COLUMN "waiting_since" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "work_items" ADD COLUMN "provider_seconds" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "work_items" ADD COLUMN "client_seconds" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "work_items" ADD COLUMN "third_party_seconds" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_identity_fk" FOREIGN KEY ("organisation_id","identity_id") REFERENCES "public"."identities"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_work_item_fk" FOREIGN KEY ("organisation_id","work_item_id") REFERENCES "public"."work_items"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_hash_key" ON "api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "evidence_item_idx" ON "evidence" USING btree ("organisation_id","work_item_id","created_at");--> statement-breakpoint
ALTER TABLE "work_items" ADD CONSTRAINT "work_items_implemented_by_id_users_id_fk" FOREIGN KEY ("implemented_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "work_items_priority_idx" ON "work_items" USING btree ("organisation_id","priority","created_at","id");--> statement-breakpoint
CREATE INDEX "work_items_updated_idx" ON "work_items" USING btree ("organisation_id","updated_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint

-- Hand-written (drizzle-kit cannot emit these): grants and forced row-level security for the new tables.
GRANT SELECT, INSERT ON evidence TO wrapper_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON api_tokens TO wrapper_app;--> statement-breakpoint
ALTER TABLE evidence ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE evidence FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE api_tokens ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE api_tokens FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY evidence_tenant ON evidence
  USING (organisation_id = ANY (app_scope_org_ids()))
  WITH CHECK (organisation_id = ANY (app_scope_org_ids()));--> statement-breakpoint
-- A bearer token is resolved before its organisation is known: the request sets app.token_hash to the
-- SHA-256 of the presented secret and may then read that one row, and nothing else.
CREATE POLICY api_tokens_tenant ON api_tokens
  USING (organisation_id = ANY (app_scope_org_ids())
         OR token_hash = nullif(current_setting('app.token_hash', true), ''))
  WITH CHECK (organisation_id = ANY (app_scope_org_ids()));--> statement-breakpoint
-- Evidence is append-only: a correction is a new record that supersedes the old one.
CREATE FUNCTION reject_change_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;--> statement-breakpoint
CREATE TRIGGER evidence_append_only BEFORE UPDATE OR DELETE ON evidence
  FOR EACH ROW EXECUTE FUNCTION reject_change_append_only();
