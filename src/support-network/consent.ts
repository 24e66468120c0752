import type { ConsentScope } from "@/db/schema";

export interface ConsentRecord {
  id: string;
  scope: ConsentScope;
  validFrom: string;
  validUntil: string | null;
  recordedAt: Date | string;
  revokedAt: Date | string | null;
}

/**
 * What may be shared with a person on a given day: the most recently recorded consent that is
 * not revoked and covers the day. No such consent means nothing may be shared.
 */
export function effectiveConsent(records: readonly ConsentRecord[], day: string): ConsentScope {
  const current = records
    .filter((c) => !c.revokedAt && c.validFrom <= day && (!c.validUntil || c.validUntil >= day))
    .sort((a, b) => new Date(b.recordedAt).getTime() - new Date(a.recordedAt).getTime())[0];
  return current?.scope ?? "nothing";
}

const rank: Record<ConsentScope, number> = { nothing: 0, attendance_only: 1, progress_summaries: 2 };

/** Whether a consent allows at least the given level of sharing. */
export function allows(scope: ConsentScope, needed: ConsentScope): boolean {
  return rank[scope] >= rank[needed];
}
