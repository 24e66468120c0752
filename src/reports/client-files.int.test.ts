import type { Actor } from "@/auth/actor";
import type { TestDatabase } from "@/lib/testing/db";
import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import type { Bundle, FhirResource, Practitioner, QuestionnaireResponse, RelatedPerson } from "fhir/r4";
import { beforeAll, describe, expect, it } from "vitest";
import { instrumentVersions } from "@/checkins/instruments";
import { assignments, checkinAdministrations, exerciseEntries, supportContacts, users } from "@/db/schema";
import type { AnswerValue } from "@/instruments/fhir-schema";
import { parseCsv } from "@/lib/csv";
import { addDays } from "@/lib/local-date";
import { testMeta } from "@/lib/testing/fixtures";
import { CHECKIN_CSV_FIXED, EXERCISE_CSV_FIXED } from "./client-csv";
import { clientExportResponse } from "./exports";
import { fhirR4Errors, unresolvedReferences } from "./testing/fhir-r4-validator";
import { text, today, exportsFixture, year } from "./testing/exports-fixture";

// A client's CSV files and FHIR Bundle.

const fixture = exportsFixture();
let t: TestDatabase;
let actors: Record<string, Actor>;
let clientId: string;
beforeAll(() => ({ t, actors, clientId } = fixture));

describe("CSV exports", () => {
  it("parse back to the stored check-in answers, one row per administration", async () => {
    const actor = actors["counselor"]!;
    const all = new URLSearchParams({ from: addDays(today, -1000), to: today });
    const rows = parseCsv(await text(await clientExportResponse(t.db, actor, clientId, "checkins-csv", all, testMeta)));
    const [header, ...body] = rows;
    expect(header!.slice(0, CHECKIN_CSV_FIXED.length)).toEqual([...CHECKIN_CSV_FIXED]);
    const stored = await t.db.select().from(checkinAdministrations).where(eq(checkinAdministrations.clientId, clientId)).orderBy(asc(checkinAdministrations.administeredAt));
    expect(body.length).toBe(stored.length);
    expect(stored.length).toBeGreaterThan(10);
    const instruments = await instrumentVersions(t.db, actor.organisationId, stored.map((s) => ({ url: s.instrumentUrl, version: s.instrumentVersion })));
    for (const row of body) {
      const cell = (name: string) => row[header!.indexOf(name)]!;
      const administration = stored.find((s) => s.id === cell("administration_id"))!;
      const instrument = instruments.get(`${administration.instrumentUrl}|${administration.instrumentVersion}`)!;
      const answers: Record<string, AnswerValue> = {};
      for (const item of instrument.items) {
        const raw = header!.includes(`${instrument.id}/${item.linkId}`) ? cell(`${instrument.id}/${item.linkId}`) : "";
        if (raw === "") continue;
        const value = raw.replace(/^'(?=[=+\-@\t\r])/, "");
        answers[item.linkId] = item.type === "choice" ? { code: value } : item.type === "boolean" ? value === "true" : item.type === "integer" || item.type === "decimal" ? Number(value) : value;
      }
      expect(answers).toEqual(administration.answers);
      expect(cell("total")).toBe(administration.total === null ? "" : String(administration.total));
      expect(cell("instrument_version")).toBe(administration.instrumentVersion);
    }
  });

  it("neutralises cells a spreadsheet would run as formulas", async () => {
    const actor = actors["counselor"]!;
    const [assignment] = await t.db.select().from(assignments).where(and(eq(assignments.clientId, clientId), isNull(assignments.contactId))).limit(1);
    const [family] = await t.db.select().from(supportContacts).where(eq(supportContacts.clientId, clientId)).limit(1);
    await t.db.update(supportContacts).set({ name: "=cmd|' /C calc'!A0" }).where(eq(supportContacts.id, family!.id));
    const hostile = { text: '=HYPERLINK("http://evil.example","click")', plus: "+1+1", minus: "-2+3", at: "@SUM(A1)", tab: "\tindent" };
    const entryAnswers = Object.fromEntries(Object.keys((await t.db.select({ a: exerciseEntries.answers }).from(exerciseEntries).where(eq(exerciseEntries.assignmentId, assignment!.id)).limit(1))[0]?.a ?? { note: "" }).map((k, i) => [k, Object.values(hostile)[i % 5]!]));
    await t.db.insert(exerciseEntries).values({ organisationId: actor.organisationId, clientId, contactId: family!.id, assignmentId: assignment!.id, exerciseId: assignment!.exerciseId, exerciseVersion: assignment!.exerciseVersion, answers: entryAnswers, idempotencyKey: "csv-formula-test-key-1" });
    const csv = await text(await clientExportResponse(t.db, actor, clientId, "exercises-csv", new URLSearchParams({ from: addDays(today, -1), to: today }), testMeta));
    const rows = parseCsv(csv);
    expect(rows[0]!.slice(0, EXERCISE_CSV_FIXED.length)).toEqual([...EXERCISE_CSV_FIXED]);
    const cells = rows.slice(1).flat();
    expect(cells).toContain("'=cmd|' /C calc'!A0");
    for (const value of Object.values(entryAnswers)) expect(cells).toContain(`'${value}`);
    // No cell a spreadsheet would evaluate.
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c) && !/^-?\d+(\.\d+)?$/.test(c))).toEqual([]);
  });
});

