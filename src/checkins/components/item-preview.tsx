import type { PreviewItem } from "../import-preview";
import { formatScore } from "./score-parts";
import { staffText } from "@/i18n/staff";

const t = staffText("instrumentsClient");

/** Every item as Attune read it: type, answer codes and texts, and the weight each answer carries. */
export function ItemPreview({ items }: { items: PreviewItem[] }) {
  return (
    <div className="-mx-5 overflow-x-auto">
      <table className="w-full min-w-[40rem] text-sm">
        <thead>
          <tr className="border-b border-line text-left text-xs uppercase tracking-wide text-muted">
            <th scope="col" className="px-5 py-2 font-medium">{t("item")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("type")}</th>
            <th scope="col" className="px-5 py-2 font-medium">{t("answersCodeTextWeight")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {items.map((i) => (
            <tr key={i.linkId} className="align-top">
              <td className="px-5 py-2" style={{ paddingLeft: `${1.25 + i.depth}rem` }}>
                <span className="font-mono text-xs text-muted">{i.linkId}</span>
                <span className="block">{i.text ?? "—"}</span>
                {i.conditional ? <span className="text-xs text-muted">{t("askedOnlyUnderACondition")}</span> : null}
              </td>
              <td className="px-3 py-2 text-muted">
                {i.type}
                {i.scored ? <span className="block text-xs font-medium text-ok">{t("scored")}</span> : null}
              </td>
              <td className="px-5 py-2">
                {i.options.length ? (
                  <ul className="space-y-0.5">
                    {i.options.map((o) => (
                      <li key={o.code}>
                        <span className="font-mono text-xs">{o.code}</span>: {o.display ?? "—"}
                        {o.weight !== null ? <strong className="ml-1 tabular-nums">= {formatScore(o.weight)}</strong> : null}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="text-muted">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
