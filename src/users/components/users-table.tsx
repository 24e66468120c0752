import Link from "next/link";
import { roleLabels } from "@/auth/actor";
import { formatUtc } from "@/audit/components/format-time";
import { staffText } from "@/i18n/staff";
import type { UserListRow } from "../admin-queries";
import { UserStatusBadge } from "./user-status-badge";

const t = staffText("users");
const th = "sticky top-0 whitespace-nowrap border-b border-line bg-canvas px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-muted";
const td = "border-b border-line px-3 py-2.5 align-middle";

/** The organisation's people: a short list (hundreds at most), so a plain table without paging. */
export function UsersTable({ users, now }: { users: UserListRow[]; now: number }) {
  return (
    <div className="overflow-hidden rounded-lg border border-line bg-white">
      <div role="region" aria-labelledby="users-caption" tabIndex={0} className="overflow-x-auto">
        <table className="w-full border-separate border-spacing-0 text-sm">
          <caption id="users-caption" className="sr-only">
            {t("tableCaption")}
          </caption>
          <thead>
            <tr>
              <th scope="col" className={th}>{t("columnName")}</th>
              <th scope="col" className={th}>{t("columnStatus")}</th>
              <th scope="col" className={th}>{t("columnRole")}</th>
              <th scope="col" className={th}>{t("columnSupervisor")}</th>
              <th scope="col" className={`${th} hidden md:table-cell`}>{t("columnEmail")}</th>
              <th scope="col" className={th}>{t("columnLastSignIn")}</th>
              <th scope="col" className={`${th} text-right`}>{t("columnOpenClients")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className={u.status === "deactivated" ? "text-muted" : "hover:bg-brand-50/50"}>
                <td className={`${td} whitespace-nowrap`}>
                  <Link href={`/admin/users/${u.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                    <bdi>{u.name}</bdi>
                  </Link>
                  {/* On narrow screens the email column is hidden: it shows here instead. */}
                  <span className="block text-xs text-muted md:hidden">{u.email}</span>
                </td>
                <td className={`${td} whitespace-nowrap`}>
                  <UserStatusBadge status={u.status} inviteExpiresAt={u.inviteExpiresAt} now={now} />
                </td>
                <td className={`${td} whitespace-nowrap`}>{roleLabels[u.role]}</td>
                <td className={`${td} whitespace-nowrap`}>{u.supervisorName ?? "—"}</td>
                <td className={`${td} hidden whitespace-nowrap md:table-cell`}>{u.email}</td>
                <td className={`${td} whitespace-nowrap tabular-nums`}>{u.lastSignInAt ? formatUtc(u.lastSignInAt) : t("never")}</td>
                <td className={`${td} text-right tabular-nums`}>{u.role === "admin" && u.openClients === 0 ? "—" : u.openClients}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
