import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { UserStatus } from "@/db/schema";
import { statusLabels } from "../admin-schemas";

const tones: Record<UserStatus, BadgeTone> = { active: "ok", invited: "brand", deactivated: "neutral" };

/** The account's status as a word; an invitation whose link has lapsed says so. */
export function UserStatusBadge({ status, inviteExpiresAt, now }: { status: UserStatus; inviteExpiresAt?: string | null; now?: number }) {
  const lapsed = status === "invited" && (!inviteExpiresAt || (now !== undefined && Date.parse(inviteExpiresAt) <= now));
  if (lapsed) return <Badge tone="warn">Invited · link expired</Badge>;
  return <Badge tone={tones[status]}>{statusLabels[status]}</Badge>;
}
