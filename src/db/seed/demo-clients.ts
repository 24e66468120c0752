import { addDays } from "@/lib/local-date";
import type { Db } from "@/db/client";
import { clientCareTeam, clients, consents, supportContacts, type ClientStatus, type ConsentScope, type RecoveryFocus, type Relationship } from "@/db/schema";
import { createRandom } from "./random";

const FIRST = ["Avery", "Blake", "Camila", "Dante", "Elena", "Farah", "Gabriel", "Hana", "Isaac", "Jasmine", "Kai", "Lucia", "Marcus", "Nadia", "Owen", "Priya", "Quinn", "Rosa", "Samuel", "Tessa", "Umar", "Violet", "Wes", "Ximena", "Yusuf", "Zoe", "Andre", "Bianca", "Cole", "Daria", "Emeka", "Fiona", "Grant", "Ines", "Jonah", "Keira", "Leo", "Maya", "Nico", "Olivia"];
const LAST = ["Abbott", "Bishop", "Castillo", "Dawson", "Everett", "Fischer", "Garcia", "Holloway", "Ibarra", "Jensen", "Kowalski", "Lindqvist", "Moreno", "Nguyen", "Osei", "Patel", "Quintero", "Reyes", "Sullivan", "Tanaka", "Underwood", "Vasquez", "Whitaker", "Yilmaz", "Zimmerman"];
const PRONOUNS = ["she/her", "he/him", "they/them", null] as const;
const TAGS = ["evening group", "veteran", "court referred", "parenting", "housing support", "dual diagnosis", "young adult", "telehealth"];
const ZONES = ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"];
const SUPPORTERS: Array<[Relationship, string[]]> = [
  ["parent", ["Margaret", "Robert", "Linda", "Daniel"]],
  ["partner", ["Chris", "Jamie", "Alex", "Morgan"]],
  ["spouse", ["Taylor", "Jordan", "Casey"]],
  ["sibling", ["Erin", "Mateo", "Sofia", "Liam"]],
  ["friend", ["Noor", "Ben", "Aisha"]],
  ["sponsor", ["Frank", "Denise"]],
];

export interface SeededClient {
  id: string;
  counselorKey: string;
  status: ClientStatus;
  startDate: string;
  timeZone: string;
}

/**
 * About forty clients across the three demo counselors (counselor@ has the most, at least 15
 * active), a few shared on care teams, with support networks and consent records.
 */
export async function seedDemoClients(db: Db, organisationId: string, userIds: Map<string, string>, today: string): Promise<SeededClient[]> {
  const random = createRandom(20261122);
  const plan: Array<[string, number]> = [
    ["counselor", 20],
    ["counselor2", 11],
    ["counselor3", 9],
  ];
  const seeded: SeededClient[] = [];
  let n = 0;
  for (const [counselorKey, howMany] of plan) {
    for (let i = 0; i < howMany; i++, n++) {
      const first = FIRST[n % FIRST.length]!;
      const last = LAST[(n * 7) % LAST.length]!;
      // counselor@ keeps 16 active clients; the rest spread over the other statuses.
      const status: ClientStatus =
        counselorKey === "counselor" ? (i < 16 ? "active" : (["intake", "on_hold", "discharged", "intake"] as const)[i - 16]!) : random.pick(["active", "active", "active", "intake", "on_hold", "discharged"] as const);
      const focus: RecoveryFocus = random.pick(["substance_use", "substance_use", "trauma", "both"] as const);
      const startDate = addDays(today, -random.int(60, 420));
      const timeZone = random.pick(ZONES);
      const [row] = await db
        .insert(clients)
        .values({
          organisationId,
          name: `${first} ${last}`,
          preferredName: random.chance(0.25) ? first.slice(0, 3) : null,
          pronouns: random.pick(PRONOUNS),
          dateOfBirth: `${random.int(1962, 2004)}-${String(random.int(1, 12)).padStart(2, "0")}-${String(random.int(1, 28)).padStart(2, "0")}`,
          recordNumber: `RRC-${String(1001 + n)}`,
          recoveryFocus: focus,
          status,
          primaryCounselorId: userIds.get(counselorKey)!,
          tags: TAGS.filter(() => random.chance(0.18)).slice(0, 3),
          startDate,
          timeZone,
          dischargedOn: status === "discharged" ? addDays(today, -random.int(5, 40)) : null,
          dischargeReason: status === "discharged" ? "Completed the programme; continuing with community support." : null,
          lastContactAt: status === "discharged" ? null : new Date(Date.now() - random.int(1, 30) * 86_400_000),
        })
        .returning({ id: clients.id });
      const clientId = row!.id;
      seeded.push({ id: clientId, counselorKey, status, startDate, timeZone });
      // A few clients are shared: counselor2 sits on the care team of some of counselor@'s.
      if (counselorKey === "counselor" && i % 6 === 1) {
        await db.insert(clientCareTeam).values({ organisationId, clientId, userId: userIds.get("counselor2")! });
      }
      const supporters = random.int(0, 3);
      for (let s = 0; s < supporters; s++) {
        const [relationship, names] = random.pick(SUPPORTERS);
        const [contact] = await db
          .insert(supportContacts)
          .values({
            organisationId,
            clientId,
            name: `${random.pick(names)} ${relationship === "friend" || relationship === "sponsor" ? random.pick(LAST) : last}`,
            relationship,
            phone: `(555) 01${random.int(0, 9)}-${String(random.int(0, 9999)).padStart(4, "0")}`,
            isEmergencyContact: s === 0,
          })
          .returning({ id: supportContacts.id });
        const scope: ConsentScope = random.pick(["nothing", "attendance_only", "progress_summaries", "progress_summaries"] as const);
        await db.insert(consents).values({
          organisationId,
          clientId,
          contactId: contact!.id,
          scope,
          validFrom: startDate,
          validUntil: random.chance(0.3) ? addDays(startDate, 365) : null,
          note: "Signed release form at intake",
          recordedBy: userIds.get(counselorKey)!,
        });
      }
    }
  }
  return seeded;
}
