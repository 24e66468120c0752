"use server";

import { formAction } from "@/lib/action";
import {
  beginTwoFactor,
  beginTwoFactorSpec,
  confirmTwoFactor,
  confirmTwoFactorSpec,
  disableTwoFactor,
  disableTwoFactorSpec,
  resetTwoFactor,
  resetTwoFactorSpec,
  setOrgTwoFactor,
  setOrgTwoFactorSpec,
} from "./two-factor-mutations";

// Setting up is allowed while the organisation holds the person back for it.
export const beginTwoFactorAction = formAction(
  { ...beginTwoFactorSpec, duringTwoFactorSetup: true, success: ({ result }) => ({ message: "Add Attune to your authenticator app, then enter the code it shows.", data: result }) },
  beginTwoFactor,
);

export const confirmTwoFactorAction = formAction(
  {
    ...confirmTwoFactorSpec,
    duringTwoFactorSetup: true,
    // No revalidation: it would re-render this page as "already on" and lose the codes shown once.
    success: ({ result }) => ({ message: "Two-factor sign-in is on.", data: { recoveryCodes: result } }),
  },
  confirmTwoFactor,
);

export const disableTwoFactorAction = formAction(
  { ...disableTwoFactorSpec, revalidate: () => ["/profile"], success: () => ({ message: "Two-factor sign-in is off." }) },
  disableTwoFactor,
);

export const setOrgTwoFactorAction = formAction(
  {
    ...setOrgTwoFactorSpec,
    revalidate: () => ["/admin/users"],
    success: ({ result }) => ({
      message: result.required
        ? "Counselors and supervisors now need two-factor sign-in: those without it are asked to set it up before anything else."
        : "Two-factor sign-in is now optional.",
    }),
  },
  setOrgTwoFactor,
);

export const resetTwoFactorAction = formAction(
  {
    ...resetTwoFactorSpec,
    revalidate: ({ input }) => ["/admin/users", `/admin/users/${input.userId}`],
    success: () => ({ message: "Two-factor sign-in is off for this person and their sessions have ended. They can set it up again." }),
  },
  resetTwoFactor,
);
