ALTER TABLE "groups" ADD COLUMN "search_bigrams" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
CREATE INDEX "groups_bigrams_idx" ON "groups" USING gin ("search_bigrams");