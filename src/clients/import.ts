import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "@/auth/actor";
import { recordAudit } from "@/audit/record";
import type { Db } from "@/db/client";
import { clientCareTeam, clients, users } from "@/db/schema";
import type { ActionSpec, Handler } from "@/lib/action-core";
import { parseCsv } from "@/lib/csv";
import { ActionRefused } from "@/lib/errors";
import { createClientSchema, focusLabels, statusLabels, type CreateClientInput } from "./schemas";
import { staffText } from "@/i18n/staff";

const ie = staffText("importErrors");

export const IMPORT_COLUMNS = [
  "name",
  "preferred_name",
  "pronouns",
  "date_of_birth",
  "record_number",
  "recovery_focus",
  "status",
  "primary_counselor_email",
  "care_team_emails",
  "tags",
  "start_date",
  "time_zone",
] as const;
const REQUIRED = ["name", "record_number", "recovery_focus", "primary_counselor_email", "start_date"] as const;
export const MAX_IMPORT_ROWS = 2000;

export interface ImportRowResult {
  line: number;
  name: string;
  recordNumber: string;
  errors: string[];
}

export interface ImportPreview {
  rows: ImportRowResult[];
  valid: number;
  invalid: number;
  fileErrors: string[];
}

/** Accepts either the stored value or its label ("Substance use", "On hold"). */
function fromLabel<T extends string>(labels: Record<T, string>, raw: string): string {
  const wanted = raw.trim().toLowerCase();
  const hit = (Object.entries(labels) as [T, string][]).find(([value, label]) => value === wanted || label.toLowerCase() === wanted);
  return hit ? hit[0] : raw.trim();
}

const fieldLabels: Record<string, string> = {
  name: "name",
  preferredName: "preferred_name",
  pronouns: "pronouns",
  dateOfBirth: "date_of_birth",
  recordNumber: "record_number",
  recoveryFocus: "recovery_focus",
  status: "status",
  primaryCounselorId: "primary_counselor_email",
  careTeam: "care_team_emails",
  tags: "tags",
  startDate: "start_date",
  timeZone: "time_zone",
};

/**
 * Reads and checks a whole import without writing anything: every row is validated with the
 * same schema as the form, counselors are found by email and must be the importer or (for a
 * supervisor) their counselors, and record numbers must be new to the file and the organisation.
 */
export async function analyseImport(db: Db, actor: Actor, text: string): Promise<{ preview: ImportPreview; inputs: CreateClientInput[] }> {
  const fileErrors: string[] = [];
  let table: string[][] = [];
  try {
    table = parseCsv(text);
  } catch (error) {
    fileErrors.push(ie("notValidCsv", { problem: (error as Error).message }));
  }
  const [header = [], ...body] = table;
  const columns = header.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (table.length && missing.length) fileErrors.push(ie("missingColumns", { columns: missing.join(", ") }));
  const unknown = columns.filter((c) => c && !(IMPORT_COLUMNS as readonly string[]).includes(c));
  if (unknown.length) fileErrors.push(ie("unknownColumns", { columns: unknown.join(", ") }));
  if (!body.length && !fileErrors.length) fileErrors.push(ie("noClientRows"));
  if (body.length > MAX_IMPORT_ROWS) fileErrors.push(ie("tooManyClients", { max: String(MAX_IMPORT_ROWS), count: String(body.length) }));
  if (fileErrors.length) return { preview: { rows: [], valid: 0, invalid: 0, fileErrors }, inputs: [] };

  const records = body.map((cells) => Object.fromEntries(columns.map((c, i) => [c, (cells[i] ?? "").trim()])) as Record<string, string>);
  const emails = [...new Set(records.flatMap((r) => [r.primary_counselor_email ?? "", ...(r.care_team_emails ?? "").split(/[;,]/)].map((e) => e.trim().toLowerCase()).filter(Boolean)))];
  const people = emails.length
    ? await db
        .select({ id: users.id, email: users.email, supervisorId: users.supervisorId })
        .from(users)
        .where(
          and(
            eq(users.organisationId, actor.organisationId),
            eq(users.status, "active"),
            inArray(users.role, ["counselor", "supervisor"]),
            inArray(sql`lower(${users.email})`, emails),
          ),
        )
    : [];
  const byEmail = new Map(people.map((p) => [p.email.toLowerCase(), p]));
  const numbers = records.map((r) => r.record_number ?? "").filter(Boolean);
  const taken = new Set(
    numbers.length
      ? (await db.select({ n: clients.recordNumber }).from(clients).where(and(eq(clients.organisationId, actor.organisationId), inArray(clients.recordNumber, numbers)))).map((r) => r.n)
      : [],
  );
  const seen = new Map<string, number>();
  const rows: ImportRowResult[] = [];
  const inputs: CreateClientInput[] = [];
  records.forEach((r, index) => {
    const line = index + 2;
    const errors: string[] = [];
    const primary = byEmail.get((r.primary_counselor_email ?? "").toLowerCase());
    if (!primary) errors.push(ie("noSuchCounselor", { email: r.primary_counselor_email ?? "" }));
    else if (primary.id !== actor.userId && !(actor.role === "supervisor" && primary.supervisorId === actor.userId)) {
      errors.push(ie("ownClientsOnly"));
    }
    const careEmails = (r.care_team_emails ?? "").split(/[;,]/).map((e) => e.trim().toLowerCase()).filter(Boolean);
    const careTeam = careEmails.map((e) => byEmail.get(e)?.id ?? "");
    careEmails.forEach((e, i) => {
      if (!careTeam[i]) errors.push(ie("noSuchClinician", { email: e }));
    });
    const parsed = createClientSchema.safeParse({
      name: r.name,
      preferredName: r.preferred_name,
      pronouns: r.pronouns,
      dateOfBirth: r.date_of_birth,
      recordNumber: r.record_number,
      recoveryFocus: fromLabel(focusLabels, r.recovery_focus ?? ""),
      status: r.status ? fromLabel(statusLabels, r.status) : "intake",
      primaryCounselorId: primary?.id ?? "00000000-0000-4000-8000-000000000000",
      careTeam: careTeam.filter(Boolean),
      tags: (r.tags ?? "").replaceAll(";", ","),
      startDate: r.start_date,
      timeZone: r.time_zone || "America/New_York",
    });
    if (!parsed.success) {
      for (const [field, messages] of Object.entries(z.flattenError(parsed.error).fieldErrors)) {
        if (field === "primaryCounselorId") continue;
        errors.push(`${fieldLabels[field] ?? field}: ${(messages as string[]).join(" ")}`);
      }
    }
    const number = r.record_number ?? "";
    if (number && taken.has(number)) errors.push(ie("recordNumberTaken"));
    if (number && seen.has(number)) errors.push(ie("recordNumberRepeated", { line: String(seen.get(number)) }));
    if (number) seen.set(number, line);
    rows.push({ line, name: r.name ?? "", recordNumber: number, errors });
    if (!errors.length && parsed.success) inputs.push(parsed.data);
  });
  const invalid = rows.filter((r) => r.errors.length).length;
  return { preview: { rows, valid: rows.length - invalid, invalid, fileErrors: [] }, inputs };
}

