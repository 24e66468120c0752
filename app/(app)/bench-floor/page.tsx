import type { Metadata } from "next";
import { requireActor } from "@/auth/session";
import { requireBenchFloor } from "@/lib/bench-floor";

export const metadata: Metadata = { title: "Benchmark floor" };

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
      <h1 className="text-2xl font-semibold tracking-tight">Benchmark floor</h1>
      <p className="text-sm text-muted">This page is intentionally empty: the benchmark measures what a signed-in page costs before any data is read.</p>
    </div>
  );
}
