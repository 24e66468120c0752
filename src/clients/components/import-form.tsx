"use client";

import { useActionState, useState } from "react";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { idleState } from "@/lib/form-state";
import { commitImportAction, previewImportAction } from "../actions";
import type { ImportPreview } from "../import";
import { staffText } from "@/i18n/staff";

const t = staffText("importClients");

export function ImportForm({ columns }: { columns: readonly string[] }) {
  const [csv, setCsv] = useState("");
  const [fileName, setFileName] = useState("");
  const [preview, previewAction] = useActionState(previewImportAction, idleState);
  const [commit, commitAction] = useActionState(commitImportAction, idleState);
  const result = preview.data as ImportPreview | undefined;
  const ready = result && !result.fileErrors.length && result.invalid === 0 && preview.values?.csv === csv;
  return (
    <div className="space-y-6">
      <form action={previewAction} className="space-y-4">
        <FormMessage state={preview} />
        <div>
          <label htmlFor="import-file" className="block text-sm font-medium">
            {t("csvFile")}
          </label>
          <p id="import-hint" className="text-xs text-muted">
            {t("fileHint", { columns: columns.join(", ") })}
          </p>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby="import-hint"
            className="mt-2 block text-sm"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              setFileName(file?.name ?? "");
              setCsv(file ? await file.text() : "");
            }}
          />
        </div>
        <input type="hidden" name="csv" value={csv} />
        <SubmitButton variant="secondary" pendingLabel={t("checking")}>
          {t("checkTheFile")}
        </SubmitButton>
        {preview.fieldErrors?.csv ? <p className="text-sm text-danger">{preview.fieldErrors.csv.join(" ")}</p> : null}
      </form>

      {result && result.fileErrors.length ? (
        <ul className="list-disc pl-5 text-sm text-danger">
          {result.fileErrors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}

      {result && result.rows.length ? (
        <div className="overflow-x-auto rounded-md border border-line bg-white">
          <table className="w-full text-left text-sm">
            <caption className="px-3 py-2 text-left font-medium">
              {t("previewCaption", { file: fileName || t("theFile"), valid: String(result.valid), invalid: String(result.invalid) })}
            </caption>
            <thead className="border-b border-line bg-canvas text-xs uppercase tracking-wide text-muted">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">{t("line")}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t("name")}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t("record")}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t("result")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {result.rows.map((row) => (
                <tr key={row.line}>
                  <td className="px-3 py-2 tabular-nums">{row.line}</td>
                  <td className="px-3 py-2">{row.name}</td>
                  <td className="px-3 py-2">{row.recordNumber}</td>
                  <td className="px-3 py-2">
                    {row.errors.length ? (
                      <ul className="text-danger">
                        {row.errors.map((e) => (
                          <li key={e}>{e}</li>
                        ))}
                      </ul>
                    ) : (
                      <span className="text-ok">{t("ready")}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {ready ? (
        <form action={commitAction} className="space-y-3">
          <input type="hidden" name="csv" value={csv} />
          <p className="text-sm">{t("allRowsValid", { count: String(result.valid) })}</p>
          <SubmitButton pendingLabel={t("importing")}>{t("importCount", { count: String(result.valid) })}</SubmitButton>
          <FormMessage state={commit} />
        </form>
      ) : null}
    </div>
  );
}
