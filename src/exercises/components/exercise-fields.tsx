"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { FieldError, inputClass } from "@/components/ui/form";
import { cn } from "@/components/ui/cn";
import type { ExerciseDefinition, ExerciseField } from "../schemas";
import { BODY_AREAS, EMOTION_FAMILIES, EMOTIONS, UNNAMED_EMOTION } from "../vocabulary";

export type DraftAnswers = Record<string, string | string[]>;

interface FieldProps {
  field: ExerciseField;
  value: string | string[] | undefined;
  errors?: string[];
  onChange: (value: string | string[]) => void;
  disabled?: boolean;
}

function Label({ htmlFor, field, as = "label" }: { htmlFor?: string; field: ExerciseField; as?: "label" | "legend" }) {
  const Tag = as;
  const t = useTranslations("form");
  return (
    <Tag htmlFor={as === "label" ? htmlFor : undefined} className="block text-base font-medium text-ink">
      {field.label}
      {field.required ? <span className="text-sm font-normal text-muted"> {t("needed")}</span> : null}
    </Tag>
  );
}

function Help({ id, text }: { id: string; text?: string }) {
  return text ? (
    <p id={id} className="mt-0.5 text-sm text-muted">
      {text}
    </p>
  ) : null;
}

function Scale({ field, value, errors, onChange, disabled, min, max, step }: FieldProps & { min: number; max: number; step: number }) {
  const id = useId();
  const t = useTranslations("form");
  const current = typeof value === "string" ? value : "";
  const minLabel = field.type === "scale_0_10" ? field.minLabel : undefined;
  const maxLabel = field.type === "scale_0_10" ? field.maxLabel : undefined;
  return (
    <div>
      <Label htmlFor={id} field={field} />
      <Help id={`${id}-help`} text={field.help} />
      <div className="mt-2 flex items-center gap-3">
        <input
          id={id}
          type="range"
          min={min}
          max={max}
          step={step}
          value={current === "" ? String(Math.round((min + max) / 2)) : current}
          aria-describedby={field.help ? `${id}-help` : undefined}
          aria-invalid={errors?.length ? true : undefined}
          aria-valuetext={current === "" ? t("notAnsweredYet") : current}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value)}
          className={cn("h-8 flex-1 accent-brand-600", current === "" && "opacity-50")}
        />
        <output htmlFor={id} className="w-12 rounded border border-line bg-white py-1 text-center text-base tabular-nums">
          {current === "" ? "–" : current}
        </output>
      </div>
      {minLabel || maxLabel ? (
        <div className="mt-1 flex justify-between text-xs text-muted">
          <span>{minLabel}</span>
          <span>{maxLabel}</span>
        </div>
      ) : null}
      {current === "" ? <p className="mt-1 text-xs text-muted">{t("moveSlider")}</p> : null}
      <FieldError id={`${id}-error`} errors={errors} />
    </div>
  );
}

function Choices({ field, value, errors, onChange, disabled, options }: FieldProps & { options: { value: string; label: string }[] }) {
  const id = useId();
  const selected = Array.isArray(value) ? value : [];
  return (
    <fieldset aria-describedby={field.help ? `${id}-help` : undefined}>
      <Label field={field} as="legend" />
      <Help id={`${id}-help`} text={field.help} />
      <div className="mt-2 grid gap-2 sm:grid-cols-2">
        {options.map((o) => (
          <label key={o.value} className="flex min-h-11 items-center gap-3 rounded-md border border-line bg-white px-3 py-2 text-base has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
            <input
              type="checkbox"
              className="h-5 w-5 accent-brand-600"
              checked={selected.includes(o.value)}
              disabled={disabled}
              onChange={(e) => onChange(e.target.checked ? [...selected, o.value] : selected.filter((v) => v !== o.value))}
            />
            {o.label}
          </label>
        ))}
      </div>
      <FieldError id={`${id}-error`} errors={errors} />
    </fieldset>
  );
}

function ExerciseFieldInput(props: FieldProps) {
  const { field, value, errors, onChange, disabled } = props;
  const id = useId();
  const t = useTranslations();
  const text = typeof value === "string" ? value : "";
  const describedBy = [field.help ? `${id}-help` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  switch (field.type) {
    case "short_text":
    case "long_text": {
      const max = field.maxLength;
      return (
        <div>
          <Label htmlFor={id} field={field} />
          <Help id={`${id}-help`} text={field.help} />
          {field.type === "long_text" ? (
            <textarea id={id} rows={4} maxLength={max} value={text} disabled={disabled} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value)} className={cn(inputClass, "mt-2 text-base")} />
          ) : (
            <input id={id} type="text" maxLength={max} value={text} disabled={disabled} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value)} className={cn(inputClass, "mt-2 text-base")} />
          )}
          {text.length > max * 0.8 ? <p className="mt-1 text-xs text-muted">{t("form.charactersUsed", { length: String(text.length), max: String(max) })}</p> : null}
          <FieldError id={`${id}-error`} errors={errors} />
        </div>
      );
    }
    case "scale_0_10":
      return <Scale {...props} min={0} max={10} step={1} />;
    case "intensity_0_100":
      return <Scale {...props} min={0} max={100} step={5} />;
    case "duration_minutes":
      return (
        <div>
          <Label htmlFor={id} field={field} />
          <Help id={`${id}-help`} text={field.help} />
          <div className="mt-2 flex items-center gap-2">
            <input id={id} type="number" inputMode="numeric" min={0} max={240} value={text} disabled={disabled} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value)} className={cn(inputClass, "w-28 text-base")} />
            <span className="text-sm text-muted">{t("form.minutes")}</span>
          </div>
          <FieldError id={`${id}-error`} errors={errors} />
        </div>
      );
    case "emotion":
      return (
        <div>
          <Label htmlFor={id} field={field} />
          <Help id={`${id}-help`} text={field.help} />
          <select id={id} value={text} disabled={disabled} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value)} className={cn(inputClass, "mt-2 text-base")}>
            <option value="">{t("form.chooseFeeling")}</option>
            {field.allowUnnamed ? <option value={UNNAMED_EMOTION.value}>{t(`emotions.${UNNAMED_EMOTION.value}`)}</option> : null}
            {EMOTION_FAMILIES.map((family) => (
              <optgroup key={family.value} label={t(`emotionFamilies.${family.value}`)}>
                {EMOTIONS.filter((e) => e.family === family.value).map((e) => (
                  <option key={e.value} value={e.value}>
                    {t(`emotions.${e.value}`)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <FieldError id={`${id}-error`} errors={errors} />
        </div>
      );
    case "checklist":
      return <Choices {...props} options={field.options.map((o) => ({ value: o.value, label: o.label }))} />;
    case "body_area":
      return <Choices {...props} options={BODY_AREAS.map((b) => ({ value: b.value, label: t(`bodyAreas.${b.value}`) }))} />;
  }
}

/** The fields of an exercise exactly as the client sees them, controlled by the caller. */
export function ExerciseFields({
  definition,
  answers,
  errors,
  onChange,
  disabled,
}: {
  definition: Pick<ExerciseDefinition, "fields">;
  answers: DraftAnswers;
  errors?: Record<string, string[]>;
  onChange: (fieldId: string, value: string | string[]) => void;
  disabled?: boolean;
}) {
  return (
    <div className="space-y-6">
      {definition.fields.map((field) => (
        <div key={field.id} data-field={field.id}>
          <ExerciseFieldInput field={field} value={answers[field.id]} errors={errors?.[field.id]} onChange={(v) => onChange(field.id, v)} disabled={disabled} />
        </div>
      ))}
    </div>
  );
}
