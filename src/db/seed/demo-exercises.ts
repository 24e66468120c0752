import { occurrenceDates, type Cadence } from "@/scheduling/cadence";
import { loadBundledExercises } from "@/content/exercises";
import type { Db } from "@/db/client";
import { assignments, consents, exerciseEntries, supportContacts } from "@/db/schema";
import type { ExerciseDefinition } from "@/exercises/schemas";
import { BODY_AREAS, EMOTIONS } from "@/exercises/vocabulary";
import { addDays, localDateOf, startOfLocalDayInstant } from "@/lib/local-date";
import type { SeededClient } from "./demo-clients";
import { createRandom, type Random } from "./random";

const PHRASES = [
  "Quiet morning, felt a bit flat until lunch.",
  "Called my sister and actually said how I was doing.",
  "Tight chest before the meeting, eased after a walk.",
  "Noticed I wanted to shut down when plans changed.",
  "Felt something close to calm while cooking.",
  "Hard evening. Wrote instead of scrolling.",
  "Laughed at something on the radio, surprised myself.",
  "Old habit of going numb came back after the phone call.",
];

/** Plausible answers for any exercise definition; thought records improve over time. */
export function answersFor(exercise: ExerciseDefinition, random: Random, progress: number) {
  const answers: Record<string, string | number | string[]> = {};
  for (const field of exercise.fields) {
    if (!field.required && random.chance(0.3)) continue;
    switch (field.type) {
      case "short_text":
        answers[field.id] = random.pick(PHRASES).slice(0, 60);
        break;
      case "long_text":
        answers[field.id] = random.pick(PHRASES);
        break;
      case "scale_0_10":
        answers[field.id] = Math.min(10, random.int(2, 6) + Math.round(progress * 3));
        break;
      case "intensity_0_100": {
        const before = random.int(55, 90);
        answers[field.id] = field.role === "intensity_after" ? Math.max(0, before - random.int(5, 15) - Math.round(progress * 25)) : before;
        break;
      }
      case "emotion":
        answers[field.id] = random.chance(0.25 - progress * 0.2) ? "cant_name_yet" : random.pick(EMOTIONS).value;
        break;
      case "checklist":
        answers[field.id] = field.options.filter(() => random.chance(0.4)).map((o) => o.value).slice(0, 3);
        if ((answers[field.id] as string[]).length === 0) answers[field.id] = [field.options[0]!.value];
        break;
      case "body_area":
        answers[field.id] = [random.pick(BODY_AREAS.filter((b) => b.value !== "nowhere")).value];
        break;
      case "duration_minutes":
        answers[field.id] = random.int(5, 30);
        break;
    }
  }
  return answers;
}

export const roleValue = (exercise: ExerciseDefinition, answers: Record<string, unknown>, role: string) => {
  const field = exercise.fields.find((f) => "role" in f && f.role === role);
  const v = field ? answers[field.id] : undefined;
  return typeof v === "number" ? v : null;
};

export interface DemoFamily {
  clientId: string;
  contactId: string;
}

/**
 * Assignments and about a year of entries for the demo clients, with adherence between 30%
 * and 90% per client, plus one family member with a family exercise.
 */
