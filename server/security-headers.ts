import type { IncomingMessage, ServerResponse } from "node:http";
import helmet from "helmet";

/**
 * The security headers of every answer: helmet's, with Stegvis's Content-Security-Policy. They do
 * not depend on the request, so helmet runs once when the app is built and the resulting headers
 * are copied onto each reply, instead of running helmet's middleware on every request (the
 * participant page is read thousands of times a second under load; BENCHMARKS.md).
 */
export interface SecurityHeaderOptions {
  production: boolean;
  /** Extra script sources, e.g. the hash of the accessibility checker outside production. */
  extraScriptSources?: string[];
}

export function securityHeaders({ production, extraScriptSources = [] }: SecurityHeaderOptions): Readonly<Record<string, string>> {
  const middleware = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...extraScriptSources],
        // The component library injects style elements at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: production ? [] : null,
      },
    },
    // Only behind HTTPS: a browser that saw it would refuse plain HTTP to a development server.
    strictTransportSecurity: production,
  });
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
      return response;
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown;
  middleware({} as IncomingMessage, response as unknown as ServerResponse, (err?: unknown) => {
    failure = err;
  });
  if (failure) throw failure;
  if (!headers["content-security-policy"]) throw new Error("helmet set no Content-Security-Policy");
  return Object.freeze(headers);
}
