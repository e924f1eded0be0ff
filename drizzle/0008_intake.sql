CREATE TABLE "intake_findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"fingerprint" text NOT NULL,
	"format" text NOT NULL,
	"rule" text NOT NULL,
	"work_item_id" uuid NOT NULL,
	"identity_id" uuid,
	"secret_redacted" text,
	"secret_hash" text,
	"location" jsonb NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"times_seen" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "intake_findings_org_fingerprint_key" UNIQUE("organisation_id","fingerprint")
);
--> statement-breakpoint
CREATE TABLE "intake_requests" (
	"organisation_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"format" text NOT NULL,
	"body_sha256" text NOT NULL,
	"status" integer,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "intake_requests_pkey" PRIMARY KEY("organisation_id","idempotency_key")
);
--> statement-breakpoint
ALTER TABLE "intake_findings" ADD CONSTRAINT "intake_findings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_findings" ADD CONSTRAINT "intake_findings_work_item_fk" FOREIGN KEY ("organisation_id","work_item_id") REFERENCES "public"."work_items"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_requests" ADD CONSTRAINT "intake_requests_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "intake_findings_item_idx" ON "intake_findings" USING btree ("organisation_id","work_item_id");--> statement-breakpoint
-- Hand-written: grants and forced row-level security (see 0001).
GRANT SELECT, INSERT, UPDATE ON intake_findings TO wrapper_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON intake_requests TO wrapper_app;--> statement-breakpoint
ALTER TABLE intake_findings ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE intake_findings FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE intake_requests ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE intake_requests FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY intake_findings_tenant ON intake_findings
  USING (organisation_id = ANY (app_scope_org_ids()))
  WITH CHECK (organisation_id = ANY (app_scope_org_ids()));--> statement-breakpoint
CREATE POLICY intake_requests_tenant ON intake_requests
  USING (organisation_id = ANY (app_scope_org_ids()))
  WITH CHECK (organisation_id = ANY (app_scope_org_ids()));
