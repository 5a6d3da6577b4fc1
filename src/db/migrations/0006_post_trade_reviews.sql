CREATE TABLE "post_trade_reviews" (
	"review_id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trade_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"generated_at" timestamp with time zone NOT NULL,
	"process_grade" text NOT NULL,
	"process_score" integer NOT NULL,
	"outcome_grade" text NOT NULL,
	"verdict" text NOT NULL,
	"realised_r" double precision,
	"pnl" double precision NOT NULL,
	"key_lessons" jsonb NOT NULL,
	"what_went_well" jsonb NOT NULL,
	"what_to_improve" jsonb NOT NULL,
	"linked_eval_id" uuid,
	"findings" jsonb NOT NULL,
	"excursions" jsonb NOT NULL,
	"warnings" jsonb NOT NULL,
	"facts" jsonb NOT NULL,
	"coach_note" text,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ck_post_trade_reviews_grades" CHECK ("post_trade_reviews"."process_grade" in ('A','B','C','D','F') and "post_trade_reviews"."outcome_grade" in ('A','B','C','D','F'))
);
--> statement-breakpoint
CREATE TABLE "trade_stop_changes" (
	"change_id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trade_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"stop" double precision,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ck_trade_stop_changes_stop" CHECK ("trade_stop_changes"."stop" is null or "trade_stop_changes"."stop" > 0)
);
--> statement-breakpoint
ALTER TABLE "post_trade_reviews" ADD CONSTRAINT "post_trade_reviews_trade_id_trades_trade_id_fk" FOREIGN KEY ("trade_id") REFERENCES "public"."trades"("trade_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_trade_reviews" ADD CONSTRAINT "post_trade_reviews_user_id_user_accounts_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user_accounts"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_trade_reviews" ADD CONSTRAINT "post_trade_reviews_linked_eval_id_trade_evaluations_eval_id_fk" FOREIGN KEY ("linked_eval_id") REFERENCES "public"."trade_evaluations"("eval_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_stop_changes" ADD CONSTRAINT "trade_stop_changes_trade_id_trades_trade_id_fk" FOREIGN KEY ("trade_id") REFERENCES "public"."trades"("trade_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_stop_changes" ADD CONSTRAINT "trade_stop_changes_user_id_user_accounts_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user_accounts"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "uq_post_trade_reviews_trade_version" ON "post_trade_reviews" USING btree ("trade_id","version");--> statement-breakpoint
CREATE INDEX "idx_post_trade_reviews_user_generated" ON "post_trade_reviews" USING btree ("user_id","generated_at");--> statement-breakpoint
CREATE INDEX "idx_trade_stop_changes_trade_ts" ON "trade_stop_changes" USING btree ("trade_id","ts");