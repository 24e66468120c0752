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
import { staffText } from "@/i18n/staff";

const uv = staffText("userValidation");

const userPaths = (userId: string) => ["/admin/users", `/admin/users/${userId}`];

export const inviteUserAction = formAction(
  {
    ...inviteUserSpec,
    revalidate: ({ result }) => userPaths(result.userId),
    // The raw link goes back to this form once, to be copied; only its hash is stored.
    success: ({ input, result }) => ({
      id: result.userId,
      message: uv("invited", { name: input.name, email: input.email }),
      data: { path: result.link.path, expiresAt: result.link.expiresAt },
    }),
  },
  inviteUser,
);

export const reissueInviteAction = formAction(
  {
    ...reissueInviteSpec,
    revalidate: ({ input }) => userPaths(input.userId),
    success: ({ result }) => ({ message: uv("newInviteLink"), data: { path: result.path, expiresAt: result.expiresAt } }),
  },
  reissueInvite,
);

export const issueResetAction = formAction(
  {
    ...issueResetSpec,
    revalidate: ({ input }) => userPaths(input.userId),
    success: ({ result }) => ({ message: uv("resetLinkReady"), data: { path: result.path, expiresAt: result.expiresAt } }),
  },
  issueReset,
);

export const changeAccessAction = formAction(
  {
    ...changeAccessSpec,
    revalidate: ({ input }) => userPaths(input.userId),
    success: ({ result }) => ({
      message: result.roleChanged ? uv("savedRoleChanged") : uv("saved"),
    }),
  },
  changeAccess,
);

export const deactivateUserAction = formAction(
  {
    ...deactivateUserSpec,
    revalidate: ({ input }) => [...userPaths(input.userId), "/clients", "/caseload", "/team"],
    success: ({ result }) => ({
      message: result.moved ? uv("deactivatedMoved", { count: result.moved }) : uv("deactivated"),
    }),
  },
  deactivateUser,
);

export const reactivateUserAction = formAction(
  {
    ...reactivateUserSpec,
    revalidate: ({ input }) => userPaths(input.userId),
    success: ({ result }) => ({
      message: result.status === "active" ? uv("reactivated") : uv("reactivatedInvited"),
    }),
  },
  reactivateUser,
);
