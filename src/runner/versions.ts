import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The version a package's own package.json states (read from disk: not every package exports it). */
function versionOf(entry: string): string {
  try {
    let dir = dirname(require.resolve(entry));
    for (let i = 0; i < 6; i++) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (pkg.name === entry && pkg.version !== undefined) return pkg.version;
      } catch {
        // keep walking up
      }
      dir = dirname(dir);
    }
  } catch {
    // not installed
  }
  return 'unknown';
}

/** Versions recorded in a run's manifest. */
export function runtimeVersions(): Record<string, string> {
  const own = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return { node: process.version, 'blueprint-eval': own.version, openai: versionOf('openai'), '@anthropic-ai/sdk': versionOf('@anthropic-ai/sdk') };
}
