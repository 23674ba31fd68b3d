"use server";

import { CredentialsSignin } from "next-auth";
import { signInInput } from "@/lib/schemas/users";
import { getConfig } from "@/server/config";
import { signIn, signOut } from "@/server/auth/config";
import { safeCallbackPath } from "@/server/auth/safe-redirect";

export type SignInState = {
  error: "invalid_credentials" | "rate_limited" | "missing_fields" | "disabled" | null;
  retryAfterSec?: number;
  email?: string;
};

function field(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

export async function signInWithPassword(
  _prev: SignInState,
  formData: FormData,
): Promise<SignInState> {
  const email = field(formData, "email").trim();
  const parsed = signInInput.safeParse({ email, password: field(formData, "password") });
  if (!parsed.success) return { error: "missing_fields", email };
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeCallbackPath(field(formData, "callbackUrl"), getConfig().publicUrl),
    });
  } catch (error) {
    // Success throws Next's redirect, which must propagate; only sign-in failures are handled.
    if (!(error instanceof CredentialsSignin)) throw error;
    const [code, seconds] = error.code.split(":");
    if (code === "rate_limited")
      return { error: "rate_limited", retryAfterSec: Number(seconds) || 1, email };
    if (code === "disabled") return { error: "disabled", email };
    return { error: "invalid_credentials", email };
  }
  return { error: null, email };
}

export async function signInWithOidc(formData: FormData): Promise<void> {
  await signIn("oidc", {
    redirectTo: safeCallbackPath(field(formData, "callbackUrl"), getConfig().publicUrl),
  });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/signin" });
}
