/**
 * Where to go after login. Only a path on this site: an address like "//evil.example" or
 * "https://…" in the query string must not turn the login page into an open redirect.
 */
export function safeRedirect(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return undefined;
  if (value.startsWith("/logga-in")) return undefined;
  return value;
}
