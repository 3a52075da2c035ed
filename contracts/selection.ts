/** Selection: the city's review and recommendation list, quotas, task-force opinions, policy review. */
import { z } from 'zod';
import { applicationSummary, callStatus } from './applicants.ts';
import { id, listQuery, messages, pageOf } from './common.ts';

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

/** How much of each limit the city's list uses (src/core/selection/quota.ts remainingQuota). */
export const quotaStatus = z.object({
  city: z
    .object({
      limit: z.number().int().nullable(),
      source: z.enum(['call', 'definition', 'default']).nullable(),
      used: z.number().int(),
      remaining: z.number().int().nullable(),
      citation: z.string().nullable(),
    })
    .nullable(),
  categories: z.array(
    z.object({ category: z.string(), label: messages, perCityMax: z.number().int().nullable(), used: z.number().int(), remaining: z.number().int().nullable(), citation: z.string() }),
  ),
});

export const recommendationView = z.object({
  callId: id,
  callTitle: z.string(),
  city: z.object({ id, name: z.string(), code: z.string() }),
  recommendation: recommendation.nullable(),
  /** The city's quota for this call (null: not bounded, or not set yet by the province). */
  quota: z.number().int().nullable(),
  quotaStatus,
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
  /** Every recommending unit of the call's province, with its quota. */
  cities: z.array(z.object({ id, name: z.string(), code: z.string(), quota: z.number().int().nullable() })),
});

export const taskForceQueue = z.object({ items: z.array(applicationSummary.extend({ opinion: z.string().nullable(), supports: z.boolean().nullable() })) });

/** The recommendation table as a download: .xlsx or .docx in the program's layout. */
export const tableFormat = z.enum(['xlsx', 'docx']);

const callBase = z.object({
  id,
  programCode: z.string(),
  programVersion: z.number().int(),
  programName: messages,
  title: z.string(),
  documentNumber: z.string().nullable(),
  opensAt: z.string(),
  deadlineAt: z.string(),
  status: callStatus,
});

export const recommendationStatus = z.enum(['draft', 'submitted', 'returned']);

/** One city's list of a call, as the province's list of calls shows it. */
export const cityListStatus = z.object({
  cityId: id,
  cityName: z.string(),
  cityCode: z.string(),
  /** null: the city has not started a list. */
  status: recommendationStatus.nullable(),
  items: z.number().int(),
  quota: z.number().int().nullable(),
  documentNumber: z.string().nullable(),
  submittedAt: z.string().nullable(),
});

export const selectionCallQuery = listQuery.extend({
  q: z.string().trim().max(100).optional(),
  programCode: z.string().max(100).optional(),
  sort: z.enum(['deadlineAt', 'opensAt', 'title']).default('deadlineAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});

/** A call with its selection progress: applications by state, and every recommending unit's list. */
export const selectionCall = callBase.extend({
  counts: z.record(z.string(), z.number().int()),
  cities: z.array(cityListStatus),
  /** Cities that submitted their list, of all recommending units of the province. */
  submittedCities: z.number().int(),
});
export const selectionCallPage = pageOf(selectionCall);

/** A call as the city's recommendation page lists it, with the city's own list. */
export const cityCall = callBase.extend({
  /** The city's applications of the call by state. */
  counts: z.record(z.string(), z.number().int()),
  /** Passed the city review and not (yet) on a submitted list, or on one. */
  candidates: z.number().int(),
  listStatus: recommendationStatus.nullable(),
  items: z.number().int(),
  quota: z.number().int().nullable(),
  documentNumber: z.string().nullable(),
  returnedComment: z.string().nullable(),
});
export const cityCallPage = pageOf(cityCall);
