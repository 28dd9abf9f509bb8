/**
 * Keep API keys out of what we write and print. A provider's error body may quote the key it was
 * sent (a 401 saying "Incorrect API key provided: sk-…", a proxy echoing the Authorization
 * header): error messages are redacted before they are recorded, printed or put in a report.
 */

/** Environment variables whose values are secrets: a `_`-separated part of the name says so (`OPENAI_API_KEY`, `GITHUB_TOKEN`, `AWS_SECRET_ACCESS_KEY`). */
const SECRET_PARTS: ReadonlySet<string> = new Set(['KEY', 'APIKEY', 'KEYS', 'TOKEN', 'SECRET', 'PASSWORD', 'PASSWD', 'PASS', 'CREDENTIAL', 'CREDENTIALS', 'AUTH', 'PAT']);
const isSecretName = (name: string): boolean => name.toUpperCase().split(/[_\W]+/).some((part) => SECRET_PARTS.has(part));

/** Shorter values are not treated as secrets: redacting "1" or "true" would garble every message. */
const MIN_SECRET_LENGTH = 8;

/** Key-shaped strings, whatever variable they came from: OpenAI/Anthropic keys and bearer tokens. */
const KEY_PATTERNS: readonly RegExp[] = [/\bsk-[A-Za-z0-9_-]{16,}/g, /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{16,}/gi, /\b(x-api-key["']?\s*[:=]\s*["']?)[A-Za-z0-9._~+/=-]{16,}/gi];

export interface RedactOptions {
  /** More variable names holding secrets (a provider's `apiKeyEnvar`). */
  names?: readonly string[];
  /** Also mask key-shaped strings not found in the environment (default true; off for report bodies, which quote model answers). */
  patterns?: boolean;
}

/** The secret values of `env`, longest first (so a key containing another is replaced whole). */
export function secretValues(env: Readonly<Record<string, string | undefined>>, names: readonly string[] = []): Array<{ name: string; value: string }> {
  const extra = new Set(names);
  return Object.entries(env)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].length >= MIN_SECRET_LENGTH && (isSecretName(entry[0]) || extra.has(entry[0])))
    .map(([name, value]) => ({ name, value }))
    .sort((a, b) => b.value.length - a.value.length);
}

/**
 * The part of `value`'s base64 that is the same wherever it sits in a longer encoded string
 * (`user:KEY` in Basic auth): it starts `offset` bytes into a 3-byte group, so the first group and
 * the trailing partial group, which mix in the neighbouring bytes, are left out.
 */
export function base64Core(value: string, offset: 0 | 1 | 2, alphabet: 'base64' | 'base64url' = 'base64'): string {
  const bytes = Buffer.concat([Buffer.alloc(offset), Buffer.from(value)]);
  return bytes.toString(alphabet).slice(offset === 0 ? 0 : 4, 4 * Math.floor(bytes.length / 3));
}

/** The forms a secret travels in: as is, base64 and base64url (alone or inside a longer encoded string), percent-encoded, JSON-escaped. */
function encodings(value: string): string[] {
  const base64 = ([0, 1, 2] as const).flatMap((offset) => [base64Core(value, offset), base64Core(value, offset, 'base64url')]);
  const forms = [value, Buffer.from(value).toString('base64'), Buffer.from(value).toString('base64url'), ...base64, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)];
  return [...new Set(forms.filter((f) => f.length >= MIN_SECRET_LENGTH))].sort((a, b) => b.length - a.length);
}

/** `text` with every secret of `env` (in any of its encodings) and, unless turned off, every key-shaped string replaced by a marker. */
export function redactSecrets(text: string, env: Readonly<Record<string, string | undefined>>, options: RedactOptions = {}): string {
  return redactor(env, options)(text);
}

/**
 * `redactSecrets` with the secrets and their encodings worked out once, for a stream of lines
 * (one progress line per cell: working them out per line cost ≈70 µs each).
 */
export function redactor(env: Readonly<Record<string, string | undefined>>, options: RedactOptions = {}): (text: string) => string {
  const forms = secretValues(env, options.names).flatMap(({ name, value }) => encodings(value).map((form) => ({ form, marker: `[redacted ${name}]` })));
  return (text) => {
    let out = text;
    for (const { form, marker } of forms) if (out.includes(form)) out = out.split(form).join(marker);
    if (options.patterns !== false) {
      for (const pattern of KEY_PATTERNS) out = out.replace(pattern, (_match, prefix: unknown) => `${typeof prefix === 'string' ? prefix : ''}[redacted key]`);
    }
    return out;
  };
}
