import "server-only";
import type { Actor } from "@/auth/actor";
import { shippedLanguages } from "@/i18n/catalog";
import { todayIn } from "@/lib/zod-fields";
import { countryOptions } from "@/portal/crisis-defaults";
import type { ClientFormDefaults } from "./components/client-form";
import type { ClientHeader } from "./queries";

export function timeZoneList(): string[] {
  return Intl.supportedValuesOf("timeZone");
}

/** The portal languages a client or support person may choose: the shipped message files. */
export function languageOptions(): { value: string; label: string }[] {
  return shippedLanguages().map((l) => ({ value: l.code, label: l.code === "en" ? l.name : `${l.name} (${new Intl.DisplayNames(["en"], { type: "language" }).of(l.code)})` }));
}

export { countryOptions };

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
    language: "en",
    country: "",
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
    language: client.language,
    country: client.country ?? "",
  };
}
