import type { Metadata } from "next";
import { roleLabels } from "@/auth/actor";
import { requireActor } from "@/auth/session";
import { Card, CardTitle } from "@/components/ui/card";
import { ChangePasswordForm, ProfileNameForm } from "@/users/components/profile-forms";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfilePage() {
  const actor = await requireActor();
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Profile</h1>
        <p className="text-sm text-muted">
          {actor.email} · {roleLabels[actor.role]}
        </p>
      </header>
      <div className="grid gap-6 md:grid-cols-2">
        <Card>
          <CardTitle className="mb-4">Name</CardTitle>
          <ProfileNameForm name={actor.name} />
        </Card>
        <Card>
          <CardTitle className="mb-1">Password</CardTitle>
          <p className="mb-4 text-sm text-muted">Changing it signs you out everywhere, here included.</p>
          <ChangePasswordForm />
        </Card>
      </div>
    </div>
  );
}
