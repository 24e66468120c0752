import { z } from "zod";
import { availableInstruments } from "@/checkins/instruments";
import type { Instrument } from "@/instruments/fhir-schema";
import type { ActionSpec, Handler } from "@/lib/action-core";
import { refitExpectedRecovery, type StoredFit } from "./store";
import { staffText } from "@/i18n/staff";

const ov = staffText("outcomeValidation");

export const refitSchema = z.object({ instrument: z.string().trim().min(1, ov("chooseCheckin")).max(600) });
export type RefitInput = z.infer<typeof refitSchema>;

/** Curves exist for scored check-ins the organisation can use now (bundled or published imports). */
async function loadInstrument(db: Parameters<typeof availableInstruments>[0], organisationId: string, canonical: string): Promise<Instrument | null> {
  const found = (await availableInstruments(db, organisationId)).find((a) => a.instrument.canonical === canonical);
  return found ? found.instrument : null;
}

export const refitSpec: ActionSpec<typeof refitSchema, Instrument, StoredFit> = {
  name: "outcomes.refit_expected_recovery",
  schema: refitSchema,
  roles: ["admin"],
  load: (db, actor, input) => loadInstrument(db, actor.organisationId, input.instrument),
  audit: ({ record, result }) => ({
    action: "outcomes.refit_expected_recovery",
    entityType: "instrument",
    entityId: record.canonical,
    detail: { fitId: result.id, clients: result.nClients, scores: result.nScores, fitted: result.fit !== null, durationMs: result.durationMs },
  }),
};

/** The one place a curve is fitted while someone waits: an administrator asked for it. */
export const refit: Handler<typeof refitSchema, Instrument, StoredFit> = ({ db, actor, record }) => refitExpectedRecovery(db, actor.organisationId, record, "admin");
