CREATE TABLE "answer_jobs" (
	"msg_id" uuid PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"inbound" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"owner" text NOT NULL,
	"lease_until" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"recovered_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"delivery_attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"fingerprint" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"locked_until" timestamp with time zone NOT NULL,
	"status_code" integer,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "pk_idempotency_keys" PRIMARY KEY("scope","key")
);
--> statement-breakpoint
ALTER TABLE "trade_evaluations" ADD COLUMN "completed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "trade_evaluations" ADD COLUMN "interrupted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "job_runs" ADD COLUMN "output" jsonb;--> statement-breakpoint
ALTER TABLE "job_runs" ADD COLUMN "delivered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "job_runs" ADD COLUMN "delivery_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "job_runs" ADD COLUMN "delivery_lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "answer_jobs" ADD CONSTRAINT "answer_jobs_msg_id_assistant_messages_msg_id_fk" FOREIGN KEY ("msg_id") REFERENCES "public"."assistant_messages"("msg_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answer_jobs" ADD CONSTRAINT "answer_jobs_session_id_assistant_sessions_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."assistant_sessions"("session_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_answer_jobs_pending" ON "answer_jobs" USING btree ("lease_until") WHERE "answer_jobs"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "idx_answer_jobs_undelivered" ON "answer_jobs" USING btree ("finished_at") WHERE "answer_jobs"."recovered_at" is not null and "answer_jobs"."delivered_at" is null;--> statement-breakpoint
CREATE INDEX "idx_idempotency_keys_expires" ON "idempotency_keys" USING btree ("expires_at");--> statement-breakpoint
-- Evaluations stored before completion was tracked count as complete.
UPDATE "trade_evaluations" SET "completed_at" = "created_at";
