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
import { staffText } from "@/i18n/staff";

const cv = staffText("clientValidation");

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
  { ...dischargeClientSpec, revalidate: ({ input }) => ["/clients", `/clients/${input.clientId}`], success: () => ({ message: cv("discharged") }) },
  dischargeClient,
);

export const readmitClientAction = formAction(
  { ...readmitClientSpec, revalidate: ({ input }) => ["/clients", `/clients/${input.clientId}`], success: () => ({ message: cv("readmitted") }) },
  readmitClient,
);

export const previewImportAction = formAction(
  {
    ...previewImportSpec,
    success: ({ result }) => ({
      data: result,
      message: result.fileErrors.length
        ? cv("fileCannotBeImported")
        : result.invalid
          ? cv("previewRowsWithProblems", { invalid: String(result.invalid), total: String(result.rows.length) })
          : cv("previewAllReady", { total: String(result.rows.length) }),
    }),
  },
  previewImport,
);

export const commitImportAction = formAction(
  { ...commitImportSpec, revalidate: () => ["/clients", "/caseload"], success: ({ result }) => ({ redirectTo: `/clients?imported=${result.created}` }) },
  commitImport,
);
