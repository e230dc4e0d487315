-- The audit log as one hash chain per city (issue 11 item 8; docs/decisions/0010-audit-chain-and-backups.md).
-- Each row carries chain_seq (1, 2, 3 … per city), prev_hash (the hash of the row before) and
-- hash = sha256(prev_hash || '\n' || canonical row). A BEFORE INSERT trigger computes them under
-- a row lock on the city's audit_chain_head, held until commit, so two transactions appending at
-- once queue up and the chain never forks (the unique index on (municipality_id, chain_seq)
-- refuses a fork whatever happens). `kyodo audit verify` recomputes the chain with the same
-- SQL function and reports the first broken link.
CREATE TABLE "audit_chain_head" (
	"municipality_id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint DEFAULT 0 NOT NULL,
	"hash" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "chain_seq" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "prev_hash" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "hash" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- The canonical serialisation: a JSON array of every column but the hashes, in a fixed order,
-- the time in UTC with microseconds (independent of the session's TimeZone), the changes as
-- jsonb text (keys sorted, one spacing). A column added to audit_log later must be added here
-- (in a new function version) to be covered.
CREATE OR REPLACE FUNCTION kyodo_audit_canonical(r audit_log) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_array(
    r.chain_seq, r.id, r.municipality_id, r.actor_user_id, r.actor_label, r.action,
    r.entity_type, r.entity_id, r.changes, r.ip, r.user_agent,
    to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
  )::text
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kyodo_audit_hash(prev text, r audit_log) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(prev || E'\n' || kyodo_audit_canonical(r), 'UTF8')), 'hex')
$$;
--> statement-breakpoint
-- Existing rows, per city in the order they were written (id), before the insert trigger exists.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
--> statement-breakpoint
DO $$
DECLARE
  r audit_log;
  city uuid := NULL;
  prev text := '';
  n bigint := 0;
BEGIN
  FOR r IN SELECT * FROM audit_log ORDER BY municipality_id, id LOOP
    IF city IS DISTINCT FROM r.municipality_id THEN
      IF city IS NOT NULL THEN
        INSERT INTO audit_chain_head (municipality_id, seq, hash) VALUES (city, n, prev);
      END IF;
      city := r.municipality_id;
      prev := '';
      n := 0;
    END IF;
    n := n + 1;
    r.chain_seq := n;
    r.prev_hash := prev;
    r.hash := kyodo_audit_hash(prev, r);
    UPDATE audit_log SET chain_seq = r.chain_seq, prev_hash = r.prev_hash, hash = r.hash WHERE id = r.id;
    prev := r.hash;
  END LOOP;
  IF city IS NOT NULL THEN
    INSERT INTO audit_chain_head (municipality_id, seq, hash) VALUES (city, n, prev);
  END IF;
END
$$;
--> statement-breakpoint
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;
--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_chain_uq" ON "audit_log" USING btree ("municipality_id","chain_seq");
--> statement-breakpoint
-- SECURITY DEFINER: the trigger writes audit_chain_head as the owner of the tables, so the
-- application role needs (and gets, kyodo db grant-app-role) only SELECT on it.
CREATE OR REPLACE FUNCTION kyodo_audit_chain() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  head audit_chain_head;
BEGIN
  SELECT * INTO head FROM audit_chain_head WHERE municipality_id = NEW.municipality_id FOR UPDATE;
  IF NOT FOUND THEN
    -- the city's first row; a concurrent first row waits here for the other to commit
    INSERT INTO audit_chain_head (municipality_id) VALUES (NEW.municipality_id) ON CONFLICT DO NOTHING;
    SELECT * INTO head FROM audit_chain_head WHERE municipality_id = NEW.municipality_id FOR UPDATE;
  END IF;
  NEW.chain_seq := head.seq + 1;
  NEW.prev_hash := head.hash;
  NEW.hash := kyodo_audit_hash(head.hash, NEW);
  UPDATE audit_chain_head SET seq = NEW.chain_seq, hash = NEW.hash WHERE municipality_id = NEW.municipality_id;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION kyodo_audit_chain();
