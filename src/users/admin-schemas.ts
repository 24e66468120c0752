import { z } from "zod";
import { roleLabels } from "@/auth/actor";
import { userRole, type UserRole, type UserStatus } from "@/db/schema";
import { requiredText, uuid } from "@/lib/zod-fields";
import { isUuid } from "@/lib/ids";
import { staffText } from "@/i18n/staff";

const uv = staffText("userValidation");

const t = staffText("userLabels");

export const statusLabels: Record<UserStatus, string> = { active: t("statusActive"), invited: t("statusInvited"), deactivated: t("statusDeactivated") };

/** A select that may be left on its empty choice: blank becomes undefined. */
const optionalUuid = (message: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(uuid(message).optional());

const role = z.enum(userRole.enumValues, { error: uv("chooseRole") });

export const inviteUserSchema = z.object({
  name: requiredText(120, uv("enterPersonName"), uv("theName")),
  email: z
    .string({ error: uv("enterEmail") })
    .trim()
    .toLowerCase()
    .min(1, uv("enterEmail"))
    .pipe(z.email(uv("validEmail")).max(254, uv("emailTooLong"))),
  role,
  supervisorId: optionalUuid(uv("chooseSupervisor")),
});
export type InviteUserInput = z.infer<typeof inviteUserSchema>;

export const userIdSchema = z.object({ userId: uuid(uv("chooseUser")) });
export type UserIdInput = z.infer<typeof userIdSchema>;

export const changeAccessSchema = z.object({
  userId: uuid(uv("chooseUser")),
  role,
  supervisorId: optionalUuid(uv("chooseSupervisor")),
});
export type ChangeAccessInput = z.infer<typeof changeAccessSchema>;

/** The form name of the select that says who takes one client. */
export const ASSIGN_PREFIX = "assign.";
export const assignField = (clientId: string) => `${ASSIGN_PREFIX}${clientId}`;

/**
 * Deactivation, with where each of the person's open clients goes: `assign.<clientId>` per
 * client, or `moveAllTo` for every client without its own choice. Which clients need a target is
 * decided in the transaction, from the clients they have at that moment.
 */
export const deactivateUserSchema = z.preprocess(
  (raw) => {
    if (typeof raw !== "object" || raw === null) return raw;
    const entries = Object.entries(raw as Record<string, unknown>);
    const assignments = Object.fromEntries(
      entries
        .filter(([key, value]) => key.startsWith(ASSIGN_PREFIX) && isUuid(key.slice(ASSIGN_PREFIX.length)) && typeof value === "string" && value !== "")
        .map(([key, value]) => [key.slice(ASSIGN_PREFIX.length).toLowerCase(), value]),
    );
    const { userId, moveAllTo } = raw as Record<string, unknown>;
    return { userId, moveAllTo, assignments };
  },
  z.object({
    userId: uuid(uv("chooseUser")),
    moveAllTo: optionalUuid(uv("chooseCounselor")),
    // Checked against the organisation's clinicians in the handler, with an error per client.
    assignments: z.record(z.string(), z.string()),
  }),
);
export type DeactivateUserInput = z.infer<typeof deactivateUserSchema>;

export const roleOptions: { value: UserRole; label: string }[] = userRole.enumValues.map((value) => ({ value, label: roleLabels[value] }));
