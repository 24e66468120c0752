import Link from "next/link";
import type { Actor } from "@/auth/actor";
import { openAlertCount } from "../queries";

/** For the client header: open critical alerts, as words, linking to the Check-ins tab. Nothing when none. */
export async function OpenAlertBadge({ actor, clientId }: { actor: Actor; clientId: string }) {
  const count = await openAlertCount(actor, clientId);
  if (count === 0) return null;
  return (
    <Link
      href={`/clients/${clientId}/checkins`}
      className="inline-flex items-center gap-1.5 rounded-md border border-danger/40 bg-danger-bg px-2.5 py-1 text-sm font-semibold text-danger hover:bg-danger-bg/70"
    >
      <span aria-hidden="true">!</span>
      {count === 1 ? "1 open alert" : `${count} open alerts`}: critical answer
    </Link>
  );
}
