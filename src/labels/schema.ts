import { z } from 'zod';
import { ASPECTS } from '../analysis/aspects.js';
import { ArtifactCountsSchema, LayoutSchema } from '../grade/schema.js';

/** A hand-written label file (`datasets/samples/*.labels.json`): ground truth for one answer. */
export const LabelsSchema = z.object({
  system: z.string(),
  quality: z.enum(['excellent', 'good', 'mediocre', 'poor', 'near-zero']),
  outline: z.object({
    layout: LayoutSchema,
    p0Features: z.array(z.string()),
    deepDives: z.array(z.object({ feature: z.string(), p0: z.boolean(), line: z.number().int().positive(), aspects: z.array(z.enum(ASPECTS)) })),
    summaryTable: z.boolean(),
  }),
  artifacts: ArtifactCountsSchema,
  markdown: z.object({ issues: z.array(z.object({ kind: z.string(), line: z.number().int().positive() })) }),
  notes: z.string().optional(),
});

export type Labels = z.infer<typeof LabelsSchema>;
