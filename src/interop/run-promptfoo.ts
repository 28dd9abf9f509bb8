/**
 * `npm run promptfoo -- eval …`: the installed promptfoo with the offline, quiet environment, so
 * the same promptfooconfig.yaml runs under promptfoo with our graders as its assertion.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { INSTALL_HINT, promptfooEntry, promptfooEnv } from './promptfoo-cli.js';

const entry = promptfooEntry();
if (entry === null) {
  process.stderr.write(`${INSTALL_HINT}\n`);
  process.exit(2);
}
const child = spawn(process.execPath, [entry, ...process.argv.slice(2)], { stdio: 'inherit', env: promptfooEnv() });
child.on('exit', (code, signal) => process.exit(code ?? 128 + (signal !== null ? constants.signals[signal] : 0)));
