import "server-only";
import { and, asc, eq, gte, isNull, lte, sql } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import { availableInstruments, inCatalogueOrder, instrumentVersions } from "@/checkins/instruments";
import type { Db } from "@/db/client";
import { checkinAdministrations } from "@/db/schema";
import type { Answers, Direction } from "@/instruments/fhir-schema";
import { summariseItems, type ItemTrend } from "./item-summary";
import { rangeBounds, type Range } from "./range";

export interface ItemTrends {
  /** Check-ins the client has answered themselves, to choose from. */
  choices: { url: string; title: string }[];
  chosen: { url: string; title: string; direction: Direction; version: string } | null;
  checkins: number;
  items: ItemTrend[];
}

/**
 * Which items of one check-in moved for a client over a range. The caller has already checked
 * that the actor may see the client. Two queries: the client's instruments, then the chosen
 * one's answers (the bundled definitions are read from files; imported versions cost one more).
 */
export async function clientItemTrends(db: Db, actor: Actor, client: { id: string; timeZone: string }, url: string | undefined, range: Range, now = new Date()): Promise<ItemTrends> {
  const own = and(eq(checkinAdministrations.organisationId, actor.organisationId), eq(checkinAdministrations.clientId, client.id), isNull(checkinAdministrations.contactId));
  const [used, available] = await Promise.all([
    db.selectDistinct({ url: checkinAdministrations.instrumentUrl }).from(checkinAdministrations).where(own),
    availableInstruments(db, actor.organisationId),
  ]);
  const usedUrls = new Set(used.map((u) => u.url));
  const choices = inCatalogueOrder(available.map((a) => a.instrument).filter((i) => usedUrls.has(i.url) && i.items.some((item) => item.scored))).map((i) => ({ url: i.url, title: i.title }));
  const current = available.find((a) => a.instrument.url === (url ?? choices[0]?.url) && usedUrls.has(a.instrument.url))?.instrument;
  if (!current) return { choices, chosen: null, checkins: 0, items: [] };

  const { from, to } = rangeBounds(range, now);
  const rows = await db
    .select({
      at: checkinAdministrations.administeredAt,
      day: sql<string>`to_char(${checkinAdministrations.administeredAt} at time zone ${client.timeZone}, 'YYYY-MM-DD')`,
      version: checkinAdministrations.instrumentVersion,
      answers: checkinAdministrations.answers,
    })
    .from(checkinAdministrations)
    .where(
      and(
        own,
        eq(checkinAdministrations.instrumentUrl, current.url),
        from ? gte(checkinAdministrations.administeredAt, from) : undefined,
        to ? lte(checkinAdministrations.administeredAt, to) : undefined,
      ),
    )
    .orderBy(asc(checkinAdministrations.administeredAt));
  const versions = await instrumentVersions(db, actor.organisationId, rows.map((r) => ({ url: current.url, version: r.version })));
  const items = summariseItems(
    current,
    versions,
    rows.map((r) => ({ at: r.at.toISOString(), day: r.day, canonical: `${current.url}|${r.version}`, answers: r.answers as Answers })),
  );
  return {
    choices,
    chosen: { url: current.url, title: current.title, direction: current.scoring.direction, version: current.version },
    checkins: rows.length,
    items,
  };
}
