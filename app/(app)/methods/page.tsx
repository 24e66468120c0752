import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Metadata } from "next";
import { requireActor } from "@/auth/session";
import { Markdown } from "@/docs/markdown";
import { staffText } from "@/i18n/staff";

export const metadata: Metadata = { title: staffText("methods")("title") };

/**
 * The methods page: docs/expected-recovery.md, the one definition of every number on the trends
 * page and the caseload, shown as it is written (the same file a developer reads). Nothing
 * clinical about any client here, so anyone signed in may read it.
 */
export default async function MethodsPage() {
  await requireActor();
  const source = await readFile(path.join(process.cwd(), "docs", "expected-recovery.md"), "utf8");
  return (
    <article className="rounded-lg border border-line bg-white p-6">
      <Markdown source={source} />
    </article>
  );
}
