CREATE TYPE "public"."actor_type" AS ENUM('user', 'token', 'system');--> statement-breakpoint
CREATE TYPE "public"."identity_kind" AS ENUM('human', 'service_account', 'api_key', 'token', 'certificate', 'secret', 'workload', 'agent');--> statement-breakpoint
CREATE TYPE "public"."identity_status" AS ENUM('active', 'disabled', 'revoked');--> statement-breakpoint
CREATE TYPE "public"."priority" AS ENUM('P1', 'P2', 'P3', 'P4');--> statement-breakpoint
CREATE TYPE "public"."resolution" AS ENUM('remediated', 'risk_accepted', 'invalid', 'duplicate', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('analyst', 'lead', 'owner', 'executive', 'admin');--> statement-breakpoint
CREATE TYPE "public"."severity" AS ENUM('critical', 'high', 'medium', 'low');--> statement-breakpoint
CREATE TYPE "public"."stage" AS ENUM('intake', 'prioritisation', 'validation', 'implementation', 'evidence', 'closure', 'closed');--> statement-breakpoint
CREATE TYPE "public"."tier" AS ENUM('T1', 'T2', 'T3', 'T4');--> statement-breakpoint
CREATE TYPE "public"."waiting_on" AS ENUM('provider', 'client', 'third_party');--> statement-breakpoint
CREATE TYPE "public"."work_item_type" AS ENUM('access_review', 'revocation', 'privileged_onboarding', 'privileged_offboarding', 'recertification', 'secret_rotation', 'orphan_assignment', 'finding_remediation', 'exception_review', 'access_request');--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"seq" bigint DEFAULT 0 NOT NULL,
	"actor_type" "actor_type" NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb,
	"reason" text,
	"request_id" text,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"prev_hash" text DEFAULT '' NOT NULL,
	"hash" text DEFAULT '' NOT NULL,
	CONSTRAINT "audit_events_org_seq_key" UNIQUE("organisation_id","seq")
);
--> statement-breakpoint
CREATE TABLE "auth_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "identities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" "identity_kind" NOT NULL,
	"name" text NOT NULL,
	"system" text NOT NULL,
	"external_id" text NOT NULL,
	"owner_name" text,
	"owner_email" text,
	"owner_active" boolean DEFAULT true NOT NULL,
	"purpose" text,
	"tier" "tier" DEFAULT 'T3' NOT NULL,
	"privileged" boolean DEFAULT false NOT NULL,
	"status" "identity_status" DEFAULT 'active' NOT NULL,
	"source" text DEFAULT 'manual' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"last_rotated_at" timestamp with time zone,
	"rotation_period_days" integer,
	"expires_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "identities_org_id_key" UNIQUE("organisation_id","id"),
	CONSTRAINT "identities_org_external_key" UNIQUE("organisation_id","system","external_id")
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"organisation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_organisation_id_user_id_pk" PRIMARY KEY("organisation_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"item_seq" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text,
	"is_provider_staff" boolean DEFAULT false NOT NULL,
	"disabled_at" timestamp with time zone,
	"session_version" integer DEFAULT 1 NOT NULL,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"type" "work_item_type" NOT NULL,
	"stage" "stage" DEFAULT 'intake' NOT NULL,
	"resolution" "resolution",
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"priority" "priority",
	"severity" "severity" DEFAULT 'medium' NOT NULL,
	"identity_id" uuid,
	"assignee_id" uuid,
	"created_by_id" uuid,
	"waiting_on" "waiting_on" DEFAULT 'provider' NOT NULL,
	"escalation_level" integer DEFAULT 0 NOT NULL,
	"regressed" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"stage_entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "work_items_org_id_key" UNIQUE("organisation_id","id"),
	CONSTRAINT "work_items_org_number_key" UNIQUE("organisation_id","number")
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identities" ADD CONSTRAINT "identities_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_items" ADD CONSTRAINT "work_items_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_items" ADD CONSTRAINT "work_items_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_items" ADD CONSTRAINT "work_items_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_items" ADD CONSTRAINT "work_items_identity_fk" FOREIGN KEY ("organisation_id","identity_id") REFERENCES "public"."identities"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_events_entity_idx" ON "audit_events" USING btree ("organisation_id","entity_type","entity_id","occurred_at");--> statement-breakpoint
CREATE INDEX "identities_org_kind_idx" ON "identities" USING btree ("organisation_id","kind","name");--> statement-breakpoint
CREATE INDEX "memberships_user_idx" ON "memberships" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "work_items_queue_idx" ON "work_items" USING btree ("organisation_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "work_items_open_stage_idx" ON "work_items" USING btree ("organisation_id","stage") WHERE "work_items"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "work_items_assignee_idx" ON "work_items" USING btree ("organisation_id","assignee_id");--> statement-breakpoint
CREATE INDEX "work_items_identity_idx" ON "work_items" USING btree ("organisation_id","identity_id");