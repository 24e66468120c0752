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
import { staffText } from "@/i18n/staff";

const ae = staffText("authErrors");

// Setting up is allowed while the organisation holds the person back for it.
export const beginTwoFactorAction = formAction(
  { ...beginTwoFactorSpec, duringTwoFactorSetup: true, success: ({ result }) => ({ message: ae("addToApp"), data: result }) },
  beginTwoFactor,
);

export const confirmTwoFactorAction = formAction(
  {
    ...confirmTwoFactorSpec,
    duringTwoFactorSetup: true,
    // No revalidation: it would re-render this page as "already on" and lose the codes shown once.
    success: ({ result }) => ({ message: ae("twoFactorOn"), data: { recoveryCodes: result } }),
  },
  confirmTwoFactor,
);

export const disableTwoFactorAction = formAction(
  { ...disableTwoFactorSpec, revalidate: () => ["/profile"], success: () => ({ message: ae("twoFactorOff") }) },
  disableTwoFactor,
);

export const setOrgTwoFactorAction = formAction(
  {
    ...setOrgTwoFactorSpec,
    revalidate: () => ["/admin/users"],
    success: ({ result }) => ({
      message: result.required
        ? ae("twoFactorRequired")
        : ae("twoFactorOptional"),
    }),
  },
  setOrgTwoFactor,
);

export const resetTwoFactorAction = formAction(
  {
    ...resetTwoFactorSpec,
    revalidate: ({ input }) => ["/admin/users", `/admin/users/${input.userId}`],
    success: () => ({ message: ae("twoFactorReset") }),
  },
  resetTwoFactor,
);
