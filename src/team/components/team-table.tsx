import Link from "next/link";
import { formatUtc } from "@/audit/components/format-time";
import { Badge } from "@/components/ui/badge";
import { staffText } from "@/i18n/staff";
import type { TeamMember } from "../queries";

const t = staffText("team");
const th = "whitespace-nowrap border-b border-line bg-canvas px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-muted";
const num = "border-b border-line px-3 py-2.5 text-right tabular-nums";

export function TeamTable({ members }: { members: TeamMember[] }) {
  const total = members.reduce((sum, m) => sum + m.caseload, 0);
  return (
    <div className="overflow-hidden rounded-lg border border-line bg-white">
      <div role="region" aria-labelledby="team-caption" tabIndex={0} className="overflow-x-auto">
        <table className="w-full border-separate border-spacing-0 text-sm">
          <caption id="team-caption" className="sr-only">
            {t("tableCaption")}
          </caption>
          <thead>
            <tr>
              <th scope="col" className={th}>{t("columnCounselor")}</th>
              <th scope="col" className={`${th} text-right`}>{t("columnCaseload")}</th>
              <th scope="col" className={`${th} text-right`}>{t("columnIntake")}</th>
              <th scope="col" className={`${th} text-right`}>{t("columnActive")}</th>
              <th scope="col" className={`${th} text-right`}>{t("columnOnHold")}</th>
              <th scope="col" className={th}>{t("columnLastSignIn")}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id} className="hover:bg-brand-50/50">
                <th scope="row" className="whitespace-nowrap border-b border-line px-3 py-2.5 text-left font-normal">
                  <Link href={`/clients?counselor=${m.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                    <bdi>{m.name}</bdi>
                  </Link>
                  {m.status === "invited" ? (
                    <Badge tone="brand" className="ml-2">
                      {t("invited")}
                    </Badge>
                  ) : null}
                  {m.role === "supervisor" ? <span className="ml-2 text-xs text-muted">{t("supervisor")}</span> : null}
                </th>
                <td className={`${num} font-semibold`}>{m.caseload}</td>
                <td className={num}>{m.intake}</td>
                <td className={num}>{m.active}</td>
                <td className={num}>{m.onHold}</td>
                <td className="whitespace-nowrap border-b border-line px-3 py-2.5 tabular-nums">{m.lastSignInAt ? formatUtc(m.lastSignInAt) : t("never")}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" className="px-3 py-2.5 text-left text-sm font-semibold">
                {t("teamTotal")}
              </th>
              <td className="px-3 py-2.5 text-right font-semibold tabular-nums">{total}</td>
              <td colSpan={4} />
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}
