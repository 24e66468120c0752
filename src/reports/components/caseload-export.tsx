"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { COUNSELOR_LOCALE } from "@/lib/date-format";
import { staffText } from "@/i18n/staff";

const t = staffText("reports");

type State = { kind: "idle" } | { kind: "preparing"; rows: number; total: number | null } | { kind: "ready"; url: string; name: string; rows: number } | { kind: "error"; message: string };

/**
 * Fetches the team caseload CSV as it streams and shows how many clients are done, then offers
 * the file to save. The server writes it in keyset batches, so a large team never waits on one query.
 */
export function CaseloadExport() {
  const [state, setState] = useState<State>({ kind: "idle" });

  async function prepare() {
    setState({ kind: "preparing", rows: 0, total: null });
    try {
      const response = await fetch("/api/team/caseload", { cache: "no-store" });
      if (!response.ok || !response.body) {
        const wait = response.headers.get("Retry-After");
        setState({ kind: "error", message: response.status === 429 ? t("tooManyExports", { wait: wait ?? t("aFew") }) : t("caseloadNotPrepared") });
        return;
      }
      const total = Number(response.headers.get("X-Row-Count") ?? "") || null;
      const name = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? "team-caseload.csv";
      const reader = response.body.getReader();
      const parts: Uint8Array<ArrayBuffer>[] = [];
      let lines = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value as Uint8Array<ArrayBuffer>);
        for (const byte of value) if (byte === 10) lines++;
        setState({ kind: "preparing", rows: Math.max(0, lines - 1), total });
      }
      const url = URL.createObjectURL(new Blob(parts, { type: "text/csv" }));
      setState({ kind: "ready", url, name, rows: Math.max(0, lines - 1) });
    } catch {
      setState({ kind: "error", message: t("connectionDropped") });
    }
  }

  return (
    <div className="space-y-2 rounded-lg border border-line bg-white p-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 className="text-base font-semibold">{t("caseloadExport")}</h2>
          <p className="text-sm text-muted">{t("caseloadExportIntro")}</p>
        </div>
        <Button variant="secondary" onClick={prepare} disabled={state.kind === "preparing"}>
          {state.kind === "preparing" ? t("preparing") : t("exportCaseloadCsv")}
        </Button>
      </div>
      <div aria-live="polite" className="text-sm">
        {state.kind === "preparing" ? (
          <div className="space-y-1">
            <progress className="w-full" max={state.total ?? undefined} value={state.rows} aria-label={t("caseloadExportProgress")} />
            <p>
              {state.total
                ? t("clientsPreparedOfTotal", { rows: state.rows.toLocaleString(COUNSELOR_LOCALE), total: state.total.toLocaleString(COUNSELOR_LOCALE) })
                : t("clientsPrepared", { rows: state.rows.toLocaleString(COUNSELOR_LOCALE) })}
            </p>
          </div>
        ) : null}
        {state.kind === "ready" ? (
          <p>
            {t("clientsReady", { rows: state.rows.toLocaleString(COUNSELOR_LOCALE) })}{" "}
            <a href={state.url} download={state.name} className="font-medium text-brand-800 underline">
              {t("saveFile", { name: state.name })}
            </a>
          </p>
        ) : null}
        {state.kind === "error" ? (
          <p role="alert" className="text-danger">
            {state.message}
          </p>
        ) : null}
      </div>
    </div>
  );
}
