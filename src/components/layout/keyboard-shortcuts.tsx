"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { buttonClass } from "@/components/ui/button";
import { staffText } from "@/i18n/staff";

const t = staffText("shell");

/** How long after `g` the second key of `g c` is waited for. */
const SEQUENCE_MS = 1500;
/** Set when `/` leaves for the caseload, so its search takes focus once it is drawn. */
const FOCUS_SEARCH_KEY = "attune-focus-search";

const searchField = () => document.querySelector<HTMLInputElement>('main form[role="search"] input[type="search"]');

/** A key pressed while typing belongs to the field, never to a shortcut. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !["checkbox", "radio", "button", "submit", "reset", "range", "color", "file"].includes(target.type);
  return false;
}

// `everywhere`: shown also where there is no caseload (the list itself and how to close it).
const shortcuts: { keys: string[]; what: string; everywhere?: true }[] = [
  { keys: ["/"], what: t("shortcutSearch") },
  { keys: ["g", "c"], what: t("shortcutCaseload") },
  { keys: ["?"], what: t("shortcutHelp"), everywhere: true },
  { keys: ["↑", "↓"], what: t("shortcutRows") },
  { keys: [t("keyEsc")], what: t("shortcutClose"), everywhere: true },
];

/**
 * The counselor's keyboard shortcuts: `/` search, `g c` caseload, `?` this list. None fires while
 * typing in a field, with Ctrl, Alt or ⌘ held, or while another dialog is open.
 */
export function KeyboardShortcuts({ caseload }: { caseload: boolean }) {
  const router = useRouter();
  const pathname = usePathname();
  const dialog = useRef<HTMLDialogElement>(null);
  const pendingG = useRef(0);

  useEffect(() => {
    if (sessionStorage.getItem(FOCUS_SEARCH_KEY) !== "1") return;
    const field = searchField();
    if (!field) return;
    sessionStorage.removeItem(FOCUS_SEARCH_KEY);
    field.focus();
  }, [pathname]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      if (isTyping(event.target)) return;
      if (document.querySelector("dialog[open]") && !dialog.current?.open) return;
      const afterG = Date.now() - pendingG.current < SEQUENCE_MS;
      pendingG.current = 0;
      if (event.key === "?") {
        event.preventDefault();
        if (!dialog.current?.open) dialog.current?.showModal();
        return;
      }
      if (dialog.current?.open) return;
      if (event.key === "/" && caseload) {
        event.preventDefault();
        const field = searchField();
        if (field) {
          field.focus();
          field.select();
        } else {
          sessionStorage.setItem(FOCUS_SEARCH_KEY, "1");
          router.push("/caseload");
        }
        return;
      }
      if (event.key === "g" && !event.shiftKey) {
        pendingG.current = Date.now();
        return;
      }
      if (event.key === "c" && afterG && caseload) {
        event.preventDefault();
        router.push("/caseload");
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [caseload, router]);

  const shown = caseload ? shortcuts : shortcuts.filter((s) => s.everywhere);
  return (
    <dialog ref={dialog} aria-labelledby="shortcuts-title" className="m-auto w-[min(30rem,calc(100%-2rem))] rounded-lg border border-line bg-white p-5 text-ink shadow-lg backdrop:bg-black/30">
      <h2 id="shortcuts-title" className="text-base font-semibold">
        {t("shortcutsTitle")}
      </h2>
      <p className="mt-1 text-sm text-muted">{t("shortcutsIntro")}</p>
      <dl className="mt-4 space-y-2 text-sm">
        {shown.map((s) => (
          <div key={s.keys.join(" ")} className="grid grid-cols-[6rem_1fr] items-baseline gap-3">
            <dt className="flex gap-1">
              {s.keys.map((k, i) => (
                <span key={k} className="contents">
                  {i > 0 ? <span className="sr-only">{t("keyThen")}</span> : null}
                  <kbd className="rounded border border-line bg-canvas px-1.5 py-0.5 font-mono text-xs">{k}</kbd>
                </span>
              ))}
            </dt>
            <dd>{s.what}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog" className="mt-5 flex justify-end">
        <button type="submit" className={buttonClass("secondary")} autoFocus>
          {t("close")}
        </button>
      </form>
    </dialog>
  );
}
