CREATE TABLE "news_items" (
	"news_id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"headline" text NOT NULL,
	"source" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"symbols" text[] DEFAULT '{}'::text[] NOT NULL,
	"url" text NOT NULL,
	"score" double precision,
	"scored_with" text,
	"imported_from" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_news_items_url" UNIQUE("url")
);
--> statement-breakpoint
CREATE INDEX "idx_news_items_published_at" ON "news_items" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "idx_news_items_symbols" ON "news_items" USING gin ("symbols");