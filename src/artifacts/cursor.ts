export interface CursorExample {
  line: number;
  value: string;
  kind: 'base64' | 'json';
  /** What the base64 decodes to: JSON, other text, or nothing usable. */
  decodes: 'json' | 'text' | 'invalid' | null;
}

const CURSOR_CONTEXT = /cursor|page_?token|pagetoken|next_?page|continuation|\bafter\b|\bbefore\b|\bnext\b|\btoken\b/i;
const BASE64_TOKEN = /(?<![A-Za-z0-9+/_.-])([A-Za-z0-9+/_-]{16,}={0,2})(?![A-Za-z0-9+/_.=-])/g;
const JSON_CURSOR = /\{\s*"[^"]+"\s*:[^{}]{1,200}\}/g;

/**
 * Concrete cursor values on one line: base64/base64url tokens (an `eyJ…` token anywhere, other
 * tokens only where the line talks about cursors or page tokens) and inline JSON cursor objects
 * on a line that names a cursor.
 */
export function cursorsOnLine(text: string, line: number): CursorExample[] {
  const found: CursorExample[] = [];
  const context = CURSOR_CONTEXT.test(text);
  for (const match of text.matchAll(BASE64_TOKEN)) {
    const token = match[1]!;
    const mixed = /[A-Z]/.test(token) && /[a-z]/.test(token) && /[0-9]/.test(token);
    if (!(token.startsWith('eyJ') || (context && mixed))) continue;
    // URL paths share the base64 alphabet: /api/v1/links/aZ3kP9q/clicks is not a cursor.
    if (!token.startsWith('eyJ') && (token.startsWith('/') || (token.match(/\//g) ?? []).length >= 2)) continue;
    found.push({ line, value: token, kind: 'base64', decodes: decodeCursor(token) });
  }
  if (/cursor/i.test(text)) {
    for (const match of text.matchAll(JSON_CURSOR)) {
      const value = match[0];
      if (/cursor"\s*:\s*\{/.test(text) || /^\s*(?:[\w.]*cursor\w*\s*[=:]|`)/i.test(text) || /cursor[^{]*$/i.test(text.slice(0, match.index))) {
        if (parses(value) && !/<[^>]+>/.test(value)) found.push({ line, value, kind: 'json', decodes: null });
      }
    }
  }
  return found;
}

export function decodeCursor(token: string): 'json' | 'text' | 'invalid' {
  const normal = token.replace(/-/g, '+').replace(/_/g, '/');
  if (normal.replace(/=+$/, '').length % 4 === 1) return 'invalid';
  const bytes = Buffer.from(normal, 'base64');
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\uFFFD') || /[\u0000-\u0008\u000E-\u001F]/.test(text)) return 'invalid';
  if (parses(text)) return 'json';
  if (/^\s*[[{]/.test(text)) return 'invalid';
  // base64 of a JSON object missing its last bytes still starts like one: not decodable JSON.
  return /^[\x20-\x7E\s]+$/.test(text) ? 'text' : 'invalid';
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
