import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../runner/atomic-write.js';
import { codeFingerprint } from '../runner/code-fingerprint.js';
import { RENDER_CACHE_DIR } from '../runner/paths.js';
import { renderAnswer } from './render-answer.js';

/** The parse behind a rendering, and the rendering itself. */
const RENDER_DIRS = ['analysis', 'reports'];

/**
 * `renderAnswer` through a cache on disk keyed by the answer and the rendering code: a report is
 * rewritten after every run, and each answer it shows costs a full parse (≈23 ms for 17 KB).
 */
export function renderAnswerCached(markdown: string, dir: string = RENDER_CACHE_DIR): string {
  const key = createHash('sha256').update(codeFingerprint(RENDER_DIRS)).update('\u0000').update(markdown).digest('hex');
  const path = join(dir, `${key}.html`);
  try {
    return readFileSync(path, 'utf8');
  } catch {
    const html = renderAnswer(markdown);
    try {
      mkdirSync(dir, { recursive: true });
      writeFileAtomic(path, html, { durable: false });
    } catch {
      // A read-only cache costs speed, not the report.
    }
    return html;
  }
}
