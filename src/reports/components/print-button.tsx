"use client";

import { Button } from "@/components/ui/button";
import { staffText } from "@/i18n/staff";

const t = staffText("reports");

export function PrintButton() {
  return (
    <Button variant="secondary" className="no-print" onClick={() => window.print()}>
      {t("print")}
    </Button>
  );
}
