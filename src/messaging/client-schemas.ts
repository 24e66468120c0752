import { z } from "zod";
import { isValidTimeZone } from "@/lib/local-date";
import { uuid } from "@/lib/zod-fields";

export const messagingSettingsSchema = z.object({
  clientId: uuid("Unknown client."),
  // A support person's own settings (their check-ins and family exercises); absent for the client's.
  contactId: z.union([z.literal(""), uuid("Unknown person.")]).optional().transform((v) => v || null),
  email: z.union([z.literal(""), z.email("Enter an email address, or leave it empty.").max(254)]).transform((v) => (v === "" ? null : v.toLowerCase())),
  timeZone: z.string().trim().max(64).refine((v) => isValidTimeZone(v), "Choose a time zone such as America/New_York."),
  preferredHour: z.coerce.number<string>().int().min(0, "Choose an hour.").max(23, "Choose an hour."),
  // What the person said just now: record it (a new consent record), or leave the history as it is.
  consent: z.enum(["unchanged", "granted", "withdrawn"]),
});
export type MessagingSettingsInput = z.infer<typeof messagingSettingsSchema>;

export const sendLinkNowSchema = z.object({ clientId: uuid("Unknown client.") });
