import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clients, portalLinks, supportContacts } from "@/db/schema";
import { messageRecipients, messages, reminderConsents } from "@/db/schema/messages";
import { resolveLanguage } from "@/i18n/catalog";
import { wallClockParts } from "@/lib/local-date";
import { hashToken, newPortalToken, PORTAL_LINK_DAYS } from "@/portal/tokens";
import { appBaseUrl } from "./config";
import { primaryCounselorOf } from "./counselor-alerts";
import { enqueueMessage, enqueueMessages, newUnsubscribeToken, type EnqueueInput } from "./enqueue";
import { messageSettingsOf } from "./org-settings";
import { nextSendTime } from "./quiet-hours";
import { initialsOf, renderMessage } from "./templates";

export interface RecipientSettings {
  id: string;
  email: string | null;
  timeZone: string;
  preferredHour: number;
  consent: { granted: boolean; recordedAt: Date; source: string } | null;
}

/** A person Attune may write to about a client: the client (contactId null) or one of their support contacts. */
export interface Person {
  organisationId: string;
  clientId: string;
  contactId: string | null;
}

const personKey = (p: Person) => `${p.organisationId}:${p.clientId}:${p.contactId ?? ""}`;

/** The client's own settings (contactId null) or a support contact's, with the consent in force. */
export async function recipientSettings(db: Db, organisationId: string, clientId: string, contactId: string | null): Promise<RecipientSettings | null> {
  return (await recipientsSettings(db, [{ organisationId, clientId, contactId }])).get(personKey({ organisationId, clientId, contactId })) ?? null;
}

/** The settings of several people at once (two statements whatever their number), keyed by `personKey`. */
async function recipientsSettings(db: Db, people: Person[]): Promise<Map<string, RecipientSettings>> {
  const out = new Map<string, RecipientSettings>();
  if (people.length === 0) return out;
  const rows = await db
    .select({
      id: messageRecipients.id,
      organisationId: messageRecipients.organisationId,
      clientId: messageRecipients.clientId,
      contactId: messageRecipients.contactId,
      email: messageRecipients.email,
      timeZone: messageRecipients.timeZone,
      preferredHour: messageRecipients.preferredHour,
    })
    .from(messageRecipients)
    .where(and(inArray(messageRecipients.organisationId, unique(people.map((p) => p.organisationId))), inArray(messageRecipients.clientId, unique(people.map((p) => p.clientId)))));
  const wanted = new Set(people.map(personKey));
  const mine = rows.filter((r) => wanted.has(personKey(r)));
  if (mine.length === 0) return out;
  // The latest consent of each (one row per recipient: DISTINCT ON over the recipient's index).
  const consents = await db
    .selectDistinctOn([reminderConsents.recipientId], { recipientId: reminderConsents.recipientId, granted: reminderConsents.granted, recordedAt: reminderConsents.recordedAt, source: reminderConsents.source })
    .from(reminderConsents)
    .where(and(inArray(reminderConsents.recipientId, mine.map((r) => r.id)), eq(reminderConsents.channel, "email")))
    .orderBy(reminderConsents.recipientId, desc(reminderConsents.recordedAt), desc(reminderConsents.id));
  const consentOf = new Map(consents.map(({ recipientId, ...c }) => [recipientId, c]));
  for (const r of mine) out.set(personKey(r), { id: r.id, email: r.email, timeZone: r.timeZone, preferredHour: r.preferredHour, consent: consentOf.get(r.id) ?? null });
  return out;
}

/** The language a client's (contactId null) or a support contact's messages are written in: their own, else the client's. */
export async function recipientLanguage(db: Db, organisationId: string, clientId: string, contactId: string | null): Promise<string> {
  return (await recipientLanguages(db, [{ organisationId, clientId, contactId }])).get(personKey({ organisationId, clientId, contactId }))!;
}

