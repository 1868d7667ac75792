import { z } from "@hono/zod-openapi";
import { PASSWORD_MAX_LENGTH, passwordProblems } from "../auth/passwords";

export const UserSchema = z
  .object({
    id: z.string().uuid(),
    email: z.string().email().nullable(),
    name: z.string().nullable(),
    email_verified: z.boolean(),
    pending_email: z
      .string()
      .nullable()
      .openapi({ description: "a new address waiting for verification (PATCH /v1/me)" }),
    account_status: z.enum(["active", "suspended", "deleted"]),
    sign_in_method: z.enum(["password", "identity_provider"]).openapi({
      description:
        "`password`: changing the email and deleting the account take `current_password`; " +
        "`identity_provider`: the provider owns password and email, and deleting the account " +
        "takes a sign-in of the last REAUTH_MAX_AGE_SECONDS (300 s).",
    }),
    onboarding_completed: z.boolean(),
    onboarding_completed_at: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("User", {
    example: {
      id: "0b7e7a9e-5a0e-4a4f-9a51-7d9c1f0d4b11",
      email: "sam@example.com",
      name: "Sam",
      email_verified: false,
      pending_email: null,
      account_status: "active",
      sign_in_method: "password",
      onboarding_completed: false,
      onboarding_completed_at: null,
      created_at: "2026-11-23T09:00:00.000Z",
      updated_at: "2026-11-23T09:00:00.000Z",
    },
  });

const email = z
  .string()
  .trim()
  .max(254)
  .email("must be a valid email address")
  .openapi({ example: "sam@example.com" });

const password = z
  .string()
  .max(PASSWORD_MAX_LENGTH * 4) // the precise rules run below; this only bounds the work
  .superRefine((value, ctx) => {
    for (const problem of passwordProblems(value))
      ctx.addIssue({ code: "custom", message: problem });
  })
  .openapi({
    example: "correct-horse-42",
    description: "10-128 characters with a letter and a digit",
  });

const turnstile = z.string().max(4096).optional().openapi({
  description: "Cloudflare Turnstile token; required when the server enables Turnstile",
});

export const SignupBody = z
  .object({
    email,
    password,
    name: z.string().trim().min(1).max(100).optional().openapi({ example: "Sam" }),
    turnstile_token: turnstile,
  })
  .openapi("SignupRequest");

const anyPassword = z.string().min(1).max(1024).openapi({ example: "correct-horse-42" });

export const LoginBody = z
  .object({ email, password: anyPassword, turnstile_token: turnstile })
  .openapi("LoginRequest");

export const PasswordChangeBody = z
  .object({ current_password: anyPassword, new_password: password })
  .strict()
  .openapi("PasswordChange");

export const ForgotPasswordBody = z
  .object({ email, turnstile_token: turnstile })
  .strict()
  .openapi("PasswordForgotten");

const emailToken = z
  .string()
  .min(20)
  .max(200)
  .openapi({ description: "the token from the email's link" });

export const ResetPasswordBody = z
  .object({ token: emailToken, new_password: password })
  .strict()
  .openapi("PasswordReset");

/** The token of a link the API mailed (verify an address, cancel an email change). */
export const EmailLinkBody = z.object({ token: emailToken }).strict().openapi("EmailLinkToken");

export const AcceptedSchema = z
  .object({ status: z.literal("sent") })
  .openapi("EmailAccepted", { description: "An email is on its way (if the address is known)." });

const refreshToken = z.string().min(1).max(512).openapi({ example: "rt_3q2+7w..." });

export const RefreshBody = z.object({ refresh_token: refreshToken }).openapi("RefreshRequest");

export const LogoutBody = z
  .object({
    refresh_token: refreshToken.optional().openapi({
      description: "This login's refresh token: its family is revoked.",
    }),
    all: z
      .boolean()
      .optional()
      .openapi({
        description:
          "Sign out everywhere: every refresh token of the account is revoked and every access " +
          "token issued until now is refused (this one included).",
      }),
    device_id: z.string().min(1).max(100).optional().openapi({
      description: "This device's push registration (POST /v1/devices): it is removed.",
      example: "dev_0f8e2a9c4b7d4e1fa3c5b6d7e8f90123",
    }),
  })
  .strict()
  .refine((body) => body.refresh_token !== undefined || body.all === true, {
    message: "send refresh_token, or all: true",
    path: ["refresh_token"],
  })
  .openapi("LogoutRequest");

export const TokenPairSchema = z
  .object({
    access_token: z.string(),
    refresh_token: z.string(),
    token_type: z.literal("Bearer"),
    expires_in: z
      .number()
      .int()
      .openapi({ example: 1800, description: "access token lifetime, s" }),
  })
  .openapi("TokenPair");

export const AuthResponseSchema = TokenPairSchema.extend({ user: UserSchema }).openapi(
  "AuthResponse",
);
