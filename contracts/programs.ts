import { z } from 'zod';
import { messages } from './common.ts';

const versionNumber = z.coerce.number().int().min(1);

export const programVersionSummary = z.object({
  version: z.number().int(),
  status: z.enum(['draft', 'published']),
  basedOnVersion: z.number().int().nullable(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const programSummary = z.object({
  code: z.string(),
  provinceCode: z.string(),
  name: messages.optional(),
  kind: z.string().optional(),
  issuer: z.string().optional(),
  versions: z.array(programVersionSummary),
});
export const programList = z.object({ items: z.array(programSummary) });

export const definitionProblem = z.object({ path: z.string(), message: z.string(), ruleId: z.string().optional() });

export const programVersionDetail = programVersionSummary.extend({
  code: z.string(),
  /** The definition (see docs/program-definition.schema.json); a draft may not yet be valid. */
  definition: z.record(z.string(), z.unknown()),
  problems: z.array(definitionProblem),
});
export type ProgramVersionDetail = z.infer<typeof programVersionDetail>;

export const programVersionParams = z.object({ code: z.string().regex(/^[a-z0-9-]+$/), version: versionNumber });
export const programCodeParams = z.object({ code: z.string().regex(/^[a-z0-9-]+$/) });
export const updateDraftInput = z.object({ definition: z.record(z.string(), z.unknown()) });
export const diffQuery = z.object({ from: versionNumber, to: versionNumber });
export const change = z.object({ path: z.string(), kind: z.enum(['added', 'removed', 'changed']), before: z.unknown().optional(), after: z.unknown().optional() });
export const diffResult = z.object({ from: z.number().int(), to: z.number().int(), changes: z.array(change) });

export const sample = z.object({ id: z.string(), name: z.string(), input: z.unknown() });
export const sampleList = z.object({ items: z.array(sample) });

export const evaluateInput = z
  .object({
    sampleId: z.string().optional(),
    sample: z.object({ applicant: z.record(z.string(), z.unknown()), application: z.record(z.string(), z.unknown()), today: z.iso.date().optional() }).optional(),
  })
  .refine((v) => v.sampleId || v.sample, { message: 'sampleId or sample', path: ['sampleId'] });

export const ruleOutcome = z.object({
  ruleId: z.string(),
  kind: z.string(),
  severity: z.string(),
  status: z.enum(['pass', 'fail', 'priority', 'no_priority', 'error']),
  blocking: z.boolean(),
  message: messages,
  citation: z.string(),
  expression: z.string(),
  inputs: z.record(z.string(), z.unknown()),
  error: z.string().optional(),
});
export const evaluation = z.object({ outcomes: z.array(ruleOutcome), eligible: z.boolean(), priorities: z.array(z.string()) });
export type Evaluation = z.infer<typeof evaluation>;

export const checkExpressionInput = z.object({ expression: z.string().min(1).max(2000) });
export const checkExpressionResult = z.object({ valid: z.boolean(), error: z.string().optional(), inputs: z.array(z.string()) });