export async function seedDemoExercises(db: Db, organisationId: string, seeded: SeededClient[], userIds: Map<string, string>, now = new Date()): Promise<DemoFamily> {
  const random = createRandom(4242);
  const library = new Map((await loadBundledExercises()).map((e) => [e.id, e]));
  const plans: Array<[string, Cadence]> = [
    ["daily-feelings-journal", { kind: "weekdays", days: [1, 3, 5] }],
    ["thought-record", { kind: "weekly" }],
    ["body-scan", { kind: "weekly" }],
    ["interoception-check-in", { kind: "weekdays", days: [2, 4] }],
    ["emotion-naming", { kind: "weekly" }],
    ["small-social-step", { kind: "weekly" }],
  ];
  const entries: (typeof exerciseEntries.$inferInsert)[] = [];
  let key = 0;
  const addEntries = (assignmentId: string, exercise: ExerciseDefinition, cadence: Cadence, startDate: string, timeZone: string, clientId: string, rate: number, contactId: string | null) => {
    const today = localDateOf(now, timeZone);
    const dates = occurrenceDates({ cadence, startDate, endDate: null, endedOn: null, pauses: [] }, { from: startDate, to: addDays(today, -1) });
    dates.forEach((date, i) => {
      if (!random.chance(rate)) return;
      const at = new Date(startOfLocalDayInstant(date, timeZone).getTime() + random.int(8, 21) * 3_600_000 + random.int(0, 59) * 60_000);
      const answers = answersFor(exercise, random, i / Math.max(1, dates.length));
      entries.push({
        organisationId,
        clientId,
        contactId,
        assignmentId,
        exerciseId: exercise.id,
        exerciseVersion: exercise.version,
        answers,
        intensityBefore: roleValue(exercise, answers, "intensity_before"),
        intensityAfter: roleValue(exercise, answers, "intensity_after"),
        submittedAt: at,
        idempotencyKey: `demo-seed-${String(key++).padStart(8, "0")}`,
        readAt: random.chance(0.8) ? at : null,
      });
    });
  };

  for (const client of seeded.filter((c) => c.status === "active" || c.status === "on_hold")) {
    const rate = 0.3 + random.next() * 0.6;
    const count = random.int(1, 3);
    for (let i = 0; i < count; i++) {
      const [exerciseId, cadence] = plans[(seeded.indexOf(client) + i * 2) % plans.length]!;
      const exercise = library.get(exerciseId)!;
      const startDate = addDays(client.startDate, 7 + i * 21);
      const [row] = await db
        .insert(assignments)
        .values({
          organisationId,
          clientId: client.id,
          exerciseId,
          exerciseVersion: exercise.version,
          cadence,
          startDate,
          instructions: i === 0 ? "A few lines is plenty. Notice the body first if the feeling has no name." : null,
          createdBy: userIds.get(client.counselorKey)!,
        })
        .returning({ id: assignments.id });
      addEntries(row!.id, exercise, cadence, startDate, client.timeZone, client.id, rate, null);
    }
  }

  // The family member whose portal link `npm run demo` prints.
  const familyClient = seeded.find((c) => c.counselorKey === "counselor" && c.status === "active")!;
  const [contact] = await db
    .insert(supportContacts)
    .values({ organisationId, clientId: familyClient.id, name: "Marisol Abbott", relationship: "parent", phone: "(555) 014-2231", email: "marisol@example.org" })
    .returning({ id: supportContacts.id });
  await db.insert(consents).values({
    organisationId,
    clientId: familyClient.id,
    contactId: contact!.id,
    scope: "progress_summaries",
    validFrom: familyClient.startDate,
    note: "Signed release, family programme",
    recordedBy: userIds.get("counselor")!,
  });
  const family = library.get("detachment-with-love")!;
  const familyStart = addDays(familyClient.startDate, 14);
  const [familyAssignment] = await db
    .insert(assignments)
    .values({
      organisationId,
      clientId: familyClient.id,
      contactId: contact!.id,
      exerciseId: family.id,
      exerciseVersion: family.version,
      cadence: { kind: "weekly" },
      startDate: familyStart,
      instructions: "One situation from this week is enough.",
      createdBy: userIds.get("counselor")!,
    })
    .returning({ id: assignments.id });
  addEntries(familyAssignment!.id, family, { kind: "weekly" }, familyStart, familyClient.timeZone, familyClient.id, 0.6, contact!.id);

  for (let i = 0; i < entries.length; i += 500) await db.insert(exerciseEntries).values(entries.slice(i, i + 500));
  return { clientId: familyClient.id, contactId: contact!.id };
}
