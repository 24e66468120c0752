import "server-only";
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Bundle, BundleEntry, Observation, Patient, Practitioner, QuestionnaireResponse, Reference, RelatedPerson } from "fhir/r4";
import type { Actor } from "@/auth/actor";
import { respondentOf } from "@/checkins/catalog";
import { instrumentVersions } from "@/checkins/instruments";
import type { ClientHeader } from "@/clients/queries";
import { rowsOf, type Db } from "@/db/client";
import type { Answers, Instrument } from "@/instruments/fhir-schema";
import { toQuestionnaireResponse } from "@/instruments/response";
import { REDISCLOSURE_SHORT } from "./notice";
import { periodSpan, type ReportPeriod } from "./period";

/** A UUID derived from a name, so exporting the same check-in twice gives the same resource ids. */
export function stableUuid(name: string): string {
  const h = createHash("sha1").update(name).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

const urn = (id: string) => `urn:uuid:${id}`;
const ref = (id: string, display?: string): Reference => ({ reference: urn(id), ...(display ? { display } : {}) });

export type Row = {
  id: string; at: string; url: string; version: string; status: "complete" | "prorated" | "invalid"; total: number | null; subscales: Record<string, number | null>; band: string | null; answers: Answers;
  rater_id: string | null; rater_name: string | null; contact_id: string | null; contact_name: string | null; relationship: string | null;
};

export type ClientBundleSubject = Pick<ClientHeader, "id" | "name" | "preferredName" | "recordNumber" | "dateOfBirth">;

/**
 * The client's check-ins in the period as a FHIR R4 Bundle (type collection): the Patient, one
 * QuestionnaireResponse per check-in (its `questionnaire` the instrument's canonical url|version),
 * and one Observation per score (total and subscales) derived from it. Who answered is told:
 * the client's own answers have the Patient as `source` (and the counselor who entered them in
 * session as `author`); a clinician-rated check-in has the rating Practitioner as both `source`
 * and `author`; a family member's check-in is their own response, `source` and subject their
 * RelatedPerson (its scores' Observations keep the Patient as subject, the family member as
 * `focus` and `performer`). Labelled 42 CFR Part 2.
 */
export async function clientCheckinBundle(db: Db, actor: Actor, client: ClientBundleSubject & { timeZone: string }, period: ReportPeriod, now = new Date()): Promise<Bundle> {
  const span = periodSpan(period, client.timeZone);
  const rows = rowsOf<Row>(
    await db.execute(sql`
      select a.id, to_char(a.administered_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, a.instrument_url as url, a.instrument_version as version,
        a.status, a.total::float8 as total, a.subscales, a.band_label as band, a.answers,
        u.id as rater_id, u.name as rater_name, c.id as contact_id, c.name as contact_name, c.relationship::text as relationship
      from checkin_administrations a
      left join users u on u.id = a.administered_by and u.organisation_id = a.organisation_id
      left join support_contacts c on c.id = a.contact_id and c.organisation_id = a.organisation_id and c.client_id = a.client_id
      where a.organisation_id = ${actor.organisationId} and a.client_id = ${client.id}
        and a.administered_at between ${span.from.toISOString()}::timestamptz and ${span.to.toISOString()}::timestamptz
      order by a.administered_at, a.id`),
  );
  const instruments = await instrumentVersions(db, actor.organisationId, rows);
  const patient: Patient = {
    resourceType: "Patient",
    id: client.id,
    identifier: [{ use: "usual", system: `urn:attune:organisation:${actor.organisationId}:record-number`, value: client.recordNumber }],
    name: [{ text: client.name }, ...(client.preferredName ? [{ use: "usual" as const, text: client.preferredName }] : [])],
    ...(client.dateOfBirth ? { birthDate: client.dateOfBirth } : {}),
  };
  const entries: BundleEntry[] = [{ fullUrl: urn(patient.id!), resource: patient }];
  const subject = ref(client.id, client.recordNumber);
  // Each person who answered or rated appears once, before the responses that point at them.
  const people = new Set<string>();
  const practitioner = (id: string, name: string): Reference => {
    if (!people.has(id)) {
      people.add(id);
      const resource: Practitioner = { resourceType: "Practitioner", id, name: [{ text: name }] };
      entries.push({ fullUrl: urn(id), resource });
    }
    return ref(id, name);
  };
  const relatedPerson = (id: string, name: string, relationship: string | null): Reference => {
    if (!people.has(id)) {
      people.add(id);
      const resource: RelatedPerson = {
        resourceType: "RelatedPerson",
        id,
        patient: subject,
        name: [{ text: name }],
        ...(relationship ? { relationship: [{ text: relationship.replaceAll("_", " ") }] } : {}),
      };
      entries.push({ fullUrl: urn(id), resource });
    }
    return ref(id, name);
  };
  for (const r of rows) {
    const instrument = instruments.get(`${r.url}|${r.version}`);
    if (!instrument) continue;
    const rater = r.rater_id ? practitioner(r.rater_id, r.rater_name ?? "Counselor") : null;
    let who: { subject: Reference; source?: Reference; author?: Reference; focus?: Reference; performer?: Reference };
    if (r.contact_id) {
      const family = relatedPerson(r.contact_id, r.contact_name ?? "Family member", r.relationship);
      who = { subject: family, source: family, ...(rater ? { author: rater } : {}), focus: family, performer: family };
    } else if (respondentOf(instrument) === "clinician") {
      who = rater ? { subject, source: rater, author: rater, performer: rater } : { subject };
    } else {
      who = { subject, source: subject, ...(rater ? { author: rater } : {}) };
    }
    const response: QuestionnaireResponse = {
      ...toQuestionnaireResponse(instrument, r.answers, { id: r.id, status: "completed", authored: r.at, subject: who.subject, ...(who.author ? { author: who.author } : {}), ...(who.source ? { source: who.source } : {}) }),
    };
    entries.push({ fullUrl: urn(r.id), resource: response });
    for (const observation of scoreObservations(instrument, r, subject, who)) entries.push({ fullUrl: urn(observation.id!), resource: observation });
  }
  return {
    resourceType: "Bundle",
    id: stableUuid(`bundle|${client.id}|${period.from}|${period.to}|${now.toISOString()}`),
    meta: {
      lastUpdated: now.toISOString(),
      security: [
        { system: "http://terminology.hl7.org/CodeSystem/v3-ActCode", code: "42CFRPart2", display: REDISCLOSURE_SHORT },
        { system: "http://terminology.hl7.org/CodeSystem/v3-Confidentiality", code: "R", display: "restricted" },
      ],
    },
    type: "collection",
    timestamp: now.toISOString(),
    entry: entries,
  } satisfies Bundle;
}

export const LOINC = "http://loinc.org";

/**
 * The instrument's own codes (Questionnaire.code) for its total: a standard code such as LOINC
 * first, when the file has one (an imported PHQ-9, say), then the rest. Attune's bundled check-ins
 * carry only their local code: they are not standard instruments and have no LOINC code.
 */
function standardCodes(instrument: Instrument) {
  return [...instrument.code]
    .sort((a, b) => Number(b.system === LOINC) - Number(a.system === LOINC))
    .map((c) => ({ ...(c.system ? { system: c.system } : {}), code: c.code, ...(c.display ? { display: c.display } : {}) }));
}

/** One Observation per score a check-in produced, each derived from its QuestionnaireResponse. */
export function scoreObservations(instrument: Instrument, r: Row, subject: Reference, who: { focus?: Reference; performer?: Reference }): Observation[] {
  if (r.status === "invalid" || r.total === null) return [];
  const base = {
    resourceType: "Observation" as const,
    status: "final" as const,
    category: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/observation-category", code: "survey", display: "Survey" }] }],
    subject,
    ...(who.focus ? { focus: [who.focus] } : {}),
    ...(who.performer ? { performer: [who.performer] } : {}),
    effectiveDateTime: r.at,
    derivedFrom: [{ reference: urn(r.id), display: instrument.title }],
  };
  const quantity = (value: number) => ({ value, unit: "{score}", system: "http://unitsofmeasure.org", code: "{score}" });
  const total: Observation = {
    ...base,
    id: stableUuid(`${r.id}|total`),
    code: { coding: [{ system: `${instrument.url}/score`, code: "total", display: `${instrument.title} total` }, ...standardCodes(instrument)], text: `${instrument.title}: total score` },
    valueQuantity: quantity(r.total),
    ...(r.band ? { interpretation: [{ text: r.band }] } : {}),
    ...(r.status === "prorated" ? { note: [{ text: "Prorated: some items were not answered; the instrument's rule filled them in." }] } : {}),
  };
  const subscales = instrument.scoring.subscales.flatMap((s): Observation[] => {
    const value = r.subscales?.[s.id];
    return value === null || value === undefined
      ? []
      : [{ ...base, id: stableUuid(`${r.id}|${s.id}`), code: { coding: [{ system: `${instrument.url}/score`, code: s.id, display: s.label }], text: `${instrument.title}: ${s.label}` }, valueQuantity: quantity(Number(value)) }];
  });
  return [total, ...subscales];
}
