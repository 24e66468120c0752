import Link from "next/link";
import { staffText } from "@/i18n/staff";

const t = staffText("errors");

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <p className="text-sm font-medium text-muted">{t("notFoundCode")}</p>
      <h1 className="mt-2 text-2xl font-semibold">{t("notFoundTitle")}</h1>
      <p className="mt-3 text-sm text-muted">
        {t("notFoundBody")}
      </p>
      <Link href="/" className="mt-6 inline-block rounded-md border border-line bg-white px-4 py-2 text-sm font-medium hover:bg-canvas">
        {t("goHome")}
      </Link>
    </main>
  );
}
