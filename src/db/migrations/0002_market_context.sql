CREATE TABLE "charts" (
	"chart_id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"eval_id" uuid,
	"symbol" text NOT NULL,
	"timeframe" text NOT NULL,
	"chart_type" text NOT NULL,
	"image_key" text NOT NULL,
	"image_url" text NOT NULL,
	"indicators_applied" jsonb NOT NULL,
	"data_points" integer NOT NULL,
	"last_price" double precision,
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "key_levels" (
	"symbol" text NOT NULL,
	"timeframe" text NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"version" integer NOT NULL,
	"bar_ts" timestamp with time zone NOT NULL,
	"cadence" text NOT NULL,
	"last_close" double precision,
	"atr" double precision,
	"prior_day_ts" timestamp with time zone,
	"prior_day_high" double precision,
	"prior_day_low" double precision,
	"prior_day_close" double precision,
	"pivots" jsonb,
	"anchored_vwap_levels" jsonb NOT NULL,
	"rolling_range_high" double precision,
	"rolling_range_low" double precision,
	"rolling_range_lookback" integer,
	"support_resistance" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pk_key_levels" PRIMARY KEY("symbol","timeframe","ts","version")
);
--> statement-breakpoint
CREATE TABLE "regime_snapshots" (
	"symbol" text NOT NULL,
	"timeframe" text NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"version" integer NOT NULL,
	"bar_ts" timestamp with time zone NOT NULL,
	"label" text NOT NULL,
	"trend_state" text NOT NULL,
	"trend_strength" double precision,
	"trend_components" jsonb NOT NULL,
	"vol_state" text NOT NULL,
	"atr_percentile" double precision,
	"vol_z" double precision,
	"vol_expansion_flag" boolean,
	"vol_components" jsonb NOT NULL,
	"liquidity_state" text NOT NULL,
	"spread_proxy" double precision,
	"relvol" double precision,
	"hmm_state_id" integer,
	"hmm_probs" jsonb,
	"transition_risk" double precision,
	"hmm" jsonb,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pk_regime_snapshots" PRIMARY KEY("symbol","timeframe","ts","version")
);
--> statement-breakpoint
ALTER TABLE "charts" ADD CONSTRAINT "charts_eval_id_trade_evaluations_eval_id_fk" FOREIGN KEY ("eval_id") REFERENCES "public"."trade_evaluations"("eval_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_levels" ADD CONSTRAINT "key_levels_symbol_tickers_symbol_fk" FOREIGN KEY ("symbol") REFERENCES "public"."tickers"("symbol") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regime_snapshots" ADD CONSTRAINT "regime_snapshots_symbol_tickers_symbol_fk" FOREIGN KEY ("symbol") REFERENCES "public"."tickers"("symbol") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_charts_eval" ON "charts" USING btree ("eval_id");--> statement-breakpoint
CREATE INDEX "idx_charts_symbol_generated" ON "charts" USING btree ("symbol","generated_at");