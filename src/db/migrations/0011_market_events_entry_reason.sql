CREATE TABLE "market_events" (
	"event_id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_key" text NOT NULL,
	"symbol" text,
	"event_date" date NOT NULL,
	"kind" text NOT NULL,
	"note" text,
	"is_synthetic" boolean DEFAULT false NOT NULL,
	"imported_from" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_market_events_key" UNIQUE("event_key"),
	CONSTRAINT "ck_market_events_kind" CHECK ("market_events"."kind" ~ '^[a-z][a-z0-9-]{0,23}$')
);
--> statement-breakpoint
ALTER TABLE "trades" ADD COLUMN "entry_reason" text;--> statement-breakpoint
CREATE INDEX "idx_market_events_date" ON "market_events" USING btree ("event_date");--> statement-breakpoint
CREATE INDEX "idx_market_events_symbol_date" ON "market_events" USING btree ("symbol","event_date");