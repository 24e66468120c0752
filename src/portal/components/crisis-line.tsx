export function CrisisLine() {
  return (
    <aside aria-label="If you need help now" className="rounded-lg border border-warn/30 bg-warn-bg px-4 py-3 text-sm text-ink">
      <p className="font-semibold">Need help right now?</p>
      <p className="mt-1">
        If you are in crisis or thinking about harming yourself, call or text <strong>988</strong> (Suicide &amp; Crisis Lifeline, US) or your
        local emergency number. This page is not watched in real time, so do not use it to ask for urgent help.
      </p>
    </aside>
  );
}
