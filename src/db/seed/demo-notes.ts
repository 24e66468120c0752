import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, isNull, notInArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clients, noteFamilyAttendees, noteGroupMembers, sessionNotes, supportContacts } from "@/db/schema";
import { addDays } from "@/lib/local-date";
import { createRandom, type Random } from "./random";

type NoteRow = typeof sessionNotes.$inferInsert & { id: string };
type FamilyTopic = NonNullable<NoteRow["topics"]>[number];
type Engagement = NonNullable<(typeof noteFamilyAttendees.$inferInsert)["engagement"]>;

const FEELINGS = ["feeling 'flat' most evenings", "a little more irritation than usual, which they welcomed", "moments of sadness they could name", "numbness after a difficult phone call", "feeling closer to a sibling", "a calmer week with fewer cravings"];
const EVENTS = ["a family dinner where they felt like an observer", "a conversation with their partner about trust", "a day at work without checking out", "a trigger at a friend's birthday, handled by leaving early", "looking after a niece for an afternoon"];
const EXERCISES = ["the body scan", "the emotion-naming journal", "the interoception check-in", "a thought record", "one social step"];
const ASSESSMENTS = [
  "Emotional numbness remains the main barrier; beginning to name feelings with support. No safety concerns raised.",
  "Gradual improvement in emotional awareness; avoidance still prominent under stress. Engaged and motivated.",
  "Detachment used as a coping strategy after conflict; differentiates it better from healthy distance than a month ago.",
  "Mood stable; reconnecting with family is effortful but valued. Relapse risk moderate around family events.",
];
const PLANS = [
  "Continue the body scan daily; add one emotion-naming entry per evening. Review next week.",
  "Practise one small vulnerability step with a trusted person; bring the thought record to the next session.",
  "Keep the weekly check-in; plan for the upcoming family event, including an exit plan.",
  "Maintain current exercises; revisit the detachment profile in two weeks.",
];
const FAMILY_FOCUS: Record<Exclude<FamilyTopic, "other">, string> = {
  boundaries: "practised saying one clear boundary without anger",
  enabling: "looked at paying bills and covering for missed shifts as enabling",
  communication: "used 'I' statements to describe worry",
  detachment_with_love: "talked about stepping back from checking up while staying warm",
  relapse_prevention: "agreed on the early warning signs each of them notices",
  self_care: "named one thing each family member will do for themselves this week",
};
const CANCELLED = ["Client cancelled by phone the morning of the session (childcare); rescheduled.", "Session cancelled by the counselor (illness); client informed the day before."];
const NO_SHOW = ["Client did not attend and did not answer two calls. Safety check by text: client replied they were fine and had forgotten.", "No-show. Left a voicemail offering the next available slot."];
const TIMES = ["09:00", "10:30", "13:00", "14:30", "16:00"];
const ENGAGEMENT: Engagement[] = ["somewhat", "engaged", "engaged", "very_engaged", "not_engaged"];

function individualBody(random: Random, name: string) {
  return {
    data: `${name} reported ${random.pick(FEELINGS)} this week. Described ${random.pick(EVENTS)}. Completed ${random.pick(EXERCISES)} on ${random.int(2, 7)} of 7 days.`,
    assessment: random.pick(ASSESSMENTS),
    plan: random.pick(PLANS),
  };
}

const listOf = (names: string[]) => (names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`);

function familyBody(random: Random, name: string, attendees: string[], topics: FamilyTopic[]) {
  const focus = topics.filter((t): t is Exclude<FamilyTopic, "other"> => t !== "other").map((t) => FAMILY_FOCUS[t]);
  return {
    data: `Family session with ${name}, ${listOf(attendees)}. Together they ${focus.join("; they ") || "talked about the holidays"}.`,
    assessment: `${attendees[0]} is moving from rescuing towards detachment with love; ${name} found it easier to say how the family's worry feels.`,
    plan: "Each person practises the agreed boundary once before the next family session. Family members invited to the Al-Anon style group.",
  };
}

function absentBody(random: Random, attendance: "cancelled" | "no_show") {
  return { data: random.pick(attendance === "cancelled" ? CANCELLED : NO_SHOW), assessment: "", plan: "Offered the next weekly slot." };
}

/**
 * A year of session notes for the demo clients: mostly signed and co-signed individual notes,
 * family-support sessions with their attendees, one group session, two drafts and one note
 * awaiting its co-signature. Every note is written as a draft, its attendees added, and only then
 * signed, as the database requires.
 */
