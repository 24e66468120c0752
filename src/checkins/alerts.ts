import { and, eq, isNull } from "drizzle-orm";
import { findVisibleClientId } from "@/clients/access";
import { criticalAlerts } from "@/db/schema";
import type { ActionSpec, Handler } from "@/lib/action-core";
import { ActionRefused } from "@/lib/errors";
import { clinical } from "./administer";
import { acknowledgeAlertSchema } from "./schemas";

type AlertRef = { clientId: string; alertId: string; administrationId: string; acknowledged: boolean };

export const acknowledgeAlertSpec: ActionSpec<typeof acknowledgeAlertSchema, AlertRef, void> = {
  name: "checkin.alert_acknowledge",
  schema: acknowledgeAlertSchema,
  roles: clinical,
  load: async (db, actor, input) => {
    const clientId = await findVisibleClientId(db, actor, input.clientId);
    if (!clientId) return null;
    const [row] = await db
      .select({ id: criticalAlerts.id, administrationId: criticalAlerts.administrationId, acknowledgedAt: criticalAlerts.acknowledgedAt })
      .from(criticalAlerts)
      .where(and(eq(criticalAlerts.id, input.alertId), eq(criticalAlerts.clientId, clientId), eq(criticalAlerts.organisationId, actor.organisationId)));
    return row ? { clientId, alertId: row.id, administrationId: row.administrationId, acknowledged: row.acknowledgedAt !== null } : null;
  },
  // The note is clinical content: it stays on the alert, the audit trail says who and when.
  audit: ({ record }) => ({
    action: "checkin.alert_acknowledge",
    entityType: "critical_alert",
    entityId: record.alertId,
    clientId: record.clientId,
    detail: { administrationId: record.administrationId },
  }),
};

/** Closes an open alert with the counselor's note; an alert is acknowledged once. */
export const acknowledgeAlert: Handler<typeof acknowledgeAlertSchema, AlertRef, void> = async ({ db, actor, input, record }) => {
  const already = "Someone has already acknowledged this alert. Reload to see their note.";
  if (record.acknowledged) throw new ActionRefused(already);
  const updated = await db
    .update(criticalAlerts)
    .set({ acknowledgedAt: new Date(), acknowledgedBy: actor.userId, acknowledgementNote: input.note })
    .where(and(eq(criticalAlerts.id, record.alertId), isNull(criticalAlerts.acknowledgedAt)))
    .returning({ id: criticalAlerts.id });
  if (!updated.length) throw new ActionRefused(already);
};
