import type { Metadata } from "next";
import { connection } from "next/server";
import { buttonClass } from "@/components/ui/button";
import { AuthCard } from "@/users/components/auth-card";

// The token is in the path: never send it on as a referrer.
export const metadata: Metadata = { title: "Stop these emails", referrer: "no-referrer" };

/**
 * Where an email's "Stop these emails" link leads. Opening it changes nothing (mail scanners open
 * links); the button does, through the same address mail programs use for one-click unsubscribe.
 */
export default async function UnsubscribePage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const { token } = await params;
  const done = (await searchParams).saved === "1";
  return (
    <AuthCard title={done ? "You are unsubscribed" : "Stop these emails"}>
      {done ? (
        <p className="text-sm">You will not receive these emails any more. If you change your mind, tell the person who works with you.</p>
      ) : (
        <form method="post" action={`/api/unsubscribe/${encodeURIComponent(token)}`} className="space-y-4">
          <p className="text-sm">Stop receiving emails about new things waiting for you? You can still open your private link.</p>
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <button type="submit" className={buttonClass("primary")}>
            Stop these emails
          </button>
        </form>
      )}
    </AuthCard>
  );
}
