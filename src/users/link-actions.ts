"use server";

import { linkFormAction } from "@/lib/action";
import { acceptInvitationSpec, redeem, resetPasswordSpec } from "./tokens";

/** Sets the first password from an invitation link; the new account then signs in by itself. */
export const acceptInvitationAction = linkFormAction({ ...acceptInvitationSpec, redirectTo: "/login?reason=invite_accepted" }, redeem);

/** Sets a new password from a reset link; it has ended every session of the account. */
export const resetPasswordAction = linkFormAction({ ...resetPasswordSpec, redirectTo: "/login?reason=password_changed" }, redeem);
