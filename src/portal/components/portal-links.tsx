"use client";

import { COUNSELOR_LOCALE, dateTimeFormat } from "@/lib/date-format";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { SelectField } from "@/components/ui/select-field";
import { idleState } from "@/lib/form-state";
import { createLinkAction, revokeLinkAction } from "../link-actions";

interface LinkRow {
  id: string;
  holder: string;
  holderValue: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
}

function NewLink({ path }: { path: string }) {
  const [copied, setCopied] = useState(false);
  const url = typeof window === "undefined" ? path : `${window.location.origin}${path}`;
  return (
    <div className="space-y-2 rounded-md border border-brand-100 bg-brand-50 p-3">
      <label htmlFor="new-portal-link" className="block text-sm font-medium text-brand-800">
        The new private link (shown only now)
      </label>
      <div className="flex gap-2">
        <input id="new-portal-link" readOnly value={url} className="min-w-0 flex-1 rounded-md border border-line bg-white px-2 py-1.5 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
        <Button
          variant="secondary"
          size="sm"
          onClick={async () => {
            await navigator.clipboard.writeText(url);
            setCopied(true);
          }}
        >
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
    </div>
  );
}

const fmt = (iso: string) => dateTimeFormat(COUNSELOR_LOCALE, { dateStyle: "medium" }).format(new Date(iso));

export function PortalLinks({ clientId, holders, links }: { clientId: string; holders: { value: string; label: string; allowed: boolean }[]; links: LinkRow[] }) {
  const [created, createAction] = useActionState(createLinkAction, idleState);
  const [revoked, revokeAction] = useActionState(revokeLinkAction, idleState);
  const fresh = created.status === "success" ? (created.data as { path: string }) : null;
  return (
    <div className="space-y-4">
      {fresh ? <NewLink path={fresh.path} /> : null}
      <FormMessage state={created.status === "error" ? created : revoked} />
      {links.length ? (
        <ul className="divide-y divide-line rounded-md border border-line">
          {links.map((link) => (
            <li key={link.id} className="flex flex-wrap items-center justify-between gap-3 px-3 py-2 text-sm">
              <div>
                <p className="font-medium">{link.holder}</p>
                <p className="text-xs text-muted">
                  Created {fmt(link.createdAt)} · expires {fmt(link.expiresAt)} · {link.lastUsedAt ? `last opened ${fmt(link.lastUsedAt)}` : "not opened yet"}
                </p>
              </div>
              <div className="flex gap-2">
                <form action={createAction}>
                  <input type="hidden" name="clientId" value={clientId} />
                  <input type="hidden" name="holder" value={link.holderValue} />
                  <input type="hidden" name="replaces" value={link.id} />
                  <SubmitButton variant="secondary" pendingLabel="…">
                    Reissue
                  </SubmitButton>
                </form>
                <form action={revokeAction}>
                  <input type="hidden" name="clientId" value={clientId} />
                  <input type="hidden" name="linkId" value={link.id} />
                  <SubmitButton variant="danger" pendingLabel="…">
                    Revoke
                  </SubmitButton>
                </form>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted">No live links.</p>
      )}
      <form action={createAction} className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="clientId" value={clientId} />
        <SelectField name="holder" label="New link for">
          {holders.map((h) => (
            <option key={h.value} value={h.value} disabled={!h.allowed}>
              {h.label}
              {h.allowed ? "" : " (no consent to share)"}
            </option>
          ))}
        </SelectField>
        <SubmitButton variant="secondary" pendingLabel="Creating…">
          Create private link
        </SubmitButton>
      </form>
    </div>
  );
}