describe("the FHIR Bundle", () => {
  it("validates against the official FHIR R4 schema, resolves every reference and derives each score from its response", async () => {
    const response = await clientExportResponse(t.db, actors["counselor"]!, clientId, "fhir", year, testMeta);
    expect(response.headers.get("Content-Type")).toContain("application/fhir+json");
    const bundle = JSON.parse(await response.text()) as Bundle;
    expect(fhirR4Errors(bundle)).toEqual([]);
    expect(unresolvedReferences(bundle)).toEqual([]);
    const resources = (bundle.entry ?? []).map((e) => e.resource as FhirResource);
    expect(resources.filter((r) => r.resourceType === "Patient")).toHaveLength(1);
    const responses = resources.filter((r) => r.resourceType === "QuestionnaireResponse");
    const all = await t.db.select({ n: count() }).from(checkinAdministrations).where(and(eq(checkinAdministrations.clientId, clientId), sql`${checkinAdministrations.administeredAt} >= ${addDays(today, -366)}::date`));
    expect(responses.length).toBeGreaterThan(0);
    expect(responses.length).toBeLessThanOrEqual(Number(all[0]!.n));
    for (const o of resources) {
      if (o.resourceType !== "Observation") continue;
      expect(responses.some((q) => `urn:uuid:${q.id}` === o.derivedFrom![0]!.reference)).toBe(true);
    }
    expect(bundle.meta?.security?.some((s) => s.code === "42CFRPart2")).toBe(true);
  }, 120_000);

  it("refuses what FHIR R4 does not allow: the schema is the real one, not a stand-in", () => {
    expect(fhirR4Errors({ resourceType: "Bundle", type: "collection", entry: [{ fullUrl: "urn:uuid:1", resource: { resourceType: "Patient", id: "a" } }] })).toEqual([]);
    expect(fhirR4Errors({ resourceType: "Bundle", type: "collection", entry: [{ resource: { resourceType: "Patient", id: "a", nickname: "x" } }] })).not.toEqual([]);
    expect(fhirR4Errors({ resourceType: "Bundle", type: "collection", entry: [{ resource: { resourceType: "QuestionnaireResponse", status: "done" } }] })).not.toEqual([]);
    // Medplum's own Meta fields are not FHIR.
    expect(fhirR4Errors({ resourceType: "Bundle", type: "collection", meta: { project: "x" } })).not.toEqual([]);
  }, 120_000);

  it("names who answered: the rating counselor for the clinician-rated profile, a family member for their own check-ins", async () => {
    const actor = actors["counselor"]!;
    const response = await clientExportResponse(t.db, actor, clientId, "fhir", year, testMeta);
    const bundle = JSON.parse(await response.text()) as Bundle;
    const byUrl = new Map((bundle.entry ?? []).map((e) => [e.fullUrl!, e.resource as FhirResource]));
    const responses = [...byUrl.values()].filter((r): r is QuestionnaireResponse => r.resourceType === "QuestionnaireResponse");
    const resolve = (reference: string | undefined) => byUrl.get(reference ?? "");

    const rated = responses.filter((q) => q.questionnaire!.includes("attune-detachment-profile"));
    expect(rated.length).toBeGreaterThan(0);
    for (const q of rated) {
      const source = resolve(q.source?.reference);
      expect(source?.resourceType).toBe("Practitioner");
      expect(q.author?.reference).toBe(q.source?.reference);
      expect(q.subject?.reference).toBe(`urn:uuid:${clientId}`);
    }
    const [administration] = await t.db.select({ by: checkinAdministrations.administeredBy }).from(checkinAdministrations).where(eq(checkinAdministrations.id, rated[0]!.id!));
    const [rater] = await t.db.select({ name: users.name }).from(users).where(eq(users.id, administration!.by!));
    expect((resolve(rated[0]!.source!.reference) as Practitioner).name![0]!.text).toBe(rater!.name);

    const own = responses.filter((q) => q.questionnaire!.includes("attune-numbness"));
    expect(own.every((q) => resolve(q.source?.reference)?.resourceType === "Patient")).toBe(true);

    // A family member's check-ins: in the Bundle as their own responses, not left out.
    const familyCheckins = await t.db.select({ id: checkinAdministrations.id, contactId: checkinAdministrations.contactId }).from(checkinAdministrations)
      .where(and(eq(checkinAdministrations.clientId, clientId), sql`${checkinAdministrations.contactId} is not null`, sql`${checkinAdministrations.administeredAt} >= ${addDays(today, -364)}::date`));
    expect(familyCheckins.length).toBeGreaterThan(0);
    for (const f of familyCheckins) {
      const q = responses.find((r) => r.id === f.id)!;
      expect(q, "the family check-in is in the Bundle").toBeTruthy();
      const source = resolve(q.source?.reference) as RelatedPerson;
      expect(source.resourceType).toBe("RelatedPerson");
      expect(source.id).toBe(f.contactId);
      expect(source.patient.reference).toBe(`urn:uuid:${clientId}`);
    }
  }, 120_000);
});