export const importSchema = z.object({
  csv: z.string({ error: ie("chooseCsv") }).min(1, ie("chooseCsv")).max(1_000_000, ie("fileTooLarge")),
});

export const previewImportSpec: ActionSpec<typeof importSchema, undefined, ImportPreview> = {
  name: "client.import_preview",
  schema: importSchema,
  roles: ["counselor", "supervisor"],
  audit: ({ result }) => ({ action: "client.import_preview", entityType: "client_import", detail: { rows: result.rows.length, invalid: result.invalid } }),
};

export const previewImport: Handler<typeof importSchema, undefined, ImportPreview> = async ({ db, actor, input }) =>
  (await analyseImport(db, actor, input.csv)).preview;

export const commitImportSpec: ActionSpec<typeof importSchema, undefined, { created: number }> = {
  name: "client.import",
  schema: importSchema,
  roles: ["counselor", "supervisor"],
  audit: ({ result }) => ({ action: "client.import", entityType: "client_import", detail: { created: result.created } }),
};

/** All or nothing: a problem in a single row refuses the whole import. */
export const commitImport: Handler<typeof importSchema, undefined, { created: number }> = async ({ db, actor, input, meta }) => {
  const { preview, inputs } = await analyseImport(db, actor, input.csv);
  if (preview.fileErrors.length || preview.invalid) {
    throw new ActionRefused(ie("nothingImported", { reason: preview.fileErrors[0] ?? ie("rowsHaveProblems", { count: String(preview.invalid) }) }));
  }
  const created = await db
    .insert(clients)
    .values(
      inputs.map((i) => ({
        organisationId: actor.organisationId,
        name: i.name,
        preferredName: i.preferredName ?? null,
        pronouns: i.pronouns ?? null,
        dateOfBirth: i.dateOfBirth ?? null,
        recordNumber: i.recordNumber,
        recoveryFocus: i.recoveryFocus,
        status: i.status,
        primaryCounselorId: i.primaryCounselorId,
        tags: i.tags,
        startDate: i.startDate,
        timeZone: i.timeZone,
      })),
    )
    .returning({ id: clients.id, recordNumber: clients.recordNumber });
  const idByNumber = new Map(created.map((c) => [c.recordNumber, c.id]));
  const team = inputs.flatMap((i) =>
    i.careTeam.filter((u) => u !== i.primaryCounselorId).map((userId) => ({ organisationId: actor.organisationId, clientId: idByNumber.get(i.recordNumber)!, userId })),
  );
  if (team.length) await db.insert(clientCareTeam).values(team).onConflictDoNothing();
  for (const c of created) {
    await recordAudit(db, {
      organisationId: actor.organisationId,
      actorKind: "user",
      actorUserId: actor.userId,
      action: "client.create",
      entityType: "client",
      entityId: c.id,
      clientId: c.id,
      ip: meta.ip,
      userAgent: meta.userAgent,
      detail: { via: "import" },
    });
  }
  return { created: created.length };
};
