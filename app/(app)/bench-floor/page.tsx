import type { Metadata } from "next";
import { requireActor } from "@/auth/session";
import { staffText } from "@/i18n/staff";
import { requireBenchFloor } from "@/lib/bench-floor";

const t = staffText("benchFloor");

export const metadata: Metadata = { title: t("title") };

/**
 * The benchmark's framework floor (npm run bench): the signed-in layout and session check of
 * every page, and nothing else. It reads no clinical data and is linked from nowhere, and it
 * answers 404 unless the benchmark started the server (see requireBenchFloor).
 */
export default async function BenchFloorPage() {
  await requireBenchFloor();
  await requireActor();
  return (
    <div className="space-y-2">
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="text-sm text-muted">{t("intro")}</p>
    </div>
  );
}
