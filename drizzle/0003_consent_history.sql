-- Consent history is kept, never overwritten: a consent row may only be revoked, once.
CREATE OR REPLACE FUNCTION attune_guard_consent() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'consents are kept: DELETE is not allowed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.revoked_at IS NOT NULL THEN
    RAISE EXCEPTION 'consents are kept: a revoked consent cannot change' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (NEW.id, NEW.organisation_id, NEW.client_id, NEW.contact_id, NEW.scope, NEW.valid_from, NEW.valid_until, NEW.note, NEW.recorded_by, NEW.recorded_at)
     IS DISTINCT FROM
     (OLD.id, OLD.organisation_id, OLD.client_id, OLD.contact_id, OLD.scope, OLD.valid_from, OLD.valid_until, OLD.note, OLD.recorded_by, OLD.recorded_at) THEN
    RAISE EXCEPTION 'consents are kept: only a revocation may be added' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER consents_keep_history
  BEFORE UPDATE OR DELETE ON consents
  FOR EACH ROW EXECUTE FUNCTION attune_guard_consent();
