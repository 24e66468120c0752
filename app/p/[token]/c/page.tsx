import Link from "next/link";
import { PortalCheckins } from "@/checkins/components/portal-checkins";
import { CrisisLine } from "@/portal/components/crisis-line";
import { requirePortalHolder } from "@/portal/page-context";

export default async function PortalCheckinList({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const holder = await requirePortalHolder(token, "checkins");
  return (
    <div className="space-y-6">
      <Link href={`/p/${token}`} className="text-sm text-muted hover:text-ink">
        ← Back to today
      </Link>
      <h1 className="text-2xl font-semibold tracking-tight">Check-ins</h1>
      <PortalCheckins holder={holder} token={token} always />
      <CrisisLine />
    </div>
  );
}
