import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/auth/session";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { clinicianOptions } from "@/users/admin-queries";
import { InviteForm } from "@/users/components/invite-form";

export const metadata: Metadata = { title: "Invite a user" };

export default async function InviteUserPage() {
  const actor = await requireActor(["admin"]);
  const people = await clinicianOptions(getDb(), actor);
  const supervisors = people.filter((p) => p.role === "supervisor").map((p) => ({ id: p.id, name: p.name }));
  return (
    <div className="max-w-3xl space-y-5">
      <header>
        <Link href="/admin/users" className="text-sm text-brand-700 underline-offset-2 hover:underline">
          ← Users
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight">Invite a user</h1>
        <p className="text-sm text-muted">
          Attune makes a one-time link that works for 7 days. The person opens it, chooses a password, then signs in.
        </p>
      </header>
      <Card>
        <InviteForm supervisors={supervisors} />
      </Card>
    </div>
  );
}
