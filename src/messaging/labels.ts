import type { BadgeTone } from "@/components/ui/badge";
import type { MessageKind, MessageState } from "@/db/schema/messages";

export const messageKindLabels: Record<MessageKind, string> = {
  staff_invitation: "Staff invitation",
  password_reset: "Password reset",
  portal_link: "Private link",
  something_new: "Something new",
  critical_alert: "Answer needs review",
  reminder_expiring: "Reminder before it closes",
  deterioration_alert: "Reliable deterioration",
  missed_alert: "Missed in a row",
  not_on_track_alert: "Not on track",
  weekly_summary: "Weekly summary",
};

export const messageStateLabels: Record<MessageState, string> = {
  queued: "Queued",
  sending: "Sending",
  sent: "Sent",
  outbox: "In outbox (not sent)",
  failed: "Failed",
  suppressed: "Not sent",
};

export const messageStateTones: Record<MessageState, BadgeTone> = {
  queued: "neutral",
  sending: "neutral",
  sent: "ok",
  outbox: "brand",
  failed: "danger",
  suppressed: "warn",
};
