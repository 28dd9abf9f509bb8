#!/usr/bin/env -S node --max-semi-space-size=64
// The parser allocates many short-lived nodes: a 64 MB semi-space (V8's default is 16) makes a
// large grade about a fifth faster on one core (bench/grade.ts). `npm run grade` passes it too.
import { Command } from 'commander';
import { ConfigError } from '../config/errors.js';
import { redactSecrets } from '../config/redact.js';
import { compareCommand } from './compare-command.js';
import { reportCommand } from './report-command.js';
import { InputError } from '../grade/files.js';
import { evalCommand } from './eval-command.js';
import { gradeCommand } from './grade-command.js';
import { judgeCheckCommand } from './judge-check-command.js';
import { regradeCommand } from './regrade-command.js';

const program = new Command('blueprint-eval')
  .description('Evaluation harness for LLM answers to the system-design prompt template')
  .showHelpAfterError()
  .addCommand(evalCommand())
  .addCommand(gradeCommand())
  .addCommand(regradeCommand())
  .addCommand(judgeCheckCommand())
  .addCommand(compareCommand())
  .addCommand(reportCommand());

program.parseAsync(process.argv).catch((error: unknown) => {
  // Bad input and failed runs read as one line; a stack only for what is a bug.
  const expected = error instanceof InputError || error instanceof ConfigError || (error instanceof Error && !(error instanceof TypeError) && !(error instanceof RangeError) && !(error instanceof ReferenceError));
  const message = error instanceof Error ? (expected ? error.message : (error.stack ?? error.message)) : String(error);
  // A provider's error may quote the API key it was sent: never print it.
  process.stderr.write(`blueprint-eval: ${redactSecrets(message, process.env)}\n`);
  process.exitCode = 2;
});
