"use server";

import { formAction } from "@/lib/action";
import { refit, refitSpec } from "./mutations";
import { staffText } from "@/i18n/staff";

const ov = staffText("outcomeValidation");

export const refitExpectedRecoveryAction = formAction(
  {
    ...refitSpec,
    revalidate: () => ["/admin/expected-recovery"],
    success: ({ result }) => ({
      message: result.fit
        ? ov("refitted", { clients: String(result.nClients), scores: String(result.nScores) })
        : ov("noCurve", { reason: result.reason ?? ov("tooLittleData") }),
    }),
  },
  refit,
);
