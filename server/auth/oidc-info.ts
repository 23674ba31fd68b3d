import { getConfig } from "@/server/config";

/** The SSO button's label, or null when single sign-on is not configured. */
export function getOidcProviderName(): string | null {
  return getConfig().oidc?.name ?? null;
}
