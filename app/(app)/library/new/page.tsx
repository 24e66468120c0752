import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/auth/session";
import { Card } from "@/components/ui/card";
import { CustomExerciseForm } from "@/exercises/components/custom-exercise-form";
import { staffText } from "@/i18n/staff";

const t = staffText("library");

export const metadata: Metadata = { title: t("newTitle") };

const example = `---
id: gratitude-moment
title: One moment worth keeping
kind: journal
audience: client
minutes: 5
purpose: Notice one small moment today that felt even slightly good, and where you felt it.
version: 1
fields:
  - id: moment
    type: long_text
    label: What happened?
    required: true
  - id: body
    type: body_area
    label: Where did you notice it in your body?
  - id: strength
    type: scale_0_10
    label: How strong was it?
    minLabel: barely there
    maxLabel: very strong
---
Think back over today and pick one moment, however small, that felt a little lighter than the rest.
`;

export default async function NewExercisePage() {
  await requireActor(["admin"]);
  return (
    <div className="space-y-6">
      <header>
        <Link href="/library" className="text-sm text-muted hover:text-ink">
          {t("backToLibrary")}
        </Link>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">{t("newHeading")}</h1>
        <p className="text-sm text-muted">{t("newIntro")}</p>
      </header>
      <Card>
        <CustomExerciseForm example={example} />
      </Card>
    </div>
  );
}
