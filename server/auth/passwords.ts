import { hash, verify } from "@node-rs/argon2";

// argon2id with OWASP's second recommended profile (19 MiB, 2 passes): ~10 ms a hash here.
const options = { algorithm: 2 as const, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this keeps an unknown e-mail address as slow as a wrong password,
// so response times do not tell which addresses have accounts.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword("stegvis-no-such-account-placeholder");
  await verifyPassword(await dummyHash, password);
}

// Words that guessing lists try first. Together with the rules below they catch the passwords
// people reach for when told "at least 12 characters": a common word padded with digits or years.
const commonWords = [
  "password",
  "passw0rd",
  "lösenord",
  "losenord",
  "losen",
  "lösen",
  "qwerty",
  "qwertyuiop",
  "asdfgh",
  "asdfghjkl",
  "zxcvbn",
  "azerty",
  "abc123",
  "abcdef",
  "123abc",
  "iloveyou",
  "jagälskardig",
  "letmein",
  "welcome",
  "välkommen",
  "valkommen",
  "admin",
  "administrator",
  "root",
  "user",
  "användare",
  "test",
  "testing",
  "secret",
  "hemlig",
  "hemligt",
  "sommar",
  "vinter",
  "hösten",
  "hosten",
  "våren",
  "varen",
  "januari",
  "februari",
  "december",
  "monkey",
  "dragon",
  "master",
  "shadow",
  "sunshine",
  "princess",
  "football",
  "fotboll",
  "hockey",
  "baseball",
  "superman",
  "batman",
  "trustno1",
  "starwars",
  "pokemon",
  "computer",
  "internet",
  "stegvis",
  "kommun",
  "sverige",
  "sweden",
  "stockholm",
  "göteborg",
  "goteborg",
  "malmö",
  "malmo",
  "changeme",
  "default",
  "login",
  "inloggning",
  "hejhej",
  "hejsan",
  "katten",
  "hunden",
  "solsken",
  "blomma",
  "kärlek",
  "karlek",
  "mamma",
  "pappa",
];
const commonSet = new Set(commonWords);

const sequences = ["0123456789012345678901234567890", "abcdefghijklmnopqrstuvwxyzåäö", "qwertyuiopåasdfghjklöäzxcvbnm"];

/** Returns a plain-language reason when the password is too easy to guess, or null when it is fine. */
export function weakPasswordReason(password: string, { email, name }: { email?: string; name?: string } = {}): string | null {
  if (password.length < 12) return "Lösenordet måste ha minst 12 tecken.";
  const lower = password.toLowerCase();
  if (new Set(lower).size <= 3) return "Lösenordet har för få olika tecken. Välj en längre fras med olika ord.";
  const core = lower.replace(/[\d\s!@#$%^&*()_+\-=.,;:?'"~`|\\/<>[\]{}]+/g, "");
  if (core.length === 0) return "Lösenordet består bara av siffror och tecken. Välj en fras med ord.";
  if (commonSet.has(core) || commonWords.some((w) => w.length >= 5 && core === w.repeat(Math.max(1, Math.round(core.length / w.length)))))
    return "Lösenordet är ett av de vanligaste och gissas lätt. Välj en fras som bara du känner till.";
  for (const seq of sequences) {
    if (seq.includes(lower) || [...seq].reverse().join("").includes(lower)) return "Lösenordet är en följd av tangenter eller siffror och gissas lätt.";
  }
  const local = email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return "Lösenordet får inte innehålla din e-postadress.";
  const nameParts = (name ?? "")
    .toLowerCase()
    .split(/\s+/)
    .filter((p) => p.length >= 4);
  if (nameParts.some((p) => lower.includes(p))) return "Lösenordet får inte innehålla ditt namn.";
  return null;
}
