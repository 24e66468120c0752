"use server";

import { formAction } from "@/lib/action";
import { changePassword, changePasswordSpec, updateProfile, updateProfileSpec } from "./mutations";
import { staffText } from "@/i18n/staff";

const uv = staffText("userValidation");

export const updateProfileAction = formAction(
  { ...updateProfileSpec, revalidate: () => ["/", "/profile"], success: () => ({ message: uv("nameSaved") }) },
  updateProfile,
);

export const changePasswordAction = formAction(
  // The new password ends every session, this one included: sign in again with it.
  { ...changePasswordSpec, success: () => ({ redirectTo: "/login?reason=password_changed" }) },
  changePassword,
);