export async function seedDemoNotes(db: Db, organisationId: string, userIds: Map<string, string>, today: string) {
  const random = createRandom(20261123);
  const roster = await db
    .select({ id: clients.id, name: clients.name, preferredName: clients.preferredName, counselorId: clients.primaryCounselorId, status: clients.status, startDate: clients.startDate, dischargedOn: clients.dischargedOn })
    .from(clients)
    .where(eq(clients.organisationId, organisationId))
    .orderBy(asc(clients.recordNumber));
  const contacts = await db
    .select({ id: supportContacts.id, clientId: supportContacts.clientId, name: supportContacts.name })
    .from(supportContacts)
    .where(and(eq(supportContacts.organisationId, organisationId), isNull(supportContacts.archivedAt)));
  const notes: NoteRow[] = [];
  const attendees: (typeof noteFamilyAttendees.$inferInsert)[] = [];
  const members: (typeof noteGroupMembers.$inferInsert)[] = [];

  for (const client of roster) {
    const name = client.preferredName ?? client.name.split(" ")[0]!;
    const network = contacts.filter((c) => c.clientId === client.id);
    const yearAgo = addDays(today, -365);
    let date = addDays(client.status === "intake" ? addDays(today, -28) : client.startDate > yearAgo ? client.startDate : yearAgo, random.int(0, 3));
    const last = client.dischargedOn ?? addDays(today, -1);
    while (date <= last) {
      const id = randomUUID();
      const roll = random.next();
      const attendance = roll < 0.86 ? "attended" : roll < 0.93 ? "cancelled" : "no_show";
      const family = attendance === "attended" && network.length > 0 && random.chance(0.25);
      const base = { id, organisationId, clientId: client.id, sessionDate: date, startTime: random.pick(TIMES), attendance, authorId: client.counselorId } as const;
      if (family) {
        const who = network.filter((_, i) => i === 0 || random.chance(0.5));
        const topics = (Object.keys(FAMILY_FOCUS) as FamilyTopic[]).filter(() => random.chance(0.35)).slice(0, 3);
        if (!topics.length) topics.push("detachment_with_love");
        if (random.chance(0.08)) topics.push("other");
        const body = familyBody(random, name, who.map((c) => c.name.split(" ")[0]!), topics);
        notes.push({ ...base, type: "family_support", durationMinutes: random.pick([60, 75]), topics, topicsOther: topics.includes("other") ? "Planning for the holidays" : null, ...body });
        for (const c of who) attendees.push({ organisationId, noteId: id, contactId: c.id, engagement: random.pick(ENGAGEMENT) });
      } else {
        const body = attendance === "attended" ? individualBody(random, name) : absentBody(random, attendance);
        notes.push({ ...base, type: "individual", durationMinutes: attendance === "attended" ? 50 : null, ...body });
      }
      date = addDays(date, random.pick([7, 7, 7, 10, 14, 14]));
    }
  }

  // One group session, three weeks ago, for four of counselor@'s open clients.
  const counselorId = userIds.get("counselor")!;
  const mine = roster.filter((c) => c.counselorId === counselorId && c.status === "active");
  const groupId = randomUUID();
  notes.push({
    id: groupId,
    organisationId,
    clientId: null,
    type: "group",
    sessionDate: addDays(today, -21),
    startTime: "18:00",
    durationMinutes: 90,
    attendance: "attended",
    authorId: counselorId,
    data: "Evening skills group (4 members). Theme: telling healthy detachment from avoidance. Members sorted examples from their own week into the two columns, then practised a one-minute body scan together.",
    assessment: "Good cohesion; members increasingly able to name feelings aloud in the group.",
    plan: "Next week: vulnerability practice in pairs. Each member brings one example of a social step.",
  });
  mine.slice(0, 4).forEach((c, i) =>
    members.push({
      organisationId,
      noteId: groupId,
      clientId: c.id,
      individualPart: ["Spoke first and named 'embarrassment' without prompting.", "Quiet; contributed one example near the end.", "Recognised avoidance in how they leave family gatherings early.", "Left ten minutes early (work); engaged while present."][i]!,
    }),
  );

  // Two drafts still being written by counselor@, dated yesterday.
  const drafts: string[] = mine.slice(0, 2).map((c, i) => {
    const id: string = randomUUID();
    notes.push({
      id,
      organisationId,
      clientId: c.id,
      type: "individual",
      sessionDate: addDays(today, -1),
      startTime: TIMES[i]!,
      durationMinutes: 50,
      attendance: "attended",
      authorId: counselorId,
      data: `${c.preferredName ?? c.name.split(" ")[0]} arrived early and talked about the weekend.`,
      assessment: i === 0 ? "" : "Affect brighter than last week.",
      plan: "",
    });
    return id;
  });

  for (let i = 0; i < notes.length; i += 250) await db.insert(sessionNotes).values(notes.slice(i, i + 250));
  for (let i = 0; i < attendees.length; i += 500) await db.insert(noteFamilyAttendees).values(attendees.slice(i, i + 500));
  await db.insert(noteGroupMembers).values(members);

  // The most recent signed note of counselor@'s first client waits for the supervisor.
  const awaiting = notes.filter((n) => n.clientId === mine[0]?.id && !drafts.includes(n.id)).sort((x, y) => y.sessionDate.localeCompare(x.sessionDate))[0]!.id;
  const signedAt = sql`least(now(), (${sessionNotes.sessionDate} + coalesce(${sessionNotes.startTime}, time '12:00') + interval '3 hours')::timestamp at time zone 'America/New_York')`;
  const supervisorOfAuthor = sql`(select u.supervisor_id from users u where u.id = ${sessionNotes.authorId})`;
  // Signed last, with the attendees already in place: a signed note's attendees cannot change.
  await db
    .update(sessionNotes)
    .set({
      status: "signed",
      signedAt,
      cosignRequired: sql`${supervisorOfAuthor} is not null`,
      cosignedAt: sql`case when ${sessionNotes.id} = ${awaiting} or ${supervisorOfAuthor} is null then null else least(now(), ${signedAt} + interval '2 days') end`,
      cosignedBy: sql`case when ${sessionNotes.id} = ${awaiting} then null else ${supervisorOfAuthor} end`,
    })
    .where(and(eq(sessionNotes.organisationId, organisationId), eq(sessionNotes.status, "draft"), inArray(sessionNotes.id, notes.map((n) => n.id)), notInArray(sessionNotes.id, drafts)));
  return { notes: notes.length, drafts: drafts.length, family: new Set(attendees.map((a) => a.noteId)).size, groups: 1, awaitingCosign: 1 };
}
