import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { UserStatus } from "@/db/schema";
import { staffText, type StaffKey } from "@/i18n/staff";

const t = staffText("users");
const tones: Record<UserStatus, BadgeTone> = { active: "ok", invited: "brand", deactivated: "neutral" };
const statusKeys: Record<UserStatus, StaffKey<"users">> = { active: "statusActive", invited: "statusInvited", deactivated: "statusDeactivated" };

/** The account's status as a word; an invitation whose link has lapsed says so. */
export function UserStatusBadge({ status, inviteExpiresAt, now }: { status: UserStatus; inviteExpiresAt?: string | null; now?: number }) {
  const lapsed = status === "invited" && (!inviteExpiresAt || (now !== undefined && Date.parse(inviteExpiresAt) <= now));
  if (lapsed) return <Badge tone="warn">{t("statusInviteExpired")}</Badge>;
  return <Badge tone={tones[status]}>{t(statusKeys[status])}</Badge>;
}
