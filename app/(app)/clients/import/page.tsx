import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/auth/session";
import { ImportForm } from "@/clients/components/import-form";
import { IMPORT_COLUMNS } from "@/clients/import";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: "Import clients" };

export default async function ImportClientsPage() {
  await requireActor(["counselor", "supervisor"]);
  return (
    <div className="space-y-6">
      <header>
        <Link href="/clients" className="text-sm text-muted hover:text-ink">
          ← Clients
        </Link>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">Import clients from CSV</h1>
        <p className="text-sm text-muted">Check the file first: you see every row&apos;s problems before anything is written, and the import is all or nothing.</p>
      </header>
      <Card>
        <ImportForm columns={IMPORT_COLUMNS} />
      </Card>
    </div>
  );
}
