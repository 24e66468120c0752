"use client";

import { useEffect, useState } from "react";
import { ACTION_BODY_LIMIT_BYTES, TOO_LARGE_MESSAGE } from "@/lib/body-limit";

// Room for the multipart framing and Next.js's own fields.
const MARGIN_BYTES = 16 * 1024;

function textControls(form: HTMLFormElement): (HTMLInputElement | HTMLTextAreaElement)[] {
  return [...form.elements].filter((el): el is HTMLInputElement | HTMLTextAreaElement => el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement);
}

/**
 * Stops a form whose text is over the server's limit before it is sent, and says so beside the
 * longest field (the browser's own validation message) or, when that field is not visible, in an
 * alert. Listens on the window in the capture phase, ahead of React's form actions, so it needs
 * nothing from each form.
 */
export function SubmitSizeGuard() {
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    const encoder = new TextEncoder();
    const onSubmit = (event: SubmitEvent) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement)) return;
      setMessage(null);
      let total = 0;
      let longest: { control: HTMLInputElement | HTMLTextAreaElement; bytes: number; visible: boolean } | null = null;
      for (const control of textControls(form)) {
        if (!control.name || control.type === "file") continue;
        const bytes = encoder.encode(control.value).length + encoder.encode(control.name).length;
        total += bytes;
        const visible = control.type !== "hidden" && control.getClientRects().length > 0;
        if (visible && (!longest || bytes > longest.bytes)) longest = { control, bytes, visible };
      }
      if (total <= ACTION_BODY_LIMIT_BYTES - MARGIN_BYTES) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      if (longest) {
        const { control } = longest;
        control.setCustomValidity(TOO_LARGE_MESSAGE);
        control.reportValidity();
        control.addEventListener("input", () => control.setCustomValidity(""), { once: true });
      } else {
        setMessage(TOO_LARGE_MESSAGE);
      }
    };
    window.addEventListener("submit", onSubmit, true);
    return () => window.removeEventListener("submit", onSubmit, true);
  }, []);
  return (
    <div role="alert" className={message ? "fixed inset-x-4 bottom-4 z-50 rounded-md border border-danger/30 bg-danger-bg px-3 py-2 text-sm text-danger" : "sr-only"}>
      {message}
    </div>
  );
}
