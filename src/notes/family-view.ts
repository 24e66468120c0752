import type { ConsentScope, NoteType } from "@/db/schema";
import type { Attendance, FamilyTopic } from "./schemas";

/** The parts of a note that could ever matter to a family member's view of it. */
export interface FamilyViewSource {
  type: NoteType;
  status: "draft" | "signed";
  sessionDate: string;
  attendance: Attendance;
  topics: readonly FamilyTopic[];
  topicsOther: string | null;
  data?: string;
  assessment?: string;
  plan?: string;
}

export type FamilyVisibleNote =
  | { sessionDate: string; type: NoteType; attendance: Attendance }
  | { sessionDate: string; type: NoteType; attendance: Attendance; topics: FamilyTopic[]; topicsOther: string | null };

/**
 * What a family member may see of a note, given their consent on the session's day. Built by
 * listing the fields that may leave, never by removing the ones that may not, so a column added
 * to notes later cannot slip through. The DAP text (data, assessment, plan) never leaves, and a
 * draft is not a record yet, so nothing of it leaves either.
 */
export function familyVisibleNote(note: FamilyViewSource, consentScope: ConsentScope): FamilyVisibleNote | null {
  if (note.status !== "signed") return null;
  switch (consentScope) {
    case "nothing":
      return null;
    case "attendance_only":
      return { sessionDate: note.sessionDate, type: note.type, attendance: note.attendance };
    case "progress_summaries":
      return {
        sessionDate: note.sessionDate,
        type: note.type,
        attendance: note.attendance,
        topics: [...note.topics],
        topicsOther: note.topics.includes("other") ? note.topicsOther : null,
      };
  }
}
