"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { staffText } from "@/i18n/staff";
import { idleState } from "@/lib/form-state";
import { issueResetAction, reissueInviteAction } from "../admin-actions";
import { CopyLink } from "./copy-link";
import { isIssuedLink } from "./invite-form";

const t = staffText("users");

/** A button that makes a new one-time link for the user, and shows it to copy. */
export function IssueLinkForm({ userId, purpose }: { userId: string; purpose: "reset" | "invite" }) {
  const [state, action] = useActionState(purpose === "reset" ? issueResetAction : reissueInviteAction, idleState);
  const issued = state.status === "success" && isIssuedLink(state.data) ? state.data : null;
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="userId" value={userId} />
      <FormMessage state={state} />
      {issued ? (
        <CopyLink
          key={issued.path}
          label={purpose === "reset" ? t("resetLinkLabel") : t("inviteLinkLabel")}
          path={issued.path}
          expiresAt={issued.expiresAt}
        />
      ) : null}
      <SubmitButton variant="secondary" pendingLabel={t("creatingLink")}>
        {purpose === "reset" ? (issued ? t("createAnotherResetLink") : t("createResetLink")) : t("createInviteLink")}
      </SubmitButton>
    </form>
  );
}
