import type { BadgeTone } from "@/components/ui/badge";
import type { MessageKind, MessageState } from "@/db/schema/messages";
import { staffText } from "@/i18n/staff";

const t = staffText("messageLabels");

export const messageKindLabels: Record<MessageKind, string> = {
  staff_invitation: t("kindStaffInvitation"),
  password_reset: t("kindPasswordReset"),
  portal_link: t("kindPortalLink"),
  something_new: t("kindSomethingNew"),
  critical_alert: t("kindCriticalAlert"),
  reminder_expiring: t("kindReminderExpiring"),
  deterioration_alert: t("kindDeteriorationAlert"),
  missed_alert: t("kindMissedAlert"),
  not_on_track_alert: t("kindNotOnTrackAlert"),
  weekly_summary: t("kindWeeklySummary"),
};

export const messageStateLabels: Record<MessageState, string> = {
  queued: t("stateQueued"),
  sending: t("stateSending"),
  sent: t("stateSent"),
  outbox: t("stateOutbox"),
  failed: t("stateFailed"),
  suppressed: t("stateSuppressed"),
};

export const messageStateTones: Record<MessageState, BadgeTone> = {
  queued: "neutral",
  sending: "neutral",
  sent: "ok",
  outbox: "brand",
  failed: "danger",
  suppressed: "warn",
};
