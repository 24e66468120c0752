import "server-only";
import type { Actor } from "@/auth/actor";
import { todayIn } from "@/lib/zod-fields";
import type { ClientFormDefaults } from "./components/client-form";
import type { ClientHeader } from "./queries";

export function timeZoneList(): string[] {
  return Intl.supportedValuesOf("timeZone");
}

export function newClientDefaults(actor: Actor): ClientFormDefaults {
  return {
    name: "",
    preferredName: "",
    pronouns: "",
    dateOfBirth: "",
    recordNumber: "",
    recoveryFocus: "",
    status: "intake",
    primaryCounselorId: actor.userId,
    careTeam: [],
    tags: "",
    startDate: todayIn("America/New_York"),
    timeZone: "America/New_York",
  };
}

export function editClientDefaults(client: ClientHeader): ClientFormDefaults {
  return {
    clientId: client.id,
    version: client.version,
    name: client.name,
    preferredName: client.preferredName ?? "",
    pronouns: client.pronouns ?? "",
    dateOfBirth: client.dateOfBirth ?? "",
    recordNumber: client.recordNumber,
    recoveryFocus: client.recoveryFocus,
    status: client.status,
    primaryCounselorId: client.primaryCounselorId,
    careTeam: client.careTeam.map((m) => m.id),
    tags: client.tags.join(", "),
    startDate: client.startDate,
    timeZone: client.timeZone,
  };
}
