CREATE TABLE "ai_journal" (
	"journal_id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"trade_id" uuid,
	"symbol" text NOT NULL,
	"timeframe" text NOT NULL,
	"agent" text NOT NULL,
	"signal" text NOT NULL,
	"confidence" real NOT NULL,
	"rationale" text NOT NULL,
	"indicators_snapshot" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"llm_provider" text NOT NULL,
	"model_name" text DEFAULT '' NOT NULL,
	"strategy_id" uuid,
	"eval_id" uuid,
	"llm_call_id" uuid,
	"retrieved_chunk_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"key_factors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ck_ai_journal_signal" CHECK ("ai_journal"."signal" in ('BUY', 'SELL', 'BUY_LIMIT', 'SELL_LIMIT', 'HOLD')),
	CONSTRAINT "ck_ai_journal_agent" CHECK ("ai_journal"."agent" in ('technical', 'fundamental', 'sentiment', 'risk')),
	CONSTRAINT "ck_ai_journal_confidence" CHECK ("ai_journal"."confidence" >= 0 and "ai_journal"."confidence" <= 1)
);
--> statement-breakpoint
CREATE TABLE "guardrail_events" (
	"event_id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ts" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" text,
	"request_id" text,
	"stage" text NOT NULL,
	"rule" text NOT NULL,
	"action" text NOT NULL,
	"excerpt" text DEFAULT '' NOT NULL,
	"eval_id" uuid,
	CONSTRAINT "ck_guardrail_events_stage" CHECK ("guardrail_events"."stage" in ('input', 'retrieved', 'output', 'explanation')),
	CONSTRAINT "ck_guardrail_events_action" CHECK ("guardrail_events"."action" in ('blocked', 'rewritten', 'flagged'))
);
--> statement-breakpoint
CREATE TABLE "llm_calls" (
	"llm_call_id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider" text NOT NULL,
	"model" text NOT NULL,
	"purpose" text NOT NULL,
	"user_id" text,
	"request_id" text,
	"system_prompt" text NOT NULL,
	"user_prompt" text NOT NULL,
	"raw_response" text NOT NULL,
	"parsed_output" jsonb,
	"input_tokens" integer DEFAULT 0 NOT NULL,
	"output_tokens" integer DEFAULT 0 NOT NULL,
	"cache_read_tokens" integer DEFAULT 0 NOT NULL,
	"cache_write_tokens" integer DEFAULT 0 NOT NULL,
	"latency_ms" integer NOT NULL,
	"stop_reason" text,
	"provider_request_id" text,
	"error" text,
	"attempt" integer NOT NULL,
	"turn" integer DEFAULT 1 NOT NULL,
	"prompt_hash" text NOT NULL,
	"extra_fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"truncated_prompt" boolean DEFAULT false NOT NULL,
	"truncated_response" boolean DEFAULT false NOT NULL,
	"truncated_output" boolean DEFAULT false NOT NULL,
	"eval_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "strategies" (
	"strategy_id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ai_journal" ADD CONSTRAINT "ai_journal_user_id_user_accounts_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user_accounts"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_journal" ADD CONSTRAINT "ai_journal_strategy_id_strategies_strategy_id_fk" FOREIGN KEY ("strategy_id") REFERENCES "public"."strategies"("strategy_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_journal" ADD CONSTRAINT "ai_journal_eval_id_trade_evaluations_eval_id_fk" FOREIGN KEY ("eval_id") REFERENCES "public"."trade_evaluations"("eval_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_journal" ADD CONSTRAINT "ai_journal_llm_call_id_llm_calls_llm_call_id_fk" FOREIGN KEY ("llm_call_id") REFERENCES "public"."llm_calls"("llm_call_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardrail_events" ADD CONSTRAINT "guardrail_events_eval_id_trade_evaluations_eval_id_fk" FOREIGN KEY ("eval_id") REFERENCES "public"."trade_evaluations"("eval_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "llm_calls" ADD CONSTRAINT "llm_calls_eval_id_trade_evaluations_eval_id_fk" FOREIGN KEY ("eval_id") REFERENCES "public"."trade_evaluations"("eval_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategies" ADD CONSTRAINT "strategies_user_id_user_accounts_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user_accounts"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "uq_ai_journal_trade_id" ON "ai_journal" USING btree ("trade_id");--> statement-breakpoint
CREATE INDEX "idx_ai_journal_user_id" ON "ai_journal" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "idx_ai_journal_symbol" ON "ai_journal" USING btree ("symbol");--> statement-breakpoint
CREATE INDEX "idx_ai_journal_eval" ON "ai_journal" USING btree ("eval_id");--> statement-breakpoint
CREATE INDEX "idx_guardrail_events_user_ts" ON "guardrail_events" USING btree ("user_id","ts");--> statement-breakpoint
CREATE INDEX "idx_guardrail_events_eval" ON "guardrail_events" USING btree ("eval_id");--> statement-breakpoint
CREATE INDEX "idx_llm_calls_eval" ON "llm_calls" USING btree ("eval_id");--> statement-breakpoint
CREATE INDEX "idx_llm_calls_request" ON "llm_calls" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "idx_llm_calls_user_created" ON "llm_calls" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "idx_llm_calls_prompt_hash" ON "llm_calls" USING btree ("prompt_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "uq_strategies_user_name" ON "strategies" USING btree ("user_id","name");