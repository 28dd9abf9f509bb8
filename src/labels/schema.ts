import { z } from 'zod';
import { ASPECTS } from '../analysis/aspects.js';

/** A hand-written label file (`datasets/samples/*.labels.json`): ground truth for one answer. */
export const LabelsSchema = z.object({
  system: z.string(),
  quality: z.enum(['excellent', 'good', 'mediocre', 'poor', 'near-zero']),
  outline: z.object({
    layout: z.enum(['feature-major', 'aspect-major', 'bold-labels', 'mixed', 'none']),
    p0Features: z.array(z.string()),
    deepDives: z.array(z.object({ feature: z.string(), p0: z.boolean(), line: z.number().int().positive(), aspects: z.array(z.enum(ASPECTS)) })),
    summaryTable: z.boolean(),
  }),
  artifacts: z.object({
    asciiDiagrams: z.number().int().nonnegative(),
    sqlStatements: z.number().int().nonnegative(),
    sqlInvalid: z.number().int().nonnegative(),
    cacheCommands: z.number().int().nonnegative(),
    messagingPayloads: z.number().int().nonnegative(),
    pseudocodeBlocks: z.number().int().nonnegative(),
    cursorExamples: z.number().int().nonnegative(),
    cursorBase64Decodes: z.boolean(),
    idempotency: z.boolean(),
    dedupStrategy: z.boolean(),
    multiDeviceOffline: z.boolean(),
  }),
  markdown: z.object({ issues: z.array(z.object({ kind: z.string(), line: z.number().int().positive() })) }),
  notes: z.string().optional(),
});

export type Labels = z.infer<typeof LabelsSchema>;
