#!/usr/bin/env node
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
