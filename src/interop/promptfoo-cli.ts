import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** promptfoo lives in its own package, installed on demand: it weighs ≈1.4 GB and `npm run eval` never needs it. */
export const INTEROP_DIR = join('interop', 'promptfoo');
export const INSTALL_HINT = 'promptfoo is not installed: run `npm run interop:install` (promptfoo 0.121.20 into interop/promptfoo, ≈1.4 GB, ≈1 min)';

/** The CLI entry of the installed promptfoo, or null when the interop package is not installed. */
export function promptfooEntry(root = process.cwd()): string | null {
  const entry = resolve(root, INTEROP_DIR, 'node_modules', 'promptfoo', 'dist', 'src', 'entrypoint.js');
  return existsSync(entry) ? entry : null;
}

/**
 * promptfoo offline and quiet: no telemetry, update check, sharing or remote generation, and its
 * state under `.cache/` (ignored by git). Without DISABLE_DEBUG_LOG, 0.121.20 often exits 1 after a
 * passing eval.
 */
export function promptfooEnv(root = process.cwd(), base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const configDir = resolve(root, '.cache', 'promptfoo');
  return {
    ...base,
    PROMPTFOO_DISABLE_TELEMETRY: '1',
    PROMPTFOO_DISABLE_UPDATE: '1',
    PROMPTFOO_DISABLE_SHARING: '1',
    PROMPTFOO_DISABLE_REMOTE_GENERATION: '1',
    PROMPTFOO_DISABLE_DEBUG_LOG: '1',
    PROMPTFOO_CONFIG_DIR: configDir,
    PROMPTFOO_CACHE_PATH: join(configDir, 'cache'),
  };
}
