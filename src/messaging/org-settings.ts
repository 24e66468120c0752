import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { organisations } from "@/db/schema";
import { organisationMessageSettings } from "@/db/schema/messages";
import type { ActionSpec, Handler } from "@/lib/action-core";
import { ActionRefused } from "@/lib/errors";
import { optionalText } from "@/lib/zod-fields";
import { DEFAULT_QUIET_HOURS, type QuietHours } from "./quiet-hours";
import { DEFAULT_SIGNATURE } from "./templates";
import { staffText } from "@/i18n/staff";

const mv = staffText("messagingValidation");

/** What an organisation chose for its messages, or the defaults. */
export interface MessageSettings {
  /** The display name on From; null keeps MAIL_FROM's. */
  senderName: string | null;
  /** The sign-off on messages to clients and support people. */
  signature: string;
  quiet: QuietHours;
  /** A new person's preferred hour, until a counselor sets theirs. */
  reminderHour: number;
}

export const DEFAULT_MESSAGE_SETTINGS: MessageSettings = { senderName: null, signature: DEFAULT_SIGNATURE, quiet: DEFAULT_QUIET_HOURS, reminderHour: 9 };

export async function messageSettingsOf(db: Db, organisationId: string): Promise<MessageSettings> {
  const [row] = await db.select().from(organisationMessageSettings).where(eq(organisationMessageSettings.organisationId, organisationId)).limit(1);
  if (!row) return DEFAULT_MESSAGE_SETTINGS;
  return { senderName: row.senderName, signature: row.signature ?? DEFAULT_SIGNATURE, quiet: { start: row.quietStart, end: row.quietEnd }, reminderHour: row.reminderHour };
}

/** MAIL_FROM with the organisation's display name in place of its own (the address is unchanged). */
export function fromWithName(from: string, senderName: string | null): string | { name: string; address: string } {
  if (!senderName) return from;
  const address = /<([^>]+)>\s*$/.exec(from)?.[1] ?? from.trim();
  return { name: senderName, address };
}

const hour = (label: string) => {
  const choose = mv("chooseLabel", { label });
  return z.coerce.number<string>({ error: choose }).int(choose).min(0, choose).max(23, choose);
};
// A display name goes into a header: no angle brackets, quotes or line breaks.
const headerSafe = (v: string | undefined) => v === undefined || !/[<>"\\\r\n]/.test(v);

export const messageSettingsSchema = z.object({
  senderName: optionalText(80, mv("theSenderName")).refine(headerSafe, mv("senderNameCharacters")),
  signature: optionalText(80, mv("theSignOff")),
  quietStart: hour(mv("theHourQuietBegin")),
  quietEnd: hour(mv("theHourQuietEnd")),
  reminderHour: hour(mv("anHour")),
});
export type MessageSettingsInput = z.infer<typeof messageSettingsSchema>;

/** The administrator sets the organisation's sender name, sign-off, quiet hours and reminder hour. */
export const saveMessageSettingsSpec: ActionSpec<typeof messageSettingsSchema, { id: string }, void> = {
  name: "organisation.message_settings",
  schema: messageSettingsSchema,
  roles: ["admin"],
  load: async (db, actor) => {
    const [org] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, actor.organisationId)).limit(1);
    return org ?? null;
  },
  audit: ({ record, input }) => ({
    action: "organisation.message_settings",
    entityType: "organisation",
    entityId: record.id,
    detail: { senderName: input.senderName ?? null, signature: input.signature ?? null, quietStart: input.quietStart, quietEnd: input.quietEnd, reminderHour: input.reminderHour },
  }),
};

export const saveMessageSettings: Handler<typeof messageSettingsSchema, { id: string }, void> = async ({ db, actor, input, record }) => {
  if (input.quietStart === input.quietEnd) throw new ActionRefused(mv("quietHoursSame"), { quietEnd: [mv("chooseAnotherHour")] });
  const values = { senderName: input.senderName ?? null, signature: input.signature ?? null, quietStart: input.quietStart, quietEnd: input.quietEnd, reminderHour: input.reminderHour, updatedBy: actor.userId, updatedAt: new Date() };
  await db
    .insert(organisationMessageSettings)
    .values({ organisationId: record.id, ...values })
    .onConflictDoUpdate({ target: organisationMessageSettings.organisationId, set: values });
};
