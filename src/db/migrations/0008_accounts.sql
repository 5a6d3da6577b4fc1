CREATE TABLE "api_tokens" (
	"token_id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"team_id" text PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "web_sessions" (
	"session_hash" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "user_accounts" ADD COLUMN "team_id" text;--> statement-breakpoint
ALTER TABLE "user_accounts" ADD COLUMN "role" text DEFAULT 'member' NOT NULL;--> statement-breakpoint
ALTER TABLE "user_accounts" ADD COLUMN "share_with_team" text DEFAULT 'summary' NOT NULL;--> statement-breakpoint
ALTER TABLE "llm_calls" ADD COLUMN "raw_purged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_user_accounts_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user_accounts"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "web_sessions" ADD CONSTRAINT "web_sessions_user_id_user_accounts_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user_accounts"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "uq_api_tokens_hash" ON "api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "idx_api_tokens_user" ON "api_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "idx_web_sessions_user" ON "web_sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "idx_user_accounts_team" ON "user_accounts" USING btree ("team_id");--> statement-breakpoint
ALTER TABLE "user_accounts" ADD CONSTRAINT "ck_user_accounts_role" CHECK ("user_accounts"."role" in ('member', 'lead', 'admin'));--> statement-breakpoint
ALTER TABLE "user_accounts" ADD CONSTRAINT "ck_user_accounts_share" CHECK ("user_accounts"."share_with_team" in ('none', 'summary', 'all'));--> statement-breakpoint
-- Existing identities join the desk they came from (`slack:T01:U02` -> team `slack:T01`).
UPDATE "user_accounts" SET "team_id" = split_part("user_id", ':', 1) || ':' || split_part("user_id", ':', 2) WHERE "team_id" IS NULL;--> statement-breakpoint
INSERT INTO "teams" ("team_id", "platform") SELECT DISTINCT "team_id", "platform" FROM "user_accounts" WHERE "team_id" IS NOT NULL ON CONFLICT DO NOTHING;
