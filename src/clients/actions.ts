"use server";

import { formAction } from "@/lib/action";
import {
  createClient,
  createClientSpec,
  dischargeClient,
  dischargeClientSpec,
  readmitClient,
  readmitClientSpec,
  updateClient,
  updateClientSpec,
} from "./mutations";
import { commitImport, commitImportSpec, previewImport, previewImportSpec } from "./import";

export const createClientAction = formAction(
  { ...createClientSpec, revalidate: () => ["/clients", "/caseload"], success: ({ result }) => ({ redirectTo: `/clients/${result.id}?created=1` }) },
  createClient,
);

export const updateClientAction = formAction(
  {
    ...updateClientSpec,
    revalidate: ({ input }) => ["/clients", `/clients/${input.clientId}`],
    success: ({ input }) => ({ redirectTo: `/clients/${input.clientId}?saved=1` }),
  },
  updateClient,
);

export const dischargeClientAction = formAction(
  { ...dischargeClientSpec, revalidate: ({ input }) => ["/clients", `/clients/${input.clientId}`], success: () => ({ message: "The client was discharged." }) },
  dischargeClient,
);

export const readmitClientAction = formAction(
  { ...readmitClientSpec, revalidate: ({ input }) => ["/clients", `/clients/${input.clientId}`], success: () => ({ message: "The client was re-admitted." }) },
  readmitClient,
);

export const previewImportAction = formAction(
  {
    ...previewImportSpec,
    success: ({ result }) => ({
      data: result,
      message: result.fileErrors.length
        ? "The file cannot be imported."
        : result.invalid
          ? `${result.invalid} of ${result.rows.length} rows have problems. Nothing was imported.`
          : `All ${result.rows.length} rows are ready to import.`,
    }),
  },
  previewImport,
);

export const commitImportAction = formAction(
  { ...commitImportSpec, revalidate: () => ["/clients", "/caseload"], success: ({ result }) => ({ redirectTo: `/clients?imported=${result.created}` }) },
  commitImport,
);
