import { z } from 'zod';

export const JudgeVerdictSchema = z.object({
  met: z.boolean(),
  unsupported: z.boolean(),
  quotes: z.array(z.object({ text: z.string(), verified: z.boolean() })),
  explanation: z.string(),
  agreement: z.number().min(0).max(1).nullable(),
});

export const CriterionResultSchema = z.object({
  id: z.string(),
  points: z.number(),
  tags: z.array(z.string()),
  decidedBy: z.enum(['evidence', 'judge', 'not_judged', 'judge_error']),
  met: z.boolean().nullable(),
  evidence: z.boolean().nullable(),
  judge: JudgeVerdictSchema.nullable(),
});

export const RubricResultSchema = z.object({
  version: z.number().int(),
  score: z.number().min(0).max(1).nullable(),
  subScores: z.record(z.string(), z.number().nullable()),
  criteria: z.array(CriterionResultSchema),
  notJudged: z.number().int().nonnegative(),
  unsupported: z.number().int().nonnegative(),
  judgeError: z.string().nullable(),
});

export type JudgeVerdict = z.infer<typeof JudgeVerdictSchema>;
export type CriterionResult = z.infer<typeof CriterionResultSchema>;
export type RubricResult = z.infer<typeof RubricResultSchema>;
