CREATE TABLE "team_rules" (
	"team_id" text NOT NULL,
	"version" integer NOT NULL,
	"rules" jsonb NOT NULL,
	"changed_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_rules_team_id_version_pk" PRIMARY KEY("team_id","version")
);
--> statement-breakpoint
-- One row per version from now on: the single-column key (named by Postgres) gives way to (user_id, version).
ALTER TABLE "user_rules" DROP CONSTRAINT "user_rules_pkey";--> statement-breakpoint
ALTER TABLE "user_rules" ADD CONSTRAINT "user_rules_user_id_version_pk" PRIMARY KEY("user_id","version");--> statement-breakpoint
ALTER TABLE "user_rules" ADD COLUMN "changed_by" text;--> statement-breakpoint
ALTER TABLE "trade_evaluations" ADD COLUMN "rules_version" integer;--> statement-breakpoint
ALTER TABLE "trade_evaluations" ADD COLUMN "team_rules_version" integer;--> statement-breakpoint
ALTER TABLE "team_rules" ADD CONSTRAINT "team_rules_team_id_teams_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("team_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_rules" ADD CONSTRAINT "team_rules_changed_by_user_accounts_user_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."user_accounts"("user_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_rules" ADD CONSTRAINT "user_rules_changed_by_user_accounts_user_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."user_accounts"("user_id") ON DELETE set null ON UPDATE no action;