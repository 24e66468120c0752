/** Words for the client enums: plain data, safe in client components (no zod, no schema). */
export const focusLabels = { substance_use: "Substance use", trauma: "Trauma", both: "Both" } as const;
export const statusLabels = { intake: "Intake", active: "Active", on_hold: "On hold", discharged: "Discharged" } as const;
