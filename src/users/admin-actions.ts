"use server";

import { formAction } from "@/lib/action";
import {
  changeAccess,
  changeAccessSpec,
  deactivateUser,
  deactivateUserSpec,
  inviteUser,
  inviteUserSpec,
  issueReset,
  issueResetSpec,
  reactivateUser,
  reactivateUserSpec,
  reissueInvite,
  reissueInviteSpec,
} from "./admin-mutations";

const userPaths = (userId: string) => ["/admin/users", `/admin/users/${userId}`];

export const inviteUserAction = formAction(
  {
    ...inviteUserSpec,
    revalidate: ({ result }) => userPaths(result.userId),
    // The raw link goes back to this form once, to be copied; only its hash is stored.
    success: ({ input, result }) => ({
      id: result.userId,
      message: `${input.name} is invited. The link is on its way to ${input.email} by email (Messages shows whether it went out); you can also copy it below.`,
      data: { path: result.link.path, expiresAt: result.link.expiresAt },
    }),
  },
  inviteUser,
);

export const reissueInviteAction = formAction(
  {
    ...reissueInviteSpec,
    revalidate: ({ input }) => userPaths(input.userId),
    success: ({ result }) => ({ message: "A new invitation link is ready and on its way by email. The earlier link no longer works.", data: { path: result.path, expiresAt: result.expiresAt } }),
  },
  reissueInvite,
);

export const issueResetAction = formAction(
  {
    ...issueResetSpec,
    revalidate: ({ input }) => userPaths(input.userId),
    success: ({ result }) => ({ message: "A password reset link is ready and on its way by email.", data: { path: result.path, expiresAt: result.expiresAt } }),
  },
  issueReset,
);

export const changeAccessAction = formAction(
  {
    ...changeAccessSpec,
    revalidate: ({ input }) => userPaths(input.userId),
    success: ({ result }) => ({
      message: result.roleChanged ? "Saved. The new role applies from their next page; their open sessions end." : "Saved.",
    }),
  },
  changeAccess,
);

export const deactivateUserAction = formAction(
  {
    ...deactivateUserSpec,
    revalidate: ({ input }) => [...userPaths(input.userId), "/clients", "/caseload", "/team"],
    success: ({ result }) => ({
      message: result.moved ? `Deactivated. ${result.moved} ${result.moved === 1 ? "client was" : "clients were"} moved.` : "Deactivated. Their sessions have ended.",
    }),
  },
  deactivateUser,
);

export const reactivateUserAction = formAction(
  {
    ...reactivateUserSpec,
    revalidate: ({ input }) => userPaths(input.userId),
    success: ({ result }) => ({
      message: result.status === "active" ? "Reactivated. They can sign in again." : "Reactivated as invited: they never set a password, so issue a new invitation link.",
    }),
  },
  reactivateUser,
);
