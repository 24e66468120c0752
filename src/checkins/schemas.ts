import { z } from "zod";
import { idempotencyKey, jsonObjectText, requiredText, uuid, version } from "@/lib/zod-fields";
import { scheduledFormSchema } from "@/scheduling/schema";
import { DEFAULT_EXPIRY_DAYS } from "@/scheduling/checkin-window";

export const MAX_ANSWERS_BYTES = 40_000;

/** The answers travel as one JSON object (linkId → value) in a hidden field. */
const answersJson = jsonObjectText(MAX_ANSWERS_BYTES, "These answers are too long to save in one go.");

/** A ticked "save with unanswered questions" box; absent means no. */
const confirmation = z
  .string()
  .optional()
  .transform((v) => v === "true");

export const administerSchema = z.object({
  clientId: uuid("Unknown client."),
  /** `url|version` of the instrument the form showed. */
  instrument: z.string().trim().min(1, "Choose a check-in.").max(400),
  /** "client", or the support-network member who answers (family check-ins). */
  respondent: z.string().min(1, "Choose who answered."),
  idempotencyKey,
  allowMissing: confirmation,
  answers: answersJson,
});
export type AdministerInput = z.infer<typeof administerSchema>;

export const portalCheckinSchema = z.object({
  scheduleId: uuid("Unknown check-in."),
  idempotencyKey,
  allowMissing: confirmation,
  answers: answersJson,
});

export const createScheduleSchema = scheduledFormSchema({
  clientId: uuid("Unknown client."),
  instrumentUrl: z.string().trim().min(1, "Choose a check-in.").max(300),
  respondent: z.string().min(1, "Choose who answers it."),
  expiryDays: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? Number(v) : DEFAULT_EXPIRY_DAYS))
    .pipe(z.number({ error: "Enter a number of days." }).int("Enter a whole number of days.").min(1, "At least 1 day.").max(14, "At most 14 days.")),
});
export type CreateScheduleInput = z.infer<typeof createScheduleSchema>;

export const endScheduleSchema = z.object({ clientId: uuid("Unknown client."), scheduleId: uuid("Unknown schedule."), version });

export const acknowledgeAlertSchema = z.object({
  clientId: uuid("Unknown client."),
  alertId: uuid("Unknown alert."),
  note: requiredText(2000, "Write what you did or decided: the note stays with the alert.", "the note"),
});
