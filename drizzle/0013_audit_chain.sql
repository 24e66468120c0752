-- The audit log is tamper-evident: each organisation's events form a hash chain. An event's hash
-- is sha256(previous event's hash || '\n' || a canonical text of the event, its place in the
-- chain included), so changing, removing or reordering an event breaks every link after it.
-- `npm run audit:verify` recomputes the chain. sha256() is built into PostgreSQL 11+ (no
-- pgcrypto), so this runs the same on PostgreSQL and PGlite.
CREATE OR REPLACE FUNCTION attune_audit_canonical(e audit_events) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_array(
    e.id, e.organisation_id, e.chain_seq,
    to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    e.actor_kind, e.actor_user_id, e.action, e.entity_type, e.entity_id, e.client_id, e.ip, e.user_agent, e.detail
  )::text
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION attune_audit_hash(prev_hash text, e audit_events) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(prev_hash || E'\n' || attune_audit_canonical(e), 'UTF8')), 'hex')
$$;
--> statement-breakpoint
-- Existing events, chained in the order they were written.
ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only;
--> statement-breakpoint
DO $$
DECLARE
  r audit_events;
  org uuid;
  prev text;
  seq bigint;
BEGIN
  FOR r IN SELECT * FROM audit_events ORDER BY organisation_id, id LOOP
    IF org IS DISTINCT FROM r.organisation_id THEN
      org := r.organisation_id;
      prev := repeat('0', 64);
      seq := 0;
    END IF;
    seq := seq + 1;
    r.chain_seq := seq;
    r.prev_hash := prev;
    prev := attune_audit_hash(prev, r);
    UPDATE audit_events SET chain_seq = seq, prev_hash = r.prev_hash, hash = prev WHERE id = r.id;
  END LOOP;
END;
$$;
--> statement-breakpoint
ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only;
--> statement-breakpoint
ALTER TABLE audit_events ALTER COLUMN chain_seq SET NOT NULL;
--> statement-breakpoint
ALTER TABLE audit_events ALTER COLUMN prev_hash SET NOT NULL;
--> statement-breakpoint
ALTER TABLE audit_events ALTER COLUMN hash SET NOT NULL;
--> statement-breakpoint
-- New events: writers to one organisation's chain queue on a transaction-scoped advisory lock,
-- so two concurrent inserts cannot both extend the same head (the unique index on
-- (organisation_id, chain_seq) would refuse a fork anyway). A row that arrives with its chain
-- values (a restore) must carry exactly the values the chain gives it, or it is refused.
CREATE OR REPLACE FUNCTION attune_audit_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  head_seq bigint;
  head_hash text;
  expected text;
BEGIN
  PERFORM pg_advisory_xact_lock(1096107333, hashtext(NEW.organisation_id::text));
  SELECT chain_seq, hash INTO head_seq, head_hash
    FROM audit_events WHERE organisation_id = NEW.organisation_id
    ORDER BY chain_seq DESC LIMIT 1;
  IF NEW.chain_seq IS NOT NULL AND NEW.chain_seq IS DISTINCT FROM coalesce(head_seq, 0) + 1 THEN
    RAISE EXCEPTION 'audit event % claims place % in its chain, but the next place is %', NEW.id, NEW.chain_seq, coalesce(head_seq, 0) + 1
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  NEW.chain_seq := coalesce(head_seq, 0) + 1;
  IF NEW.prev_hash IS NOT NULL AND NEW.prev_hash IS DISTINCT FROM coalesce(head_hash, repeat('0', 64)) THEN
    RAISE EXCEPTION 'audit event % does not follow the previous event of its chain', NEW.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  NEW.prev_hash := coalesce(head_hash, repeat('0', 64));
  expected := attune_audit_hash(NEW.prev_hash, NEW);
  IF NEW.hash IS NOT NULL AND NEW.hash IS DISTINCT FROM expected THEN
    RAISE EXCEPTION 'audit event % has been altered: its hash does not match its content', NEW.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  NEW.hash := expected;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_chain
  BEFORE INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION attune_audit_chain();
