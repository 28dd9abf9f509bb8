import { z } from 'zod';
import { isOurAssertion, OUR_ASSERTION } from '../interop/assertion-value.js';

/**
 * The subset of promptfoo's config that our engine runs. Objects are strict: a promptfoo feature
 * we do not implement is an error naming it, never silently ignored.
 */
const FilePath = z.string().regex(/^file:\/\//, 'expected a file://path');

export const PromptEntrySchema = z.union([FilePath, z.strictObject({ id: FilePath, label: z.string().min(1).optional() })]);

/** Provider options we read; other keys go to the model API unchanged (temperature, top_p, …). */
export const ProviderConfigSchema = z
  .object({
    temperature: z.number().min(0).max(2).optional(),
    max_tokens: z.number().int().positive().optional(),
    top_p: z.number().min(0).max(1).optional(),
    apiBaseUrl: z.url().optional(),
    apiKeyEnvar: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'expected an environment variable name').optional(),
    maxConcurrency: z.number().int().positive().optional(),
    requestsPerMinute: z.number().positive().optional(),
    timeoutMs: z.number().int().positive().optional(),
    maxRetries: z.number().int().min(0).max(10).optional(),
    inputPricePerMillion: z.number().nonnegative().optional(),
    outputPricePerMillion: z.number().nonnegative().optional(),
  })
  .catchall(z.unknown());

export const ProviderEntrySchema = z.union([
  z.string().min(1),
  z.strictObject({ id: z.string().min(1), label: z.string().min(1).optional(), config: ProviderConfigSchema.optional() }),
]);

/**
 * Our engine runs its graders and rubric on every answer, so the one assertion it accepts is ours
 * (which runs the same graders under promptfoo). Any other is refused by name rather than ignored.
 */
const AssertionSchema = z.custom<typeof OUR_ASSERTION>(isOurAssertion, {
  error: (issue) =>
    `only blueprint-eval's own assertion { type: ${OUR_ASSERTION.type}, value: ${OUR_ASSERTION.value} } is accepted, got ${JSON.stringify(issue.input)}: our engine grades every answer with its graders and rubrics/system-design.yaml; remove other assertions, or run this config with promptfoo`,
});

export const TestCaseSchema = z.strictObject({
  description: z.string().optional(),
  vars: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])),
  metadata: z.record(z.string(), z.unknown()).optional(),
  assert: z.array(AssertionSchema).optional(),
});

export const ConfigSchema = z.strictObject({
  description: z.string().optional(),
  prompts: z.array(PromptEntrySchema).min(1, 'expected at least one prompt'),
  providers: z.array(ProviderEntrySchema).min(1, 'expected at least one provider'),
  tests: z.union([FilePath, z.array(TestCaseSchema).min(1)]),
  defaultTest: z
    .strictObject({
      assert: z.array(AssertionSchema).optional(),
      vars: z.record(z.string(), z.string()).optional(),
      options: z.strictObject({ provider: ProviderEntrySchema.optional() }).optional(),
    })
    .optional(),
  evaluateOptions: z
    .strictObject({
      maxConcurrency: z.number().int().positive().optional(),
      repeat: z.number().int().positive().optional(),
      cache: z.boolean().optional(),
    })
    .optional(),
  outputPath: z.union([z.string(), z.array(z.string())]).optional(),
  sharing: z.boolean().optional(),
});

export type Config = z.infer<typeof ConfigSchema>;
export type ProviderEntry = z.infer<typeof ProviderEntrySchema>;
export type ProviderConfig = z.infer<typeof ProviderConfigSchema>;
export type TestCase = z.infer<typeof TestCaseSchema>;

export const SUPPORTED =
  'description, prompts (file:// entries), providers (openai:chat:*, anthropic:messages:*, file://), tests (file:// yaml/jsonl/csv or a list), defaultTest (vars, options.provider, assert: our own assertion only), evaluateOptions (maxConcurrency, repeat, cache), outputPath, sharing';
