CREATE TABLE "knowledge_chunks" (
	"id" text PRIMARY KEY NOT NULL,
	"domain" text NOT NULL,
	"doc_path" text NOT NULL,
	"title" text NOT NULL,
	"heading" text NOT NULL,
	"ordinal" integer NOT NULL,
	"text" text NOT NULL,
	"tags" text[] NOT NULL,
	"content_hash" text NOT NULL,
	"embedder" text NOT NULL,
	"vector" real[] NOT NULL,
	"indexed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "idx_knowledge_chunks_domain" ON "knowledge_chunks" USING btree ("domain");--> statement-breakpoint
CREATE INDEX "idx_knowledge_chunks_doc_path" ON "knowledge_chunks" USING btree ("doc_path");