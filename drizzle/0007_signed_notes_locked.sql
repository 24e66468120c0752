-- A signed note is locked for good: the database refuses any change to its content (and its
-- attendees and group parts), and its deletion. The one change allowed is the co-signature.
CREATE OR REPLACE FUNCTION attune_guard_signed_note() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'signed' THEN
      RAISE EXCEPTION 'session note % is signed: it cannot be deleted', OLD.id USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'signed' THEN
    IF (NEW.id, NEW.organisation_id, NEW.client_id, NEW.type, NEW.status, NEW.session_date, NEW.start_time, NEW.duration_minutes,
        NEW.attendance, NEW.data, NEW.assessment, NEW.plan, NEW.topics, NEW.topics_other, NEW.author_id, NEW.signed_at, NEW.cosign_required, NEW.created_at)
       IS DISTINCT FROM
       (OLD.id, OLD.organisation_id, OLD.client_id, OLD.type, OLD.status, OLD.session_date, OLD.start_time, OLD.duration_minutes,
        OLD.attendance, OLD.data, OLD.assessment, OLD.plan, OLD.topics, OLD.topics_other, OLD.author_id, OLD.signed_at, OLD.cosign_required, OLD.created_at)
       OR (OLD.cosigned_at IS NOT NULL AND (NEW.cosigned_at, NEW.cosigned_by) IS DISTINCT FROM (OLD.cosigned_at, OLD.cosigned_by)) THEN
      RAISE EXCEPTION 'session note % is signed: its content cannot change (add an addendum instead)', OLD.id USING ERRCODE = 'insufficient_privilege';
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER session_notes_signed_locked
  BEFORE UPDATE OR DELETE ON session_notes
  FOR EACH ROW EXECUTE FUNCTION attune_guard_signed_note();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION attune_guard_signed_note_part() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  parent uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.note_id ELSE NEW.note_id END;
BEGIN
  IF EXISTS (SELECT 1 FROM session_notes n WHERE n.id = parent AND n.status = 'signed')
     OR (TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM session_notes n WHERE n.id = OLD.note_id AND n.status = 'signed')) THEN
    RAISE EXCEPTION 'session note % is signed: its attendees cannot change', parent USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER note_family_attendees_signed_locked
  BEFORE INSERT OR UPDATE OR DELETE ON note_family_attendees
  FOR EACH ROW EXECUTE FUNCTION attune_guard_signed_note_part();
--> statement-breakpoint
CREATE TRIGGER note_group_members_signed_locked
  BEFORE INSERT OR UPDATE OR DELETE ON note_group_members
  FOR EACH ROW EXECUTE FUNCTION attune_guard_signed_note_part();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION attune_refuse_addendum_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'note_addenda are signed when written: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER note_addenda_immutable
  BEFORE UPDATE OR DELETE ON note_addenda
  FOR EACH ROW EXECUTE FUNCTION attune_refuse_addendum_change();
