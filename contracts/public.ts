/**
 * The public portal (no sign-in): published calls with what an applicant must prepare, and the
 * formally published final lists. Only public facts: a call's text and its program's rules as
 * published; of each project on a list its enterprise, project, city and direction — never a
 * score, a credit code, a contact's phone or e-mail, or anything of an unpublished record.
 */
import { z } from 'zod';
import { id, listQuery, messages, pageOf } from './common.ts';

export const publicParams = z.object({ id });

const provinceCode = z.string().regex(/^\d{6}$/, { error: 'provinceCode' });
const programCode = z.string().regex(/^[a-z0-9-]+$/, { error: 'programCode' }).max(64);

// ——— Calls ———

/** Read at the moment of the request by the server's clock. */
export const publicCallStatus = z.enum(['open', 'upcoming', 'closed']);
export type PublicCallStatus = z.infer<typeof publicCallStatus>;

export const publicCallQuery = listQuery.extend({
  provinceCode: provinceCode.optional(),
  programCode: programCode.optional(),
  status: publicCallStatus.optional(),
  q: z.string().trim().max(100).optional(),
  /** status (the default): open first, closing soonest on top; then upcoming; then closed, latest first. */
  sort: z.enum(['status', 'deadlineAt', 'opensAt', 'publishedAt', 'title']).default('status'),
});

export const publicCallSummary = z.object({
  id,
  title: z.string(),
  documentNumber: z.string().nullable(),
  programCode: z.string(),
  programName: messages,
  issuer: z.string(),
  provinceCode: z.string(),
  provinceName: messages,
  opensAt: z.string(),
  deadlineAt: z.string(),
  /** The Beijing date applications open, and the last day with its closing time ("24:00" or e.g. "17:00"). */
  opensOn: z.string(),
  deadlineDate: z.string(),
  deadlineTime: z.string(),
  status: publicCallStatus,
  /** For an open call: whole days left before the deadline (0 on the last day); null otherwise. */
  remainingDays: z.number().int().nullable(),
  publishedAt: z.string().nullable(),
});
export type PublicCallSummary = z.infer<typeof publicCallSummary>;
export const publicCallPage = pageOf(publicCallSummary);

export interface PublicDirection {
  code: string;
  name: z.infer<typeof messages>;
  citation: string | null;
  children: PublicDirection[];
}
export const publicDirection: z.ZodType<PublicDirection> = z.lazy(() =>
  z.object({ code: z.string(), name: messages, citation: z.string().nullable(), children: z.array(publicDirection) }),
);

export const publicCallDetail = publicCallSummary.extend({
  programVersion: z.number().int(),
  /** The call's own text: what to submit and how. */
  materials: z.string(),
  /** The level of the direction tree an application chooses from (1 = top level). */
  directionLevel: z.number().int(),
  directions: z.array(publicDirection),
  applicantTypes: z.array(z.object({ code: z.string(), name: messages, citation: z.string().nullable() })),
  perApplicant: z.object({ maxApplications: z.number().int().nullable(), citation: z.string().nullable() }),
  /** The program's eligibility, exclusion, priority and limit rules as published, each with its article. */
  rules: z.array(z.object({ id: z.string(), kind: z.enum(['eligibility', 'exclusion', 'priority', 'limit']), severity: z.enum(['block', 'warn']), message: messages, citation: z.string() })),
  /** The materials to attach (from the applicant's forms), each once. */
  attachments: z.array(
    z.object({
      id: z.string(),
      name: messages,
      required: z.boolean(),
      /** Required only in some cases (the program states when). */
      conditional: z.boolean(),
      types: z.array(z.string()),
      maxSizeMb: z.number().int(),
      citation: z.string().nullable(),
    }),
  ),
  /** Downloadable blank forms (.docx) to prepare offline; a path under /api/public. */
  templates: z.array(z.object({ id: z.string(), name: messages, path: z.string() })),
});
export type PublicCallDetail = z.infer<typeof publicCallDetail>;

export const publicTemplateParams = z.object({ id, formId: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'formId' }).max(64) });

// ——— Final lists ———

export const publicFinalListQuery = listQuery.extend({
  provinceCode: provinceCode.optional(),
  programCode: programCode.optional(),
  q: z.string().trim().max(100).optional(),
  /** By publication date; newest first by default. */
  order: z.enum(['asc', 'desc']).default('desc'),
});

export const publicFinalListSummary = z.object({
  /** The notice's id: the same record at /api/public/notices/:id. */
  id,
  title: z.string(),
  documentNumber: z.string(),
  publishedAt: z.string(),
  programCode: z.string(),
  programName: messages,
  issuer: z.string(),
  provinceCode: z.string(),
  provinceName: messages,
  callId: id,
  callTitle: z.string(),
  itemCount: z.number().int(),
});
export type PublicFinalListSummary = z.infer<typeof publicFinalListSummary>;
export const publicFinalListPage = pageOf(publicFinalListSummary);

export const publicFinalListItem = z.object({
  position: z.number().int(),
  organizationName: z.string(),
  projectName: z.string(),
  cityName: z.string().nullable(),
  direction: z.string(),
});

export const publicFinalList = publicFinalListSummary.extend({ items: z.array(publicFinalListItem) });
export type PublicFinalList = z.infer<typeof publicFinalList>;

// ——— Filters ———

export const publicOptions = z.object({
  provinces: z.array(z.object({ code: z.string(), name: messages })),
  programs: z.array(z.object({ code: z.string(), name: messages })),
});
export type PublicOptions = z.infer<typeof publicOptions>;
