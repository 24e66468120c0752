import type { Metadata } from "next";
import Link from "next/link";
import { formatUtc } from "@/audit/components/format-time";
import { auditView } from "@/audit/view";
import { requireActor } from "@/auth/session";
import { buttonClass } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { inputClass } from "@/components/ui/form";
import { getDb } from "@/db/client";
import { staffText } from "@/i18n/staff";
import { messageKind, messageState } from "@/db/schema/messages";
import { deliveryNote, MessageStateBadge } from "@/messaging/components/message-state";
import { MessageSettingsForm } from "@/messaging/components/message-settings-form";
import { MessagesTable } from "@/messaging/components/messages-table";
import { messageSettingsOf } from "@/messaging/org-settings";
import { mailConfig } from "@/messaging/config";
import { messageKindLabels, messageStateLabels } from "@/messaging/labels";
import { getOrgMessage, listOrgMessages, messageFilterKeys, parseMessageFilters, type MessageFilters } from "@/messaging/queries";

const t = staffText("adminMessages");

export const metadata: Metadata = { title: t("title") };

function hrefWith(filters: MessageFilters, change: Partial<MessageFilters>): string {
  const next = { ...filters, ...change };
  const params = new URLSearchParams();
  for (const key of Object.keys(messageFilterKeys) as (keyof MessageFilters)[]) {
    const value = next[key];
    if (value) params.set(messageFilterKeys[key], value);
  }
  const query = params.toString();
  return `/admin/messages${query ? `?${query}` : ""}`;
}

export default async function MessagesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor(["admin"]);
  const filters = parseMessageFilters(await searchParams);
  const [list, open, settings] = await Promise.all([
    listOrgMessages(getDb(), actor, filters),
    filters.message ? getOrgMessage(getDb(), actor, filters.message) : null,
    messageSettingsOf(getDb(), actor.organisationId),
  ]);
  // Reading a message is audited; the event names the message, never its text.
  if (open) await auditView(getDb(), actor, { action: "message.view", entityType: "message", entityId: open.id, detail: { kind: open.kind, state: open.state } });
  let outboxOnly = false;
  try {
    outboxOnly = mailConfig().mode === "outbox";
  } catch {
    outboxOnly = false;
  }
  return (
    <div className="space-y-5">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="max-w-3xl text-sm text-muted">
          {t("intro")}{" "}
          {outboxOnly
            ? t("outboxOnly")
            : t("textKeptUntilAccepted")}
        </p>
      </header>
      <Card>
        <CardTitle className="mb-1">{t("settingsTitle")}</CardTitle>
        <p className="mb-3 text-sm text-muted">{t("settingsIntro")}</p>
        <MessageSettingsForm
          values={{ senderName: settings.senderName, signature: settings.signature, quietStart: settings.quiet.start, quietEnd: settings.quiet.end, reminderHour: settings.reminderHour }}
        />
      </Card>
      <form method="get" action="/admin/messages" className="flex flex-wrap items-end gap-3 rounded-lg border border-line bg-white p-3">
        <label className="text-sm">
          <span className="mb-1 block font-medium">{t("state")}</span>
          <select name={messageFilterKeys.state} defaultValue={filters.state ?? ""} className={inputClass}>
            <option value="">{t("any")}</option>
            {messageState.enumValues.map((s) => (
              <option key={s} value={s}>
                {messageStateLabels[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">{t("kind")}</span>
          <select name={messageFilterKeys.kind} defaultValue={filters.kind ?? ""} className={inputClass}>
            <option value="">{t("any")}</option>
            {messageKind.enumValues.map((k) => (
              <option key={k} value={k}>
                {messageKindLabels[k]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={buttonClass("secondary")}>
          {t("filter")}
        </button>
        {filters.state || filters.kind ? (
          <Link href="/admin/messages" className="text-sm text-brand-700 underline-offset-2 hover:underline">
            {t("clearFilters")}
          </Link>
        ) : null}
      </form>
      {filters.message && !open ? <p className="text-sm text-muted">{t("notHere")}</p> : null}
      {open ? (
        <Card>
          <div className="mb-3 flex flex-wrap items-start justify-between gap-2">
            <CardTitle>{open.subject}</CardTitle>
            <Link href={hrefWith(filters, { message: undefined })} className="text-sm text-brand-700 underline-offset-2 hover:underline">
              {t("close")}
            </Link>
          </div>
          <dl className="mb-4 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-muted">{t("from")}</dt>
            <dd>{open.sender}</dd>
            <dt className="text-muted">{t("to")}</dt>
            <dd>{open.recipient}</dd>
            <dt className="text-muted">{t("kind")}</dt>
            <dd>{messageKindLabels[open.kind]}</dd>
            <dt className="text-muted">{t("state")}</dt>
            <dd>
              <MessageStateBadge state={open.state} /> <span className="text-muted">{deliveryNote(open)}</span>
            </dd>
            <dt className="text-muted">{t("created")}</dt>
            <dd>{formatUtc(open.createdAt)}</dd>
            <dt className="text-muted">{t("job")}</dt>
            <dd className="font-mono text-xs">{open.jobKey}</dd>
            <dt className="text-muted">{t("attempts")}</dt>
            <dd>{open.attempts}</dd>
          </dl>
          {open.bodyText ? (
            <>
              <h3 className="mb-1 text-sm font-semibold">{t("text")}</h3>
              <pre className="mb-4 whitespace-pre-wrap rounded-md border border-line bg-canvas p-3 text-sm">{open.bodyText}</pre>
              <details>
                <summary className="cursor-pointer text-sm font-semibold">{t("htmlPart")}</summary>
                <pre className="mt-2 max-h-64 overflow-auto whitespace-pre-wrap break-all rounded-md border border-line bg-canvas p-3 text-xs">{open.bodyHtml}</pre>
              </details>
            </>
          ) : (
            <p className="text-sm text-muted">{t("textCleared")}</p>
          )}
        </Card>
      ) : null}
      <MessagesTable rows={list.rows} openHref={(id) => hrefWith(filters, { message: id })} />
      {list.nextBefore ? (
        <Link href={hrefWith(filters, { before: list.nextBefore, message: undefined })} className={buttonClass("secondary")}>
          {t("olderMessages")}
        </Link>
      ) : null}
    </div>
  );
}
