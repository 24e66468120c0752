"use server";

import { formAction } from "@/lib/action";
import { changePassword, changePasswordSpec, updateProfile, updateProfileSpec } from "./mutations";

export const updateProfileAction = formAction(
  { ...updateProfileSpec, revalidate: () => ["/", "/profile"], success: () => ({ message: "Your name was saved." }) },
  updateProfile,
);

export const changePasswordAction = formAction(
  // The new password ends every session, this one included: sign in again with it.
  { ...changePasswordSpec, success: () => ({ redirectTo: "/login?reason=password_changed" }) },
  changePassword,
);
