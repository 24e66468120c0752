import { z } from "zod";
import { newPasswordSchema } from "@/auth/password-policy";
import { staffText } from "@/i18n/staff";

const uv = staffText("userValidation");

export const profileSchema = z.object({
  name: z.string().trim().min(1, uv("enterYourName")).max(120, uv("yourNameTooLong")),
});
export type ProfileInput = z.infer<typeof profileSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, uv("enterCurrentPassword")).max(1024),
    newPassword: newPasswordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: uv("newPasswordsDiffer"),
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ["newPassword"],
    message: uv("chooseDifferentPassword"),
  });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