/** Each person's language (two statements whatever their number), keyed by `personKey`; English when nothing is recorded. */
async function recipientLanguages(db: Db, people: Person[]): Promise<Map<string, string>> {
  const clientIds = unique(people.map((p) => p.clientId));
  const contactIds = unique(people.flatMap((p) => (p.contactId ? [p.contactId] : [])));
  const [clientRows, contactRows] = await Promise.all([
    db.select({ id: clients.id, organisationId: clients.organisationId, language: clients.language }).from(clients).where(inArray(clients.id, clientIds)),
    contactIds.length
      ? db.select({ id: supportContacts.id, clientId: supportContacts.clientId, language: supportContacts.language }).from(supportContacts).where(inArray(supportContacts.id, contactIds))
      : Promise.resolve([]),
  ]);
  const client = new Map(clientRows.map((c) => [c.id, c]));
  const contact = new Map(contactRows.map((c) => [c.id, c]));
  return new Map(
    people.map((p) => {
      const c = client.get(p.clientId);
      const own = c && c.organisationId === p.organisationId ? c.language : null;
      const theirs = p.contactId ? contact.get(p.contactId) : undefined;
      return [personKey(p), resolveLanguage((theirs && theirs.clientId === p.clientId ? theirs.language : null) ?? own)];
    }),
  );
}

type Actor = EnqueueInput["actor"] & { userId?: string | null };

export interface ClientMessageRequest extends Person {
  kind: "something_new" | "portal_link" | "reminder_expiring";
  jobKey: string;
  actor: Actor;
  linkCreatedBy: string;
  now?: Date;
}
export type ClientMessageResult = { id: string; state: "queued" | "deferred" | "suppressed"; created: boolean } | null;

/**
 * A message to a client or support person with their private link: "something new" when work is
 * assigned, or the link itself when a counselor sends it. Only to an address on file with consent
 * in force (otherwise recorded as not sent, with the reason), never in quiet hours (deferred to
 * the person's preferred hour; quiet hours and the sign-off are the organisation's). Each message
 * carries a new private link and a one-click unsubscribe link; the job key makes a second call for
 * the same thing a no-op. Null when the person has no address on file.
 */
export async function messageClient(db: Db, request: ClientMessageRequest): Promise<ClientMessageResult> {
  return (await messageClients(db, [request]))[0]!;
}

/**
 * `messageClient` for many at once, in the caller's transaction, with a fixed number of
 * statements whatever their number (the reminder scan sends hundreds per transaction): the
 * results are in the requests' order.
 */
