import { z } from 'zod';

export const TAGS = ['depth', 'storage', 'caching', 'messaging', 'edge-cases', 'pagination', 'performance', 'monitoring', 'offline', 'copy-paste', 'approaches'] as const;

export const CriterionSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9:-]*$/, 'expected a kebab-case id'),
    points: z
      .number({ error: (issue) => (issue.input === undefined ? 'missing: expected non-zero points (a number; negative for an anti-pattern)' : undefined) })
      .refine((n) => n !== 0, 'expected non-zero points (negative for an anti-pattern)'),
    tags: z.array(z.enum(TAGS)).min(1),
    decide: z.enum(['evidence', 'judge', 'both']),
    evidence: z.string().optional(),
    description: z.string().min(10),
  })
  .refine((c) => c.decide === 'judge' || c.evidence !== undefined, { message: 'expected an evidence check for decide: evidence or both', path: ['evidence'] });

export const RubricSchema = z.strictObject({
  version: z.number().int().positive(),
  criteria: z.array(CriterionSchema).min(1),
});

export type Criterion = z.infer<typeof CriterionSchema>;
export type Rubric = z.infer<typeof RubricSchema>;
export type Tag = (typeof TAGS)[number];
