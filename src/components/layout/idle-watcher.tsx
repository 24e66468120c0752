"use client";

import { useEffect, useRef, useState } from "react";
import { signOutAction } from "@/auth/actions";
import { Button } from "@/components/ui/button";
import { staffText } from "@/i18n/staff";

const t = staffText("shell");

const ACTIVITY_KEY = "attune-last-activity";
// Focus changes are not counted: the warning itself moves focus, and that is not the person.
const EVENTS = ["pointerdown", "keydown", "wheel", "touchstart"] as const;

/**
 * Explains and anticipates the server's idle limit: warns a minute or two before, keeps the
 * session alive while the person is busy typing (which makes no requests), and signs out
 * when the time is up. The server enforces the limit regardless.
 */
export function IdleWatcher({ idleSeconds, warnSeconds = 120 }: { idleSeconds: number; warnSeconds?: number }) {
  const lastActivity = useRef(0);
  const lastRefresh = useRef(0);
  const [remaining, setRemaining] = useState<number | null>(null);
  const signingOut = useRef(false);

  useEffect(() => {
    lastActivity.current = Date.now();
    lastRefresh.current = Date.now();
    const mark = () => {
      lastActivity.current = Date.now();
      try {
        localStorage.setItem(ACTIVITY_KEY, String(lastActivity.current));
      } catch {
        // Storage may be unavailable (private mode); this tab's own activity still counts.
      }
    };
    for (const event of EVENTS) window.addEventListener(event, mark, { passive: true });
    const tick = window.setInterval(() => {
      const shared = Number(localStorage.getItem(ACTIVITY_KEY) ?? 0);
      const last = Math.max(lastActivity.current, Number.isFinite(shared) ? shared : 0);
      const now = Date.now();
      const left = Math.round((last + idleSeconds * 1000 - now) / 1000);
      if (left <= 0) {
        if (!signingOut.current) {
          signingOut.current = true;
          void signOutAction("idle");
        }
        return;
      }
      setRemaining(left <= warnSeconds ? left : null);
      // Activity that made no request (typing a long note) still counts: refresh the token.
      if (last > lastRefresh.current && now - lastRefresh.current > 60_000) {
        lastRefresh.current = now;
        void fetch("/api/auth/session", { credentials: "same-origin", cache: "no-store" });
      }
    }, 1000);
    return () => {
      for (const event of EVENTS) window.removeEventListener(event, mark);
      window.clearInterval(tick);
    };
  }, [idleSeconds, warnSeconds]);

  if (remaining === null) return null;
  const minutes = Math.floor(remaining / 60);
  const seconds = String(remaining % 60).padStart(2, "0");
  return (
    <div role="alertdialog" aria-labelledby="idle-title" aria-describedby="idle-text" className="fixed inset-x-0 bottom-4 z-50 mx-auto w-[min(32rem,calc(100%-2rem))] rounded-lg border border-warn/30 bg-white p-4 shadow-lg">
      <p id="idle-title" className="font-semibold text-ink">
        {t("idleTitle")}
      </p>
      <p id="idle-text" className="mt-1 text-sm text-muted">
        {t("idleText", { minutes: String(minutes), seconds })}
      </p>
      <div className="mt-3 flex gap-2">
        <Button
          autoFocus
          onClick={() => {
            lastActivity.current = Date.now();
            lastRefresh.current = Date.now();
            setRemaining(null);
            void fetch("/api/auth/session", { credentials: "same-origin", cache: "no-store" });
          }}
        >
          {t("staySignedIn")}
        </Button>
        <Button variant="secondary" onClick={() => void signOutAction("signed_out")}>
          {t("signOutNow")}
        </Button>
      </div>
    </div>
  );
}
