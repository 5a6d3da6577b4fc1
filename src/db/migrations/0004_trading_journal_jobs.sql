CREATE TABLE "job_runs" (
	"run_id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"job" text NOT NULL,
	"run_key" text NOT NULL,
	"scheduled_for" timestamp with time zone NOT NULL,
	"run_by" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"result" jsonb,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "positions" (
	"user_id" text NOT NULL,
	"symbol" text NOT NULL,
	"trade_id" uuid NOT NULL,
	"qty" double precision NOT NULL,
	"avg_price" double precision NOT NULL,
	"open_ts" timestamp with time zone NOT NULL,
	"mark_price" double precision,
	"unrealized_pnl" double precision,
	"risk_est" double precision,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pk_positions" PRIMARY KEY("user_id","symbol")
);
--> statement-breakpoint
CREATE TABLE "summary_subscriptions" (
	"subscription_id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform" text NOT NULL,
	"workspace" text NOT NULL,
	"channel" text NOT NULL,
	"local_time" text NOT NULL,
	"time_zone" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_by" text,
	"active_since" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ck_summary_subscriptions_time" CHECK ("summary_subscriptions"."local_time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$')
);
--> statement-breakpoint
CREATE TABLE "trade_fills" (
	"fill_id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trade_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"seq" integer NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"side" text NOT NULL,
	"price" double precision NOT NULL,
	"qty" double precision NOT NULL,
	"fee" double precision DEFAULT 0 NOT NULL,
	"fill_type" text NOT NULL,
	"venue" text,
	"source" text NOT NULL,
	"natural_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ck_trade_fills_qty" CHECK ("trade_fills"."qty" > 0 and "trade_fills"."price" > 0 and "trade_fills"."fee" >= 0)
);
--> statement-breakpoint
CREATE TABLE "trade_journal" (
	"journal_id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"trade_id" uuid,
	"intent_id" uuid,
	"eval_id" uuid,
	"session_id" uuid,
	"kind" text DEFAULT 'note' NOT NULL,
	"symbol" text,
	"note_text" text NOT NULL,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"source_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trades" (
	"trade_id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"symbol" text NOT NULL,
	"side" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"open_ts" timestamp with time zone NOT NULL,
	"close_ts" timestamp with time zone,
	"avg_entry" double precision NOT NULL,
	"avg_exit" double precision,
	"qty" double precision NOT NULL,
	"open_qty" double precision NOT NULL,
	"pnl" double precision DEFAULT 0 NOT NULL,
	"pnl_r" double precision,
	"fees" double precision DEFAULT 0 NOT NULL,
	"slippage_est" double precision,
	"outcome_label" text,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"planned_entry" double precision,
	"planned_stop" double precision,
	"planned_target" double precision,
	"planned_risk" double precision,
	"peak_risk" double precision,
	"linked_intent_id" uuid,
	"linked_eval_id" uuid,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ck_trades_side" CHECK ("trades"."side" in ('long', 'short')),
	CONSTRAINT "ck_trades_qty" CHECK ("trades"."qty" > 0 and "trades"."open_qty" >= 0)
);
--> statement-breakpoint
ALTER TABLE "positions" ADD CONSTRAINT "positions_user_id_user_accounts_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user_accounts"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "positions" ADD CONSTRAINT "positions_trade_id_trades_trade_id_fk" FOREIGN KEY ("trade_id") REFERENCES "public"."trades"("trade_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "summary_subscriptions" ADD CONSTRAINT "summary_subscriptions_created_by_user_accounts_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user_accounts"("user_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_fills" ADD CONSTRAINT "trade_fills_trade_id_trades_trade_id_fk" FOREIGN KEY ("trade_id") REFERENCES "public"."trades"("trade_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_fills" ADD CONSTRAINT "trade_fills_user_id_user_accounts_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user_accounts"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_journal" ADD CONSTRAINT "trade_journal_user_id_user_accounts_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user_accounts"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_journal" ADD CONSTRAINT "trade_journal_trade_id_trades_trade_id_fk" FOREIGN KEY ("trade_id") REFERENCES "public"."trades"("trade_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_journal" ADD CONSTRAINT "trade_journal_intent_id_trade_intents_intent_id_fk" FOREIGN KEY ("intent_id") REFERENCES "public"."trade_intents"("intent_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_journal" ADD CONSTRAINT "trade_journal_eval_id_trade_evaluations_eval_id_fk" FOREIGN KEY ("eval_id") REFERENCES "public"."trade_evaluations"("eval_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_journal" ADD CONSTRAINT "trade_journal_session_id_assistant_sessions_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."assistant_sessions"("session_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trades" ADD CONSTRAINT "trades_user_id_user_accounts_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user_accounts"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trades" ADD CONSTRAINT "trades_linked_intent_id_trade_intents_intent_id_fk" FOREIGN KEY ("linked_intent_id") REFERENCES "public"."trade_intents"("intent_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trades" ADD CONSTRAINT "trades_linked_eval_id_trade_evaluations_eval_id_fk" FOREIGN KEY ("linked_eval_id") REFERENCES "public"."trade_evaluations"("eval_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "uq_job_runs_job_key" ON "job_runs" USING btree ("job","run_key");--> statement-breakpoint
CREATE INDEX "idx_job_runs_job_scheduled" ON "job_runs" USING btree ("job","scheduled_for");--> statement-breakpoint
CREATE INDEX "idx_positions_trade" ON "positions" USING btree ("trade_id");--> statement-breakpoint
CREATE UNIQUE INDEX "uq_summary_subscriptions_channel" ON "summary_subscriptions" USING btree ("platform","workspace","channel");--> statement-breakpoint
CREATE UNIQUE INDEX "uq_trade_fills_trade_seq" ON "trade_fills" USING btree ("trade_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "uq_trade_fills_natural_key" ON "trade_fills" USING btree ("user_id","natural_key");--> statement-breakpoint
CREATE INDEX "idx_trade_journal_user_created" ON "trade_journal" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "idx_trade_journal_created" ON "trade_journal" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "idx_trade_journal_fts" ON "trade_journal" USING gin (to_tsvector('english', "note_text"));--> statement-breakpoint
CREATE UNIQUE INDEX "uq_trade_journal_source" ON "trade_journal" USING btree ("user_id","source_key");--> statement-breakpoint
CREATE UNIQUE INDEX "uq_trades_open_user_symbol" ON "trades" USING btree ("user_id","symbol") WHERE "trades"."status" = 'open';--> statement-breakpoint
CREATE INDEX "idx_trades_user_close" ON "trades" USING btree ("user_id","close_ts");--> statement-breakpoint
CREATE INDEX "idx_trades_close_ts" ON "trades" USING btree ("close_ts");--> statement-breakpoint
CREATE INDEX "idx_trades_intent" ON "trades" USING btree ("linked_intent_id");