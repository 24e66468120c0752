"use server";

import { formAction } from "@/lib/action";
import { refit, refitSpec } from "./mutations";

export const refitExpectedRecoveryAction = formAction(
  {
    ...refitSpec,
    revalidate: () => ["/admin/expected-recovery"],
    success: ({ result }) => ({
      message: result.fit
        ? `Refitted on ${result.nClients} clients and ${result.nScores} check-ins after their baselines.`
        : `No curve: ${result.reason ?? "too little data."}`,
    }),
  },
  refit,
);
