import type { RawClient } from "@/db/client";
import { addDays } from "@/lib/local-date";
import { copyRows } from "./bulk";
import { at, randomFor, type Context } from "./large-context";

const AUDIT_ACTIONS: Array<[string, number, string | null]> = [
  ["client.view", 62, "client"],
  ["note.view", 8, "session_note"],
  ["checkin.read", 6, "checkin"],
  ["entry.read", 6, "exercise_entry"],
  ["note.create", 4, "session_note"],
  ["entry.comment", 3, "exercise_entry"],
  ["client.update", 2, "client"],
  ["checkin.schedule", 2, "checkin_schedule"],
  ["auth.sign_in", 6, null],
  ["portal.link_create", 1, "portal_link"],
];
const TABS = ["overview", "trends", "checkins", "exercises", "notes", "support"];
const AGENTS = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Safari/605.1.15", "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) Safari/604.1"];

/** The audit log, day by day over three years so that ids follow time, as they do in use. */
export async function loadAudit(raw: RawClient, ctx: Context) {
  const total = ctx.clients.length * ctx.auditPerClient;
  const days = 3 * 365;
  const weights = AUDIT_ACTIONS.reduce((a, [, w]) => a + w, 0);
  const first = addDays(ctx.today, -days);
  function* events(): Generator<unknown[]> {
    let emitted = 0;
    for (let d = 0; d < days; d++) {
      const random = randomFor(ctx, d, 6);
      const date = addDays(first, d);
      const target = Math.round((total * (d + 1)) / days) - emitted;
      const day: { t: number; row: unknown[] }[] = [];
      for (let k = 0; k < target; k++) {
        let client = random.pick(ctx.clients);
        for (let tries = 0; tries < 4 && (client.startDate > date || (client.dischargedOn && client.dischargedOn < date)); tries++) client = random.pick(ctx.clients);
        let r = random.next() * weights;
        const [action, , entityType] = AUDIT_ACTIONS.find(([, w]) => (r -= w) < 0) ?? AUDIT_ACTIONS[0]!;
        const t = at(date, "America/New_York", random.int(7 * 60, 21 * 60)).getTime() + random.int(0, 59_999);
        const actor = random.chance(0.9) ? client.counselorId : random.pick(ctx.supervisors).id;
        const clientScoped = entityType !== null;
        day.push({
          t,
          row: [
            ctx.organisationId, new Date(t), "user", actor, action, entityType ?? "user", clientScoped ? (entityType === "client" ? client.id : `${client.recordNumber}-${k}`) : actor,
            clientScoped ? client.id : null, `10.${ctx.orgIndex}.${random.int(0, 255)}.${random.int(1, 254)}`, random.pick(AGENTS), action === "client.view" ? { tab: random.pick(TABS) } : null,
          ],
        });
      }
      day.sort((a, b) => a.t - b.t);
      for (const e of day) yield e.row;
      emitted += target;
      if (d % 100 === 99) ctx.log(`  audit: day ${d + 1} of ${days}, ${emitted} events`);
    }
  }
  const count = await copyRows(raw, "audit_events", ["organisation_id", "occurred_at", "actor_kind", "actor_user_id", "action", "entity_type", "entity_id", "client_id", "ip", "user_agent", "detail"], events());
  return { auditEvents: count };
}