export async function messageClients(db: Db, requests: ClientMessageRequest[]): Promise<ClientMessageResult[]> {
  if (requests.length === 0) return [];
  const keys = requests.map((r) => r.jobKey);
  // Two callers for the same thing at once (two workers' scans) take turns here, so the second
  // finds the first's message and issues no private link of its own. Held until the caller's
  // transaction ends; taken in one order (the locks' own numbers), so two batches never deadlock.
  await db.execute(sql`select count(pg_advisory_xact_lock(h)) from (select distinct hashtext('message:' || k) as h from json_array_elements_text(${JSON.stringify(keys)}::json) as k order by h) as locks`);
  // Asked again for the same thing: nothing new, and no second private link issued for it.
  const existing = new Map(
    (await db.select({ id: messages.id, state: messages.state, jobKey: messages.jobKey }).from(messages).where(inArray(messages.jobKey, unique(keys)))).map((m) => [m.jobKey, m]),
  );
  const fresh = requests.filter((r, i) => !existing.has(r.jobKey) && keys.indexOf(r.jobKey) === i);
  const [settings, languages, orgs] = await Promise.all([
    recipientsSettings(db, fresh),
    recipientLanguages(db, fresh),
    Promise.all(unique(fresh.map((r) => r.organisationId)).map(async (id) => [id, await messageSettingsOf(db, id)] as const)).then((pairs) => new Map(pairs)),
  ]);
  const base = appBaseUrl();
  const links: { organisation_id: string; client_id: string; contact_id: string | null; token_hash: string; created_by: string }[] = [];
  const inputs: EnqueueInput[] = [];
  const states = new Map<string, "queued" | "deferred" | "suppressed">();
  for (const r of fresh) {
    const person = settings.get(personKey(r));
    if (!person?.email) continue;
    const now = r.now ?? new Date();
    const language = languages.get(personKey(r))!;
    const org = orgs.get(r.organisationId)!;
    const common = { organisationId: r.organisationId, jobKey: r.jobKey, kind: r.kind, to: person.email, clientId: r.clientId, recipientId: person.id, actor: r.actor };
    if (!person.consent?.granted) {
      const placeholder = renderMessage(r.kind, { link: `${base}/p/…`, language, signature: org.signature });
      inputs.push({ ...common, content: placeholder, suppressed: person.consent ? "Consent to reminders withdrawn" : "No consent to reminders on record" });
      states.set(r.jobKey, "suppressed");
      continue;
    }
    const token = newPortalToken();
    links.push({ organisation_id: r.organisationId, client_id: r.clientId, contact_id: r.contactId, token_hash: hashToken(token), created_by: r.linkCreatedBy });
    const unsubscribe = newUnsubscribeToken();
    // The unsubscribe page and the one-click reply have no other way to know the language: they must answer the same for any token.
    const content = renderMessage(r.kind, { link: `${base}/p/${token}`, unsubscribeLink: `${base}/unsubscribe/${unsubscribe.token}?hl=${language}`, language, signature: org.signature });
    const when = nextSendTime(now, person.timeZone, person.preferredHour, org.quiet);
    const local = wallClockParts(when.at, person.timeZone);
    inputs.push({
      ...common,
      content,
      unsubscribeTokenHash: unsubscribe.hash,
      listUnsubscribe: `${base}/api/unsubscribe/${unsubscribe.token}?hl=${language}`,
      sendAfter: when.at,
      note: when.deferred ? `Quiet hours: waits until ${String(local.hour).padStart(2, "0")}:${String(local.minute).padStart(2, "0")} ${person.timeZone}` : undefined,
    });
    states.set(r.jobKey, when.deferred ? "deferred" : "queued");
  }
  if (links.length) {
    await db.execute(sql`
      insert into ${portalLinks} (organisation_id, client_id, contact_id, token_hash, created_by, expires_at)
      select organisation_id, client_id, contact_id, token_hash, created_by, now() + make_interval(days => ${PORTAL_LINK_DAYS})
      from json_to_recordset(${JSON.stringify(links)}::json) as v(organisation_id uuid, client_id uuid, contact_id uuid, token_hash text, created_by uuid)`);
  }
  const enqueued = new Map((await enqueueMessages(db, inputs)).map((m, i) => [inputs[i]!.jobKey, m]));
  return requests.map((r, i) => {
    const before = existing.get(r.jobKey);
    if (before) return { id: before.id, state: before.state === "suppressed" ? "suppressed" : "queued", created: false };
    const made = enqueued.get(r.jobKey);
    if (!made) return null;
    // The same key twice in one batch: the first made it, the second finds it.
    return { id: made.id, state: states.get(r.jobKey)!, created: made.created && keys.indexOf(r.jobKey) === i };
  });
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/**
 * A critical answer: the client's counselor is told at once, whatever their preferences, with the
 * client's initials and a link that needs signing in. Nothing else about the answer.
 */
export async function alertCounselorOfCriticalAnswer(db: Db, args: { organisationId: string; clientId: string; administrationId: string }): Promise<void> {
  const row = await primaryCounselorOf(db, args.organisationId, args.clientId);
  if (!row || row.status !== "active") return;
  await enqueueMessage(db, {
    organisationId: args.organisationId,
    jobKey: `critical:${args.administrationId}`,
    kind: "critical_alert",
    to: row.email,
    userId: row.counselorId,
    clientId: args.clientId,
    content: renderMessage("critical_alert", { initials: initialsOf(row.name), link: `${appBaseUrl()}/clients/${args.clientId}/checkins/${args.administrationId}` }),
    actor: { kind: "system" },
  });
}
