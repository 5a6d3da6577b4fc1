CREATE TABLE "user_accounts" (
	"user_id" text PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"display_name" text,
	"base_currency" text DEFAULT 'USD' NOT NULL,
	"equity_snapshot" double precision,
	"buying_power_snapshot" double precision,
	"risk_defaults" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_rules" (
	"user_id" text PRIMARY KEY NOT NULL,
	"rules" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assistant_messages" (
	"msg_id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"ts" timestamp with time zone DEFAULT now() NOT NULL,
	"role" text NOT NULL,
	"content" text NOT NULL,
	"delivery_id" text,
	"in_reply_to" uuid,
	"reply" jsonb,
	"tool_calls" jsonb
);
--> statement-breakpoint
CREATE TABLE "assistant_sessions" (
	"session_id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"platform" text NOT NULL,
	"workspace" text NOT NULL,
	"channel" text NOT NULL,
	"thread" text DEFAULT '' NOT NULL,
	"mode" text DEFAULT 'idle' NOT NULL,
	"state" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_active_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bars" (
	"symbol" text NOT NULL,
	"timeframe" text NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"open" double precision NOT NULL,
	"high" double precision NOT NULL,
	"low" double precision NOT NULL,
	"close" double precision NOT NULL,
	"volume" double precision NOT NULL,
	CONSTRAINT "pk_bars" PRIMARY KEY("symbol","timeframe","ts")
);
--> statement-breakpoint
CREATE TABLE "tickers" (
	"symbol" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"asset_class" text NOT NULL,
	"sector" text,
	"industry" text,
	"exchange" text,
	"currency" text DEFAULT 'USD' NOT NULL,
	"is_synthetic" boolean DEFAULT false NOT NULL,
	"source" text NOT NULL,
	"market_cap" double precision,
	"pe_ratio" double precision,
	"forward_pe" double precision,
	"eps_growth_pct" double precision,
	"profit_margin_pct" double precision,
	"debt_to_equity" double precision,
	"dividend_yield_pct" double precision,
	"fundamentals_as_of" date,
	"fundamentals_source" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trade_evaluation_items" (
	"eval_item_id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"eval_id" uuid NOT NULL,
	"module_name" text NOT NULL,
	"module_version" integer NOT NULL,
	"issue_code" text NOT NULL,
	"severity" text NOT NULL,
	"message" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"recommendation" jsonb NOT NULL,
	"rank" integer NOT NULL,
	"shown" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trade_evaluations" (
	"eval_id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"intent_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"symbol" text NOT NULL,
	"timeframe" text NOT NULL,
	"eval_ts" timestamp with time zone NOT NULL,
	"overall_score" integer NOT NULL,
	"overall_severity" text NOT NULL,
	"modules_run" jsonb NOT NULL,
	"summary" jsonb NOT NULL,
	"context_facts" jsonb NOT NULL,
	"config_version" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trade_intents" (
	"intent_id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"session_id" uuid,
	"symbol" text NOT NULL,
	"side" text NOT NULL,
	"timeframe" text NOT NULL,
	"proposed_entry" double precision NOT NULL,
	"proposed_stop" double precision,
	"proposed_target" double precision,
	"targets" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"proposed_size" double precision,
	"proposed_notional" double precision,
	"proposed_risk_pct" double precision,
	"proposed_risk_amount" double precision,
	"holding_horizon" text,
	"order_type" text DEFAULT 'limit' NOT NULL,
	"thesis" text,
	"raw_text" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "user_rules" ADD CONSTRAINT "user_rules_user_id_user_accounts_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user_accounts"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistant_messages" ADD CONSTRAINT "assistant_messages_session_id_assistant_sessions_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."assistant_sessions"("session_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistant_sessions" ADD CONSTRAINT "assistant_sessions_user_id_user_accounts_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user_accounts"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bars" ADD CONSTRAINT "bars_symbol_tickers_symbol_fk" FOREIGN KEY ("symbol") REFERENCES "public"."tickers"("symbol") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_evaluation_items" ADD CONSTRAINT "trade_evaluation_items_eval_id_trade_evaluations_eval_id_fk" FOREIGN KEY ("eval_id") REFERENCES "public"."trade_evaluations"("eval_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_evaluations" ADD CONSTRAINT "trade_evaluations_intent_id_trade_intents_intent_id_fk" FOREIGN KEY ("intent_id") REFERENCES "public"."trade_intents"("intent_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_evaluations" ADD CONSTRAINT "trade_evaluations_user_id_user_accounts_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user_accounts"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_intents" ADD CONSTRAINT "trade_intents_user_id_user_accounts_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user_accounts"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_intents" ADD CONSTRAINT "trade_intents_session_id_assistant_sessions_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."assistant_sessions"("session_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_assistant_messages_session_ts" ON "assistant_messages" USING btree ("session_id","ts");--> statement-breakpoint
CREATE UNIQUE INDEX "uq_assistant_messages_delivery" ON "assistant_messages" USING btree ("session_id","delivery_id") WHERE "assistant_messages"."delivery_id" is not null;--> statement-breakpoint
CREATE INDEX "idx_assistant_messages_in_reply_to" ON "assistant_messages" USING btree ("in_reply_to");--> statement-breakpoint
CREATE UNIQUE INDEX "uq_assistant_sessions_thread_user" ON "assistant_sessions" USING btree ("platform","workspace","channel","thread","user_id");--> statement-breakpoint
CREATE INDEX "idx_assistant_sessions_user" ON "assistant_sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "idx_bars_timeframe_ts" ON "bars" USING btree ("timeframe","ts");--> statement-breakpoint
CREATE INDEX "idx_trade_evaluation_items_eval" ON "trade_evaluation_items" USING btree ("eval_id");--> statement-breakpoint
CREATE INDEX "idx_trade_evaluations_intent" ON "trade_evaluations" USING btree ("intent_id");--> statement-breakpoint
CREATE INDEX "idx_trade_evaluations_user_created" ON "trade_evaluations" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "idx_trade_intents_user_created" ON "trade_intents" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "idx_trade_intents_symbol" ON "trade_intents" USING btree ("symbol");