import { z } from "zod";
import { uuid } from "@/lib/zod-fields";
import { defineTableState } from "@/components/data-table/table-state";
import { isLocalDate } from "@/lib/local-date";
import { staffText } from "@/i18n/staff";

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

const t = staffText("auditLabels");

/** Names for the actions Attune writes; an action not listed here is shown by its code. */
export const auditActionLabels: Record<string, string> = {
  "audit.export": t("auditExport"),
  "auth.sign_in": t("authSignIn"),
  "auth.sign_in_failed": t("authSignInFailed"),
  "auth.sign_in_throttled": t("authSignInThrottled"),
  "auth.sign_out": t("authSignOut"),
  "auth.sign_out_idle": t("authSignOutIdle"),
  "organisation.require_two_factor": t("organisationRequireTwoFactor"),
  "organisation.paper_size": t("organisationPaperSize"),
  "organisation.message_settings": t("organisationMessageSettings"),
  "client.create": t("clientCreate"),
  "client.discharge": t("clientDischarge"),
  "client.import": t("clientImport"),
  "client.import_preview": t("clientImportPreview"),
  "client.readmit": t("clientReadmit"),
  "client.reassign": t("clientReassign"),
  "client.update": t("clientUpdate"),
  "client.view": t("clientView"),
  "message.queue": t("messageQueue"),
  "message.suppress": t("messageSuppress"),
  "message.send": t("messageSend"),
  "message.outbox": t("messageOutbox"),
  "message.fail": t("messageFail"),
  "message.view": t("messageView"),
  "messaging.settings": t("messagingSettings"),
  "messaging.send_link": t("messagingSendLink"),
  "messaging.unsubscribe": t("messagingUnsubscribe"),
  "note.create": t("noteCreate"),
  "note.save": t("noteSave"),
  "note.sign": t("noteSign"),
  "note.cosign": t("noteCosign"),
  "note.addendum": t("noteAddendum"),
  "note.view": t("noteView"),
  "consent.record": t("consentRecord"),
  "report.export": t("reportExport"),
  "report.summary_share": t("reportSummaryShare"),
  "report.summary_withdraw": t("reportSummaryWithdraw"),
  "consent.revoke": t("consentRevoke"),
  "support.add_contact": t("supportAddContact"),
  "support.archive_contact": t("supportArchiveContact"),
  "support.update_contact": t("supportUpdateContact"),
  "system.seed_demo": t("systemSeedDemo"),
  "user.change_password": t("userChangePassword"),
  "user.change_role": t("userChangeRole"),
  "user.change_supervisor": t("userChangeSupervisor"),
  "user.deactivate": t("userDeactivate"),
  "user.invite": t("userInvite"),
  "user.invite_accept": t("userInviteAccept"),
  "user.invite_reissue": t("userInviteReissue"),
  "user.password_reset": t("userPasswordReset"),
  "user.reactivate": t("userReactivate"),
  "user.reset_link": t("userResetLink"),
  "user.two_factor_disabled": t("userTwoFactorDisabled"),
  "user.two_factor_enabled": t("userTwoFactorEnabled"),
  "user.two_factor_reset": t("userTwoFactorReset"),
  "user.two_factor_setup_started": t("userTwoFactorSetupStarted"),
  "user.update_profile": t("userUpdateProfile"),
  "user.alert_preferences": t("userAlertPreferences"),
  "outcomes.refit_expected_recovery": t("outcomesRefitExpectedRecovery"),
};

export function actionLabel(action: string): string {
  return auditActionLabels[action] ?? action;
}

export const actorKindLabels = { user: t("actorUser"), portal: t("actorPortal"), system: t("actorSystem"), anonymous: t("actorAnonymous") } as const;
