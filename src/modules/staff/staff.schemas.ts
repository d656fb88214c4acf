import { z } from 'zod';
import { NewPasswordInput } from '../auth/password.ts';

export const LanguageSchema = z.enum(['en', 'es', 'fr']);
export const RoleSchema = z.enum(['owner', 'manager', 'reception', 'marketing', 'read_only']);
/** A new password's bounds; the policy (`assertPasswordPolicy`) runs in the service. */
export const PasswordSchema = NewPasswordInput;
export const EmailSchema = z
  .email()
  .max(254)
  .transform((e) => e.trim().toLowerCase());

export const UserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  language: LanguageSchema,
  active: z.boolean(),
  permissions: z.array(z.string()),
  /** Permissions given to this person beyond their role (reception: `personal-data:read`). */
  extraPermissions: z.array(z.string()),
  organisation: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type User = z.infer<typeof UserSchema>;

export const CreateStaffBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  email: EmailSchema,
  role: RoleSchema,
  password: PasswordSchema,
  language: LanguageSchema.default('en'),
});
export const UpdateStaffBody = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  role: RoleSchema.optional(),
  active: z.boolean().optional(),
  language: LanguageSchema.optional(),
});
export const SetExtraPermissionsBody = z.strictObject({
  permissions: z.array(z.enum(['personal-data:read'])).max(1),
});
export const UpdateMeBody = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  language: LanguageSchema.optional(),
});
export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: PasswordSchema,
});
export const StaffListResponse = z.object({ items: z.array(UserSchema) });
