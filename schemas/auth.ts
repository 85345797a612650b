import { z } from "zod";

export const Role = z.enum(["manager", "coach", "statistician", "participant"]);
export type Role = z.infer<typeof Role>;

export const Email = z
  .string({ error: "Ange en e-postadress" })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Ange en giltig e-postadress, t.ex. namn@kommun.se" }));

export const LoginInput = z.object({
  email: Email,
  password: z.string({ error: "Ange ditt lösenord" }).min(1, { error: "Ange ditt lösenord" }).max(1024),
  /** Six-digit code from the authenticator app, when two-factor is on. */
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { error: "Koden består av sex siffror" })
    .optional(),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const Membership = z.object({
  projectId: z.uuid(),
  projectName: z.string(),
  projectSlug: z.string(),
  role: Role,
  sensitiveAccess: z.boolean(),
});
export type Membership = z.infer<typeof Membership>;

export const Me = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  isAdmin: z.boolean(),
  locale: z.enum(["sv", "en"]),
  totpEnabled: z.boolean(),
  /** True when the organisation requires two-factor for this user and it is not yet set up. */
  mustEnrollTotp: z.boolean(),
  memberships: z.array(Membership),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof Me>;

export const PasswordPolicy = z
  .string({ error: "Ange ett lösenord" })
  .min(12, { error: "Lösenordet måste ha minst 12 tecken" })
  .max(256, { error: "Lösenordet får ha högst 256 tecken" });

export const ChangePasswordInput = z.object({
  currentPassword: z.string({ error: "Ange ditt nuvarande lösenord" }).min(1, { error: "Ange ditt nuvarande lösenord" }),
  newPassword: PasswordPolicy,
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

export const TotpSetup = z.object({ secret: z.string(), otpauthUrl: z.string() });
export type TotpSetup = z.infer<typeof TotpSetup>;

export const TotpEnableInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { error: "Koden består av sex siffror" }),
});
export type TotpEnableInput = z.infer<typeof TotpEnableInput>;

export const TotpDisableInput = z.object({
  password: z.string({ error: "Ange ditt lösenord" }).min(1, { error: "Ange ditt lösenord" }),
});
export type TotpDisableInput = z.infer<typeof TotpDisableInput>;

export const LocaleInput = z.object({ locale: z.enum(["sv", "en"], { error: "Välj sv eller en" }) });
export type LocaleInput = z.infer<typeof LocaleInput>;
