import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { requireActor } from "@/auth/session";
import { Card, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { staffText } from "@/i18n/staff";
import { CrisisLinesForm } from "@/portal/components/crisis-lines-form";
import { organisationCrisisLines } from "@/portal/crisis";
import { CRISIS_DEFAULTS, countryCodes, countryOptions } from "@/portal/crisis-defaults";

const t = staffText("adminCrisis");

export const metadata: Metadata = { title: t("title") };

const searchSchema = z.object({ country: z.string().regex(/^[A-Z]{2}$/).optional().catch(undefined) });

export default async function CrisisLinesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor(["admin"]);
  const { country: asked } = searchSchema.parse(await searchParams);
  const country = asked && countryCodes().includes(asked) ? asked : "US";
  const names = new Intl.DisplayNames(["en"], { type: "region" });
  const own = await organisationCrisisLines(getDb(), actor.organisationId);
  const forCountry = own.filter((l) => l.country === country);
  const builtIn = CRISIS_DEFAULTS[country];
  const configured = [...new Set(own.map((l) => l.country))];
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1 max-w-prose text-sm text-muted">
          {t("intro")}
        </p>
      </header>
      <form method="get" className="flex items-end gap-2">
        <label className="text-sm">
          <span className="mb-1 block font-medium">{t("country")}</span>
          <select name="country" defaultValue={country} className="rounded-md border border-line bg-white px-3 py-2 text-sm">
            {countryOptions().map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-md border border-line bg-white px-3 py-2 text-sm font-medium">
          {t("show")}
        </button>
      </form>
      {configured.length ? (
        <p className="text-sm">
          {t("setByOrganisation")}{" "}
          {configured.map((c, i) => (
            <span key={c}>
              {i ? ", " : ""}
              <Link href={`/admin/crisis-lines?country=${c}`} className="text-brand-800 underline">
                {names.of(c)}
              </Link>
            </span>
          ))}
        </p>
      ) : null}
      <Card>
        <CardTitle>{t("builtInFor", { country: names.of(country) ?? "" })}</CardTitle>
        {builtIn ? (
          <ul className="mt-2 list-disc pl-5 text-sm">
            {builtIn.lines.map((l) => (
              <li key={l.name}>
                {t("line", { name: l.name, text: l.text ? "yes" : "no", phone: l.phone, allDay: l.allDay ? "yes" : "no" })}
              </li>
            ))}
            <li>{t("emergency", { number: builtIn.emergency })}</li>
          </ul>
        ) : (
          <p className="mt-2 text-sm text-muted">{t("noneBuiltIn")}</p>
        )}
        <p className="mt-2 text-sm text-muted">{forCountry.length ? t("ownReplace") : t("builtInShow")}</p>
      </Card>
      <Card>
        <CardTitle className="mb-3">{t("ownLinesFor", { country: names.of(country) ?? "" })}</CardTitle>
        <CrisisLinesForm key={country} country={country} countryName={names.of(country) ?? country} lines={forCountry.map((l) => ({ name: l.name, contact: l.contact, hours: l.hours ?? "" }))} />
      </Card>
    </div>
  );
}
