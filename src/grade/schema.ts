import { z } from 'zod';
import { ASPECTS } from '../analysis/aspects.js';
import { RubricResultSchema } from '../rubric/result-schema.js';

const unit = z.number().min(0).max(1);

export const FindingSchema = z.object({
  grader: z.string(),
  severity: z.enum(['error', 'warn', 'info']),
  line: z.number().int().positive().nullable(),
  message: z.string(),
});

export const LayoutSchema = z.enum(['feature-major', 'aspect-major', 'bold-labels', 'mixed', 'none']);

/** The artifact counts of the issue's report shape; label files carry exactly these. */
export const ArtifactCountsSchema = z.object({
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
});

export const GradeResultSchema = z.object({
  file: z.string(),
  scores: z.object({ overall: unit, depth: unit, artifacts: unit, markdown: unit }),
  subScores: z.record(z.string(), z.record(z.string(), z.number())),
  outline: z.object({
    layout: LayoutSchema,
    p0Features: z.array(z.string()),
    deepDives: z.array(
      z.object({
        feature: z.string(),
        p0: z.boolean(),
        line: z.number().int().positive(),
        words: z.number().int().nonnegative(),
        aspects: z.array(z.enum(ASPECTS)),
      }),
    ),
    summaryTable: z.boolean(),
  }),
  artifacts: ArtifactCountsSchema.extend({
    cacheInvalid: z.number().int().nonnegative(),
    jsonBlocks: z.number().int().nonnegative(),
    jsonInvalid: z.number().int().nonnegative(),
    httpExamples: z.number().int().nonnegative(),
  }),
  markdown: z.object({
    issues: z.array(z.object({ kind: z.string(), line: z.number().int().positive(), message: z.string() })),
  }),
  findings: z.array(FindingSchema),
  /** The rubric (issue 4): evidence criteria offline, judge verdicts when a judge ran. */
  rubric: RubricResultSchema.nullable(),
});

export const GradeReportSchema = z.object({
  version: z.literal(1),
  results: z.array(GradeResultSchema),
});

export type GradeResult = z.infer<typeof GradeResultSchema>;
export type GradeReport = z.infer<typeof GradeReportSchema>;
