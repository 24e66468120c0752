import { staffText } from "@/i18n/staff";
import type { Instrument } from "@/instruments/fhir-schema";

/** Who answers a check-in: the client, a member of their support network, or the counselor. */
export type Respondent = "client" | "family" | "clinician";

const ATTUNE_QUESTIONNAIRES = "https://attune.health/fhir/Questionnaire/";
const INSTRUMENT_CODES = "https://attune.health/fhir/CodeSystem/instrument";

/** The bundled check-ins say who answers them by their instrument code; imported ones are the client's. */
export function respondentOf(instrument: Pick<Instrument, "code">): Respondent {
  const code = instrument.code.find((c) => c.system === INSTRUMENT_CODES)?.code;
  if (code === "family-wellbeing") return "family";
  if (code === "detachment-profile") return "clinician";
  return "client";
}

const t = staffText("checkinLabels");

/** Who answered, when it was the client (not a support person): shown, and compared with, in one place. */
export const BY_CLIENT = t("byClient");

export const respondentLabels: Record<Respondent, string> = {
  client: t("respondentClient"),
  family: t("respondentFamily"),
  clinician: t("respondentClinician"),
};

/** Check-ins written for this product (not validated instruments) carry our canonical url. */
export function writtenForAttune(instrument: Pick<Instrument, "url">): boolean {
  return instrument.url.startsWith(ATTUNE_QUESTIONNAIRES);
}

/**
 * The words shown wherever a check-in written for Attune appears: the file's own statement
 * (copyright, else description), so what the product says is what the file says.
 */
export function attuneNotice(instrument: Pick<Instrument, "url" | "copyright" | "description">): string | null {
  if (!writtenForAttune(instrument)) return null;
  return instrument.copyright ?? instrument.description ?? "Written for Attune. It is NOT a validated instrument.";
}
