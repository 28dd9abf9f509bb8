import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ENGINE_KEYS } from '../providers/engine-keys.js';
import type { ProviderResult } from '../providers/provider.js';
import { writeFileAtomic } from './atomic-write.js';

const CachedSchema = z.object({
  output: z.string(),
  finishReason: z.string().nullable(),
  truncated: z.boolean(),
  tokenUsage: z.object({ prompt: z.number(), completion: z.number(), total: z.number() }).nullable(),
  cost: z.number().nullable(),
});

/**
 * Successful responses on disk, keyed by provider id (model included), the parameters sent to
 * the API, the rendered prompt and the repeat index. Errors are never cached.
 */
export class ResponseCache {
  constructor(private readonly dir: string) {}

  key(providerId: string, config: Readonly<Record<string, unknown>>, prompt: string, repeat: number): string {
    const params = Object.fromEntries(
      Object.entries(config)
        .filter(([k]) => !ENGINE_KEYS.has(k) || k === 'apiBaseUrl')
        .sort(([a], [b]) => a.localeCompare(b)),
    );
    return createHash('sha256').update(JSON.stringify([providerId, params, prompt, repeat])).digest('hex');
  }

  get(key: string): ProviderResult | null {
    try {
      const parsed = CachedSchema.safeParse(JSON.parse(readFileSync(this.path(key), 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  set(key: string, result: ProviderResult): void {
    mkdirSync(this.dir, { recursive: true });
    const path = this.path(key);
    // Write then rename: a crash never leaves a half-written entry to be read back.
    writeFileAtomic(path, JSON.stringify(result), { durable: false });
  }

  private path(key: string): string {
    return join(this.dir, `${key}.json`);
  }
}
