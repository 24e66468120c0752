import "server-only";
import { notFound } from "next/navigation";
import { connection } from "next/server";

/**
 * The benchmark's floor pages (/bench-floor, /clients/<id>/bench-floor) exist only on a server
 * the benchmark started (scripts/bench/server.ts sets ATTUNE_BENCH_FLOOR=1); everywhere else
 * they answer 404 like any page that is not there.
 */
export async function requireBenchFloor(): Promise<void> {
  // Read at request time, not when the page is built.
  await connection();
  if (process.env.ATTUNE_BENCH_FLOOR !== "1") notFound();
}
