import { z } from "zod";
import { idempotencyKey, jsonObjectText, requiredText, uuid, version } from "@/lib/zod-fields";
import { scheduledFormSchema } from "@/scheduling/schema";
import { DEFAULT_EXPIRY_DAYS } from "@/scheduling/checkin-window";
import { staffText } from "@/i18n/staff";

const kv = staffText("checkinValidation");

export const MAX_ANSWERS_BYTES = 40_000;

/** The answers travel as one JSON object (linkId → value) in a hidden field. */
const answersJson = jsonObjectText(MAX_ANSWERS_BYTES, kv("answersTooLong"));

/** A ticked "save with unanswered questions" box; absent means no. */
const confirmation = z
  .string()
  .optional()
  .transform((v) => v === "true");

export const administerSchema = z.object({
  clientId: uuid(kv("unknownClient")),
  /** `url|version` of the instrument the form showed. */
  instrument: z.string().trim().min(1, kv("chooseCheckin")).max(400),
  /** "client", or the support-network member who answers (family check-ins). */
  respondent: z.string().min(1, kv("chooseWhoAnswered")),
  idempotencyKey,
  allowMissing: confirmation,
  answers: answersJson,
});
export type AdministerInput = z.infer<typeof administerSchema>;

export const portalCheckinSchema = z.object({
  scheduleId: uuid(kv("unknownCheckin")),
  idempotencyKey,
  allowMissing: confirmation,
  answers: answersJson,
});

export const createScheduleSchema = scheduledFormSchema({
  clientId: uuid(kv("unknownClient")),
  instrumentUrl: z.string().trim().min(1, kv("chooseCheckin")).max(300),
  respondent: z.string().min(1, kv("chooseWhoAnswers")),
  expiryDays: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? Number(v) : DEFAULT_EXPIRY_DAYS))
    .pipe(z.number({ error: kv("enterDays") }).int(kv("wholeDays")).min(1, kv("atLeastOneDay")).max(14, kv("atMost14Days"))),
});
export type CreateScheduleInput = z.infer<typeof createScheduleSchema>;

export const endScheduleSchema = z.object({ clientId: uuid(kv("unknownClient")), scheduleId: uuid(kv("unknownSchedule")), version });

export const acknowledgeAlertSchema = z.object({
  clientId: uuid(kv("unknownClient")),
  alertId: uuid(kv("unknownAlert")),
  note: requiredText(2000, kv("writeAlertNote"), kv("theNote")),
});
