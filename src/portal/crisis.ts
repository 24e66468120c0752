import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { crisisLines } from "@/db/schema";
import { CRISIS_DEFAULTS, countryFor } from "./crisis-defaults";
import type { PortalHolder } from "./session";

export interface ShownCrisisLine {
  name: string;
  /** How to reach it, as the administrator wrote it; null for a built-in line (worded from `phone`). */
  contact: string | null;
  phone: string | null;
  text: boolean;
  hours: string | null;
  allDay: boolean;
}

export interface CrisisResources {
  country: string | null;
  emergency: string | null;
  lines: ShownCrisisLine[];
  source: "organisation" | "default" | "none";
}

/** The crisis lines to show for a country: the organisation's own, else the built-in ones. */
export async function crisisResourcesFor(db: Db, organisationId: string, country: string | null): Promise<CrisisResources> {
  const builtIn = country ? CRISIS_DEFAULTS[country] : undefined;
  if (country) {
    const own = await db
      .select({ name: crisisLines.name, contact: crisisLines.contact, hours: crisisLines.hours })
      .from(crisisLines)
      .where(and(eq(crisisLines.organisationId, organisationId), eq(crisisLines.country, country)))
      .orderBy(asc(crisisLines.position));
    if (own.length > 0) {
      return { country, emergency: builtIn?.emergency ?? null, source: "organisation", lines: own.map((l) => ({ name: l.name, contact: l.contact, phone: null, text: false, hours: l.hours, allDay: false })) };
    }
  }
  if (!builtIn) return { country, emergency: null, lines: [], source: "none" };
  return {
    country,
    emergency: builtIn.emergency,
    source: "default",
    lines: builtIn.lines.map((l) => ({ name: l.name, contact: null, phone: l.phone, text: l.text ?? false, hours: null, allDay: l.allDay ?? false })),
  };
}

/** Every crisis line the organisation has set, by country then position (the administrator's page). */
export async function organisationCrisisLines(db: Db, organisationId: string) {
  return db
    .select({ country: crisisLines.country, name: crisisLines.name, contact: crisisLines.contact, hours: crisisLines.hours })
    .from(crisisLines)
    .where(eq(crisisLines.organisationId, organisationId))
    .orderBy(asc(crisisLines.country), asc(crisisLines.position));
}

/** The crisis lines a private link's holder sees: for their recorded country, else their time zone's. */
export async function crisisResourcesForHolder(db: Db, holder: Pick<PortalHolder, "organisationId" | "country" | "timeZone">): Promise<CrisisResources> {
  return crisisResourcesFor(db, holder.organisationId, countryFor(holder.country, holder.timeZone));
}
