import { z } from 'zod';
import { GradeResultSchema } from '../grade/schema.js';

/** One line of completions.jsonl: a finished attempt at a cell, success or final error. */
export const CompletionRecordSchema = z.object({
  cellId: z.string(),
  promptId: z.string(),
  provider: z.string(),
  providerId: z.string(),
  caseId: z.string(),
  repeat: z.number().int().nonnegative(),
  attempts: z.number().int().positive(),
  output: z.string().nullable(),
  finishReason: z.string().nullable(),
  truncated: z.boolean(),
  tokenUsage: z.object({ prompt: z.number(), completion: z.number(), total: z.number() }).nullable(),
  cost: z.number().nullable(),
  latencyMs: z.number().nonnegative(),
  cached: z.boolean(),
  error: z.object({ kind: z.string(), message: z.string(), status: z.number().nullable() }).nullable(),
  finishedAt: z.string(),
});
export type CompletionRecord = z.infer<typeof CompletionRecordSchema>;

/** One line of grades.jsonl: the structural grades of one completion. */
export const GradeRecordSchema = z.object({
  cellId: z.string(),
  graders: z.record(z.string(), z.number().int()),
  result: GradeResultSchema,
  gradedAt: z.string(),
});
export type GradeRecord = z.infer<typeof GradeRecordSchema>;
