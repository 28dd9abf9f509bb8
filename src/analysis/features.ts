import { keyWords } from './text.js';

/**
 * A feature's name as a heading or bullet gives it, without numbering, priority tags and
 * "deep dive" framing: "5\. Functional Requirement Deep Dives: Video Upload" -> "Video Upload",
 * "🕷️ Crawling — Functional Requirement Deep Dive" -> "Crawling", "P0: Upload" -> "Upload".
 */
export function featureName(title: string): string {
  let name = title;
  name = name
    .replace(/\p{Extended_Pictographic}|\uFE0F|\u200D/gu, '')
    .replace(/[*_`]/g, '')
    .trim();
  const afterColon = /^(?:[\d.]+\s*)?(?:functional\s+)?(?:requirement\s+)?deep[- ]?dives?(?:\s*[:—–-]\s*|\s+(?:into|on|for|of)\s*(?:[:—–-]\s*)?)(.+)$/i.exec(stripLeadingNumber(name));
  if (afterColon?.[1] !== undefined) name = afterColon[1];
  name = name.replace(/\s*[—–-]\s*(?:functional\s+)?(?:requirement\s+)?(?:detailed\s+)?deep[- ]?dive.*$/i, '');
  name = stripLeadingNumber(name)
    .replace(/^(?:feature|fr\d*|example|e\.g\.)\s*[:—–-]\s*/i, '')
    .replace(/^\[?P[0-2]\]?\s*[:—–-]?\s*/i, '')
    .replace(/\s*[([]\s*P[0-2][^)\]]*[)\]]\s*/gi, ' ')
    .replace(/\s*[—–-]\s*P[0-2]\b.*$/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  return name.length > 0 ? name : title.trim();
}

function stripLeadingNumber(title: string): string {
  return title.replace(/^\s*(?:(?:fr|step)\s*)?(?:#?\d+(?:\s*\.\s*(?:\d+|[a-z]\b))*\.?\)?|[a-z][.)])(?=\s|$|[—–|]|-\s|:\s)\s*(?:[—–:|-]\s*)?/i, '').trim();
}

/**
 * Key words per name, cached: outlines compare every deep dive with every other and with every
 * ranked feature, so an answer with thousands of feature headings would otherwise normalise
 * the same titles millions of times. Cleared when full, so a long run's memory stays bounded.
 */
const KEY_WORDS = new Map<string, ReadonlySet<string>>();
const KEY_WORDS_MAX = 10_000;

function keyWordSet(name: string): ReadonlySet<string> {
  let words = KEY_WORDS.get(name);
  if (words === undefined) {
    if (KEY_WORDS.size >= KEY_WORDS_MAX) KEY_WORDS.clear();
    words = new Set(keyWords(name));
    KEY_WORDS.set(name, words);
  }
  return words;
}

/** Overlap of meaningful words, relative to the shorter name: 1 = one name contains the other. */
export function featureSimilarity(a: string, b: string): number {
  const left = keyWordSet(a);
  const right = keyWordSet(b);
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  return shared / Math.min(left.size, right.size);
}

export const SAME_FEATURE = 0.5;

/** Index of the best-matching name at or above the threshold, or -1. */
export function bestMatch(name: string, candidates: readonly string[], threshold = SAME_FEATURE): number {
  let best = -1;
  let bestScore = threshold;
  for (const [index, candidate] of candidates.entries()) {
    const score = featureSimilarity(name, candidate);
    if (score > bestScore || (score === bestScore && best === -1)) {
      best = index;
      bestScore = score;
    }
  }
  return best;
}
