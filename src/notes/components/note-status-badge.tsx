import { Badge, type BadgeTone } from "@/components/ui/badge";

export interface NoteSignState {
  status: "draft" | "signed";
  cosignRequired: boolean;
  cosigned: boolean;
}

export function noteStatusLabel(note: NoteSignState): { label: string; tone: BadgeTone } {
  if (note.status === "draft") return { label: "Draft", tone: "warn" };
  if (note.cosignRequired && !note.cosigned) return { label: "Awaiting co-signature", tone: "brand" };
  if (note.cosignRequired) return { label: "Signed and co-signed", tone: "ok" };
  return { label: "Signed", tone: "ok" };
}

/** The note's state as a word (the colour only repeats it). */
export function NoteStatusBadge({ note }: { note: NoteSignState }) {
  const { label, tone } = noteStatusLabel(note);
  return <Badge tone={tone}>{label}</Badge>;
}
