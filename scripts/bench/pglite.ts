import type postgres from "postgres";

export interface PgliteResult {
  pgliteVersion: string;
  dataset: string;
  runs: number;
  queries: { name: string; postgresMs: number; pgliteMs: number }[];
}

export async function benchPglite(_sql: postgres.Sql, _seed: string): Promise<PgliteResult | undefined> {
  return undefined;
}
