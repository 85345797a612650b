import { generateSecret, generateURI, verify } from "otplib";

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, email: string): string {
  return generateURI({ issuer: "Stegvis", label: email, secret });
}

/** Accepts the current code and the one before it, for clocks that drift and slow typists. */
export async function checkTotp(secret: string, code: string): Promise<boolean> {
  try {
    const res = await verify({ secret, token: code, epochTolerance: [30, 5] });
    return res.valid;
  } catch {
    return false;
  }
}
