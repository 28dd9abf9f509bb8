#!/usr/bin/env -S node --max-semi-space-size=64
// The parser allocates many short-lived nodes: a 64 MB semi-space (V8's default is 16) makes a
// large grade about a fifth faster on one core (bench/grade.ts). `npm run grade` passes it too.
import { Command } from 'commander';
import { InputError } from '../grade/files.js';
import { gradeCommand } from './grade-command.js';

const program = new Command('blueprint-eval')
  .description('Evaluation harness for LLM answers to the system-design prompt template')
  .showHelpAfterError()
  .addCommand(gradeCommand());

program.parseAsync(process.argv).catch((error: unknown) => {
  const message = error instanceof InputError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`blueprint-eval: ${message}\n`);
  process.exitCode = 2;
});
