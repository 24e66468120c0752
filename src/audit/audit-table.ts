import { z } from "zod";
import { uuid } from "@/lib/zod-fields";
import { defineTableState } from "@/components/data-table/table-state";
import { isLocalDate } from "@/lib/local-date";

// A calendar day in UTC, the zone the audit log is shown in.
const day = z.string().trim().refine(isLocalDate).optional();

/** The audit log's URL: newest first (or oldest first), filters by user, client, action and day range. */
export const auditTable = defineTableState({
  sortable: ["occurredAt"],
  defaultSort: { id: "occurredAt", desc: true },
  filters: {
    user: uuid().optional(),
    // A client's record number, or its id.
    client: z.string().trim().min(1).max(64).optional(),
    action: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/)
      .max(64)
      .optional(),
    from: day,
    to: day,
  },
  pageSizes: [25, 50, 100],
  columns: ["entity", "client", "ip", "detail"],
});

export type AuditFilters = ReturnType<typeof auditTable.parse>["filters"];

/** Names for the actions Attune writes; an action not listed here is shown by its code. */
export const auditActionLabels: Record<string, string> = {
  "audit.export": "Audit log exported",
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Sign-in failed",
  "auth.sign_in_throttled": "Sign-in throttled",
  "auth.sign_out": "Signed out",
  "auth.sign_out_idle": "Signed out (idle)",
  "organisation.require_two_factor": "Two-factor requirement changed",
  "organisation.paper_size": "Report paper size changed",
  "organisation.message_settings": "Message settings changed",
  "client.create": "Client created",
  "client.discharge": "Client discharged",
  "client.import": "Clients imported",
  "client.import_preview": "Client import previewed",
  "client.readmit": "Client re-admitted",
  "client.reassign": "Client moved to another counselor",
  "client.update": "Client changed",
  "client.view": "Client viewed",
  "message.queue": "Message queued",
  "message.suppress": "Message not sent (consent or address)",
  "message.send": "Message sent",
  "message.outbox": "Message kept in the outbox",
  "message.fail": "Message failed",
  "message.view": "Message read in the outbox",
  "messaging.settings": "Email settings changed",
  "messaging.send_link": "Private link sent by email",
  "messaging.unsubscribe": "Unsubscribed by email link",
  "note.create": "Note started",
  "note.save": "Note draft saved",
  "note.sign": "Note signed",
  "note.cosign": "Note co-signed",
  "note.addendum": "Addendum added",
  "note.view": "Note viewed",
  "consent.record": "Consent recorded",
  "report.export": "Report exported",
  "report.summary_share": "Summary shown in the portal",
  "report.summary_withdraw": "Summary withdrawn from the portal",
  "consent.revoke": "Consent revoked",
  "support.add_contact": "Support contact added",
  "support.archive_contact": "Support contact archived",
  "support.update_contact": "Support contact changed",
  "system.seed_demo": "Demo data created",
  "user.change_password": "Password changed",
  "user.change_role": "Role changed",
  "user.change_supervisor": "Supervisor changed",
  "user.deactivate": "User deactivated",
  "user.invite": "User invited",
  "user.invite_accept": "Invitation accepted",
  "user.invite_reissue": "Invitation link renewed",
  "user.password_reset": "Password reset by link",
  "user.reactivate": "User reactivated",
  "user.reset_link": "Password reset link issued",
  "user.two_factor_disabled": "Two-factor sign-in turned off",
  "user.two_factor_enabled": "Two-factor sign-in turned on",
  "user.two_factor_reset": "Two-factor sign-in reset by an administrator",
  "user.two_factor_setup_started": "Two-factor setup started",
  "user.update_profile": "Profile changed",
  "user.alert_preferences": "Email alert choices changed",
  "outcomes.refit_expected_recovery": "Expected recovery curve refitted",
};

export function actionLabel(action: string): string {
  return auditActionLabels[action] ?? action;
}

export const actorKindLabels = { user: "User", portal: "Client portal", system: "System", anonymous: "Not signed in" } as const;
