import { Badge, type BadgeTone } from "@/components/ui/badge";
import { staffText } from "@/i18n/staff";

const t = staffText("notes");

export interface NoteSignState {
  status: "draft" | "signed";
  cosignRequired: boolean;
  cosigned: boolean;
}

export function noteStatusLabel(note: NoteSignState): { label: string; tone: BadgeTone } {
  if (note.status === "draft") return { label: t("statusDraft"), tone: "warn" };
  if (note.cosignRequired && !note.cosigned) return { label: t("statusAwaitingCosign"), tone: "brand" };
  if (note.cosignRequired) return { label: t("statusSignedAndCosigned"), tone: "ok" };
  return { label: t("statusSigned"), tone: "ok" };
}

/** The note's state as a word (the colour only repeats it). */
export function NoteStatusBadge({ note }: { note: NoteSignState }) {
  const { label, tone } = noteStatusLabel(note);
  return <Badge tone={tone}>{label}</Badge>;
}
