import Link from "next/link";
import { signOutAction } from "@/auth/actions";
import { roleLabels, type Actor } from "@/auth/actor";
import { IDLE_TIMEOUT_SECONDS } from "@/auth/policy";
import { staffText } from "@/i18n/staff";
import { IdleWatcher } from "./idle-watcher";
import { KeyboardShortcuts } from "./keyboard-shortcuts";
import { navFor } from "./nav-items";
import { NavLinks } from "./nav-links";

const t = staffText("shell");

function Brand() {
  return (
    <Link href="/" className="flex items-center gap-2.5 rounded-md px-1">
      <svg aria-hidden="true" viewBox="0 0 32 32" className="h-7 w-7">
        <rect width="32" height="32" rx="7" fill="#2f6f68" />
        <path d="M6 20c3-8 6-8 10 0s7 8 10 0" fill="none" stroke="#fff" strokeWidth="2.6" strokeLinecap="round" />
      </svg>
      <span className="text-lg font-semibold tracking-tight">{t("appName")}</span>
    </Link>
  );
}

function SignOut() {
  return (
    <form action={signOutAction.bind(null, "signed_out")}>
      <button type="submit" className="rounded-md px-3 py-1.5 text-sm font-medium text-ink/80 hover:bg-black/5 hover:text-ink">
        {t("signOut")}
      </button>
    </form>
  );
}

export function AppShell({ actor, children }: { actor: Actor; children: React.ReactNode }) {
  const items = navFor(actor.role).map(({ href, label }) => ({ href, label }));
  return (
    <div className="min-h-screen lg:grid lg:grid-cols-[15rem_1fr]">
      <a href="#main" className="skip-link">
        {t("skipToContent")}
      </a>
      <aside className="hidden border-r border-line bg-white lg:flex lg:min-h-screen lg:flex-col">
        <div className="px-4 py-5">
          <Brand />
        </div>
        <nav aria-label={t("mainNav")} className="flex-1 px-3">
          <NavLinks items={items} />
        </nav>
        <div className="border-t border-line px-4 py-4">
          <p className="truncate text-sm font-medium" title={actor.name}>
            <bdi>{actor.name}</bdi>
          </p>
          <p className="text-xs text-muted">{roleLabels[actor.role]}</p>
          <div className="-mx-3 mt-2">
            <SignOut />
          </div>
        </div>
      </aside>
      <header className="border-b border-line bg-white lg:hidden">
        <div className="flex items-center justify-between px-4 py-3">
          <Brand />
          <div className="flex items-center gap-2">
            <span className="text-right text-xs leading-tight">
              <span className="block font-medium">{actor.name}</span>
              <span className="text-muted">{roleLabels[actor.role]}</span>
            </span>
            <SignOut />
          </div>
        </div>
        <nav aria-label={t("mainNav")} className="px-3 pb-2">
          <NavLinks items={items} orientation="horizontal" />
        </nav>
      </header>
      <main id="main" className="min-w-0 px-4 py-6 sm:px-8 lg:py-8">
        <div className="mx-auto max-w-6xl">{children}</div>
      </main>
      <IdleWatcher idleSeconds={IDLE_TIMEOUT_SECONDS} />
      <KeyboardShortcuts caseload={items.some((i) => i.href === "/caseload")} />
    </div>
  );
}
