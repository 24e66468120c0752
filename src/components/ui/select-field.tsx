"use client";

import { FieldShell } from "./form";

interface SelectFieldProps extends Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "name"> {
  name: string;
  label: string;
  hint?: string;
  errors?: string[];
  placeholder?: string;
}

export function SelectField({ name, label, hint, errors, placeholder, className, children, ...select }: SelectFieldProps) {
  return (
    <FieldShell label={label} hint={hint} errors={errors} required={select.required} className={className}>
      {(control) => (
        <select name={name} {...control} {...select}>
          {placeholder ? <option value="">{placeholder}</option> : null}
          {children}
        </select>
      )}
    </FieldShell>
  );
}

export function TextAreaField({
  name,
  label,
  hint,
  errors,
  className,
  ...textarea
}: Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, "name"> & { name: string; label: string; hint?: string; errors?: string[] }) {
  return (
    <FieldShell label={label} hint={hint} errors={errors} required={textarea.required} className={className}>
      {(control) => <textarea name={name} {...control} {...textarea} />}
    </FieldShell>
  );
}
