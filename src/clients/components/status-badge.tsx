import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { ClientStatus } from "@/db/schema";
import { statusLabels } from "../labels";

const tones: Record<ClientStatus, BadgeTone> = { intake: "brand", active: "ok", on_hold: "warn", discharged: "neutral" };

export function StatusBadge({ status }: { status: ClientStatus }) {
  return <Badge tone={tones[status]}>{statusLabels[status]}</Badge>;
}
