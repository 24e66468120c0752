import { requireActor } from "@/auth/session";
import { AppShell } from "@/components/layout/app-shell";

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  return <AppShell actor={actor}>{children}</AppShell>;
}
