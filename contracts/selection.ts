/** Selection: the city's review and recommendation list, quotas, task-force opinions, policy review. */
import { z } from 'zod';
import { applicationSummary } from './applicants.ts';
import { id, messages } from './common.ts';

export const checklistItem = z.object({ id: z.string(), name: messages });
export const checklistAnswer = z.object({ id: z.string().max(50), checked: z.boolean(), note: z.string().trim().max(500).default('') });

export const cityDecisionInput = z.object({
  decision: z.enum(['pass', 'reject']),
  reason: z.string().trim().max(2000).default(''),
  checklist: z.array(checklistAnswer).max(30).default([]),
});

export const cityReview = z.object({
  decision: z.enum(['pass', 'reject']),
  reason: z.string(),
  checklist: z.array(checklistAnswer),
  by: z.string(),
  at: z.string(),
});

export const recommendationItem = z.object({ applicationId: id, rank: z.number().int(), category: z.string().nullable() });
export const recommendation = z.object({
  id,
  cityId: id,
  cityName: z.string(),
  cityCode: z.string(),
  status: z.enum(['draft', 'submitted', 'returned']),
  documentNumber: z.string().nullable(),
  returnedComment: z.string().nullable(),
  submittedAt: z.string().nullable(),
  items: z.array(recommendationItem),
});

export const recommendationView = z.object({
  callId: id,
  city: z.object({ id, name: z.string(), code: z.string() }),
  recommendation: recommendation.nullable(),
  /** The city's quota for this call (null: not bounded, or not set yet by the province). */
  quota: z.number().int().nullable(),
  candidates: z.array(applicationSummary.extend({ cityReview: cityReview.nullable() })),
  checklist: z.array(checklistItem),
});

export const callCityParams = z.object({ id, cityId: id });
export const callApplicationParams = z.object({ id, applicationId: id });
export const rankInput = z.object({ order: z.array(id).max(1000) });
export const submitRecommendationInput = z.object({ documentNumber: z.string().trim().min(2).max(100) });
export const returnRecommendationInput = z.object({ comment: z.string().trim().min(2).max(2000) });

export const quotasInput = z.object({
  /** City organization code → the number it may recommend. */
  quotaTable: z.record(z.string().regex(/^[0-9A-Za-z-]+$/), z.number().int().min(0).max(10_000)),
  threshold: z.number().min(0).max(100).nullable().default(null),
});
export const quotas = z.object({ quotaTable: z.record(z.string(), z.number()), threshold: z.number().nullable() });

export const taskForceOpinion = z.object({ departmentId: id, opinion: z.string().nullable(), supports: z.boolean().nullable(), at: z.string().nullable() });
export const taskForceOpinionInput = z.object({ supports: z.boolean(), opinion: z.string().trim().min(2).max(2000) });

export const policyDecisionInput = z.object({ decision: z.enum(['pass', 'reject']), reason: z.string().trim().max(2000).default('') });

export const selectionOverview = z.object({
  recommendations: z.array(recommendation),
  applications: z.array(applicationSummary.extend({ taskForce: taskForceOpinion.nullable(), policyReview: z.unknown().nullable(), finalScore: z.number().nullable() })),
  quotas,
});

export const taskForceQueue = z.object({ items: z.array(applicationSummary.extend({ opinion: z.string().nullable(), supports: z.boolean().nullable() })) });
