import { redirect } from "next/navigation";
import { requireActor } from "@/auth/session";

export default async function AdminHome() {
  await requireActor(["admin"]);
  redirect("/admin/users");
}
