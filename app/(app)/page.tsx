import { redirect } from "next/navigation";
import { requireActor } from "@/auth/session";

/** Home is where the role works: the caseload for clinicians, the users page for administrators. */
export default async function HomePage() {
  const actor = await requireActor();
  redirect(actor.role === "admin" ? "/admin/users" : "/caseload");
}
