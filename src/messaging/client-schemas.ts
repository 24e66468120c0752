import { z } from "zod";
import { isValidTimeZone } from "@/lib/local-date";
import { uuid } from "@/lib/zod-fields";
import { staffText } from "@/i18n/staff";

const mv = staffText("messagingValidation");

export const messagingSettingsSchema = z.object({
  clientId: uuid(mv("unknownClient")),
  // A support person's own settings (their check-ins and family exercises); absent for the client's.
  contactId: z.union([z.literal(""), uuid(mv("unknownPerson"))]).optional().transform((v) => v || null),
  email: z.union([z.literal(""), z.email(mv("enterEmailOrEmpty")).max(254)]).transform((v) => (v === "" ? null : v.toLowerCase())),
  timeZone: z.string().trim().max(64).refine((v) => isValidTimeZone(v), mv("chooseTimeZoneSuchAs")),
  preferredHour: z.coerce.number<string>().int().min(0, mv("chooseHour")).max(23, mv("chooseHour")),
  // What the person said just now: record it (a new consent record), or leave the history as it is.
  consent: z.enum(["unchanged", "granted", "withdrawn"]),
});
export type MessagingSettingsInput = z.infer<typeof messagingSettingsSchema>;

export const sendLinkNowSchema = z.object({ clientId: uuid(mv("unknownClient")) });
