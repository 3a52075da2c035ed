/**
 * The program definition format: everything DESIGN.md lists under "A program definition holds",
 * as data. A definition is validated by this schema when loaded, and its rules are type-checked by
 * the rule engine (./rule-engine.ts) before it can be published. Money is integer fen; shares and
 * rates are basis points (1% = 100 bp); dates are ISO dates in Asia/Shanghai.
 */
import { z } from 'zod';

export const bilingual = z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) });
export type Bilingual = z.infer<typeof bilingual>;

const isoDate = z.iso.date();
const code = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens');
/** A citation into the source text: the policy's number and the article, e.g. "000 第五条（二）". */
const citation = z.string().regex(/^\d{3} \S.*$/, 'e.g. "000 第五条（二）"');
const fen = z.number().int().min(0);
const basisPoints = z.number().int().min(0).max(10_000);

export const ROLE_IDS = ['applicant', 'city_officer', 'province_officer', 'task_force_reviewer', 'expert', 'finance_officer', 'auditor', 'administrator'] as const;
const roleId = z.enum(ROLE_IDS);

/** The stage types of DESIGN.md "Lifecycle"; a program picks and orders the ones it uses. */
export const STAGE_TYPES = [
  'call_published',
  'drafting',
  'submitted',
  'city_review',
  'recommendation',
  'task_force_opinion',
  'policy_review',
  'expert_review',
  'defense_hearing',
  'decision',
  'public_notice',
  'final_list',
  'agreement',
  'implementation',
  'acceptance_request',
  'initial_acceptance',
  'acceptance',
  'rectification',
  'second_acceptance',
  'title',
  'subsidy',
  'spot_check',
  'closed',
] as const;
export type StageType = (typeof STAGE_TYPES)[number];

export interface Direction {
  code: string;
  name: Bilingual;
  description?: string | undefined;
  citation?: string | undefined;
  children?: Direction[] | undefined;
}
export const direction: z.ZodType<Direction> = z.lazy(() =>
  z.object({
    code: z.string().regex(/^[A-Za-z0-9.-]+$/),
    name: bilingual,
    description: z.string().optional(),
    citation: citation.optional(),
    children: z.array(direction).optional(),
  }),
);

export const RULE_KINDS = ['eligibility', 'exclusion', 'priority', 'limit'] as const;
export const rule = z.object({
  id: code,
  kind: z.enum(RULE_KINDS),
  /** A CEL expression over `applicant`, `application`, `program` and `today`; true means the rule is met. */
  expression: z.string().min(1).max(2000),
  /** block: an application that fails it cannot be submitted; warn: it is shown and recorded only. */
  severity: z.enum(['block', 'warn']),
  message: bilingual,
  citation,
});
export type Rule = z.infer<typeof rule>;

export const FIELD_TYPES = [
  'text',
  'textarea',
  'integer',
  'decimal',
  'money', // integer fen, shown in 元/万元
  'percent',
  'date',
  'year',
  'boolean',
  'select',
  'multiselect',
  'directions', // a choice among the program's directions
  'phone',
  'mobile',
  'email',
  'creditCode',
  'divisionCode',
  'industryCode',
  'table', // rows of sub-fields
] as const;

export interface FormField {
  id: string;
  label: Bilingual;
  type: (typeof FIELD_TYPES)[number];
  required: boolean;
  help?: Bilingual | undefined;
  unit?: string | undefined;
  min?: number | undefined;
  max?: number | undefined;
  minLength?: number | undefined;
  maxLength?: number | undefined;
  options?: { value: string; label: Bilingual }[] | undefined;
  /** For `table`: the columns; minRows/maxRows bound the rows. */
  columns?: FormField[] | undefined;
  minRows?: number | undefined;
  maxRows?: number | undefined;
  /** Filled by the platform from the applicant's profile (still shown, read-only). */
  fromProfile?: string | undefined;
  /** The application fact (RULE_INPUT_SCHEMA.application) this field answers; by default a field whose id is a fact's name. */
  ruleInput?: string | undefined;
  citation?: string | undefined;
}
export const formField: z.ZodType<FormField> = z.lazy(() =>
  z.object({
    id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
    label: bilingual,
    type: z.enum(FIELD_TYPES),
    required: z.boolean(),
    help: bilingual.optional(),
    unit: z.string().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    minLength: z.number().int().min(0).optional(),
    maxLength: z.number().int().min(1).optional(),
    options: z.array(z.object({ value: z.string(), label: bilingual })).optional(),
    columns: z.array(formField).optional(),
    minRows: z.number().int().min(0).optional(),
    maxRows: z.number().int().min(1).optional(),
    fromProfile: z.string().optional(),
    ruleInput: z.string().optional(),
    citation: citation.optional(),
  }),
);

export const attachmentRequirement = z.object({
  id: code,
  name: bilingual,
  required: z.boolean(),
  /** Accepted kinds, checked by content: pdf, docx, xlsx, jpg, png, zip. */
  types: z.array(z.enum(['pdf', 'docx', 'doc', 'xlsx', 'xls', 'jpg', 'png', 'zip'])).min(1),
  maxSizeMb: z.number().int().min(1).max(500),
  /** A CEL condition under which the attachment becomes required (e.g. only for a non-independent unit). */
  requiredWhen: z.string().max(2000).optional(),
  /** An application fact (bool) that is true when an attachment of this kind is present, e.g. hasLongTermPlan. */
  ruleInput: z.string().optional(),
  citation: citation.optional(),
});

export const form = z.object({
  id: code,
  title: bilingual,
  /** Which applications use this form: all, or those in the listed directions or categories. */
  appliesTo: z.object({ directions: z.array(z.string()).optional(), categories: z.array(z.string()).optional() }).default({}),
  /** Who fills it in: the applicant (the default), or the city or province officer at their stage. */
  filledBy: z.enum(['applicant', 'city_officer', 'province_officer']).default('applicant'),
  /** One per application (the default), or one per recommending unit (a city's recommendation table). */
  scope: z.enum(['application', 'recommending_unit']).default('application'),
  sections: z.array(z.object({ title: bilingual, fields: z.array(formField).min(1) })).min(1),
  attachments: z.array(attachmentRequirement).default([]),
  citation: citation.optional(),
});

export const deadline = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), date: isoDate, time: z.string().regex(/^\d{2}:\d{2}$/).default('24:00') }),
  z.object({ kind: z.literal('after_stage_start'), length: z.number().int().min(1), unit: z.enum(['calendar', 'working']) }),
  z.object({ kind: z.literal('set_by_call') }),
  z.object({ kind: z.literal('none') }),
]);

export const stage = z.object({
  type: z.enum(STAGE_TYPES),
  name: bilingual.optional(),
  actingRoles: z.array(roleId).min(1),
  deadline: deadline.default({ kind: 'none' }),
  /** Repeats while the project runs, e.g. a progress report at the end of every quarter. */
  recurrence: z.enum(['quarterly', 'yearly']).optional(),
  /** For a recurring report: how many days before it is due the applicant is reminded (7 when not set). */
  reminderDays: z.number().int().min(0).max(30).optional(),
  citation: citation.optional(),
});

export const publicNotice = z.object({
  length: z.number().int().min(1).max(60),
  unit: z.enum(['calendar', 'working']),
  /** Whether the day of publication counts (common practice) or counting starts the next day (民法典 art. 201). */
  start: z.enum(['publish_day', 'next_day']),
  endTime: z.enum(['24:00', '17:00']).default('24:00'),
  /** If the last day is a statutory holiday the period ends on the next working day (民法典 art. 203). */
  rollForwardIfHoliday: z.boolean().default(true),
  objections: z.boolean().default(true),
  /** What the public notice shows of each project: organization, project, city, direction, and these form fields (`formId.fieldId`). */
  publicFields: z.array(z.string()).default([]),
  citation,
});

export const quotas = z.object({
  total: z.object({ min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional(), citation: citation.optional() }).optional(),
  /** Per recommending unit (city code → number); `editable` when the source leaves the table to the call. */
  perCity: z
    .object({ default: z.number().int().min(0).optional(), table: z.record(z.string(), z.number().int().min(0)).default({}), editable: z.boolean(), note: z.string().optional(), citation: citation.optional() })
    .optional(),
  perCategory: z.array(z.object({ category: z.string(), perCityMax: z.number().int().min(0).optional(), totalMax: z.number().int().min(0).optional(), lockedAfterEntry: z.boolean().default(false), citation })).default([]),
});

export const scoring = z.object({
  rubric: z.array(z.object({ id: code, name: bilingual, weight: basisPoints, max: z.number().int().min(1) })).default([]),
  expertsPerApplication: z.number().int().min(1).max(15),
  aggregation: z.enum(['mean', 'trimmed_mean']),
  defenseHearing: z.boolean(),
  /** A score below it is not shortlisted (0–100); the call may set its own. */
  threshold: z.number().min(0).max(100).optional(),
  /** Conflicts of interest beyond the automatic ones (same organization or credit code, declared relations). */
  conflictOfInterest: z.object({ sameCity: z.boolean(), citation: citation.optional() }).default({ sameCity: false }),
  /** Each expert's number of applications, when the program or the call bounds it. */
  expertLoad: z.object({ min: z.number().int().min(0), max: z.number().int().min(1) }).optional(),
  citation: citation.optional(),
});

export const tranche = z.object({
  id: code,
  /** Share of the award in basis points; `remainder` takes what the others leave. */
  share: z.union([basisPoints, z.literal('remainder')]),
  /** Set by the call when the source leaves the split open. */
  shareSetByCall: z.boolean().default(false),
  trigger: z.enum(['selection', 'agreement', 'acceptance', 'officer_decision']),
  budgetYear: z.enum(['same', 'next']),
  citation,
});

export const subsidy = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none'), reason: z.string() }),
  z.object({
    kind: z.literal('formula'),
    /** award = min(rate × base, cap), in fen. */
    rate: basisPoints,
    base: z.literal('eligible_investment'),
    capFen: fen,
    eligibleInvestment: z.object({
      /** Invoices dated within this many calendar years ending with the completion year. */
      windowYears: z.number().int().min(1),
      includesCompletionYear: z.boolean(),
      categories: z.array(z.object({ code, name: bilingual })).min(1),
      citation,
    }),
    tranches: z.array(tranche).min(1),
    cityMatching: z.object({ required: z.boolean(), ratio: basisPoints.optional(), citation }).optional(),
    citation,
  }),
  z.object({
    kind: z.literal('officer_entered'),
    capFen: fen,
    /** A higher cap when the expression holds (e.g. listed as a national platform). */
    raisedCaps: z.array(z.object({ when: z.string(), capFen: fen, message: bilingual, citation })).default([]),
    awardForms: z.array(z.enum(['interest_subsidy', 'reward', 'equity'])).min(1),
    tranches: z.array(tranche).min(1),
    citation,
  }),
]);

export const acceptance = z.object({
  /** The steps in order after the request, e.g. city initial acceptance then province expert acceptance. */
  sequence: z.array(z.enum(['initial_acceptance', 'acceptance'])).min(1),
  acceptedBy: z.enum(['city', 'province']),
  rectification: z.object({ allowed: z.boolean(), secondAcceptance: z.boolean() }),
  materials: z.array(z.object({ id: code, name: bilingual, citation })).default([]),
  citation,
});

export const sanction = z.object({
  id: code,
  trigger: z.enum(['fraud', 'misuse_of_funds', 'performance_shortfall']),
  effects: z.array(z.enum(['revoke_title', 'recover_funds', 'adjust_funds', 'application_ban', 'refer_to_finance'])).min(1),
  banYears: z.number().int().min(1).optional(),
  banScope: z.enum(['this_program', 'all_programs']).optional(),
  message: bilingual,
  citation,
});

export const title = z.object({ id: code, name: bilingual, grantedOn: z.enum(['acceptance']), condition: bilingual.optional(), citation });

export const target = z.object({
  id: code,
  name: bilingual,
  year: z.number().int().min(2000).max(2100),
  value: z.number(),
  unit: z.string(),
  /** at_least (the default) or at_most, for targets that are ceilings. */
  direction: z.enum(['at_least', 'at_most']).default('at_least'),
  baseline: z.object({ year: z.number().int(), value: z.number() }).optional(),
  /** How the current value is known: computed by the platform from its own records, or reported. */
  measure: z.discriminatedUnion('kind', [z.object({ kind: z.literal('computed'), metric: z.string() }), z.object({ kind: z.literal('reported'), every: z.enum(['quarter', 'year']) })]),
  leadDepartment: z.string(),
  participatingDepartments: z.array(z.string()).default([]),
  citation,
});

/**
 * A financial incentive stated as a share of a base (002 三（四）: a bank's reward at most 3‰ of its
 * quarterly average loan balance). `bound` says whether the share is a ceiling or a floor.
 */
export const incentive = z.object({
  id: code,
  name: bilingual,
  payer: z.string(),
  payee: z.string(),
  base: bilingual,
  /** In basis points: 3‰ is 30. */
  rate: basisPoints,
  bound: z.enum(['at_most', 'at_least']),
  period: z.enum(['quarter', 'year', 'each']).default('each'),
  /** A further share of the result, e.g. at least 50% of the team's reward to the main contributors. */
  thenShare: z.object({ of: bilingual, rate: basisPoints, bound: z.enum(['at_most', 'at_least']) }).optional(),
  citation,
});
export type Incentive = z.infer<typeof incentive>;

/** The amount an incentive allows for a base amount in fen: floor(base × rate / 10,000). */
export function incentiveAmountFen(i: Pick<Incentive, 'rate'>, baseFen: number): number {
  return Math.floor((baseFen * i.rate) / 10_000);
}

/** One article or numbered paragraph of the source text, and what implements it. */
export const coverageItem = z.object({
  ref: z.string().min(1),
  /** References into this definition: `rule:ID`, `field:FORM.FIELD`, `stage:TYPE`, `setting:PATH`, `direction:CODE`, `target:ID`. */
  implementedBy: z.array(z.string()).default([]),
  status: z.enum(['covered', 'not-enforceable']),
  reason: z.string().optional(),
});

export const programDefinition = z
  .object({
    code,
    version: z.number().int().min(1),
    kind: z.enum(['application_program', 'target_plan']),
    name: bilingual,
    issuer: z.string(),
    documentNumber: z.string().optional(),
    source: z.object({ file: z.string(), title: z.string(), issuedOn: isoDate }),
    effective: z.object({ from: isoDate, to: isoDate.optional() }),
    /** The province (GB/T 2260 code) whose recommending units take part. */
    provinceCode: z.string().regex(/^\d{6}$/),
    applicantTypes: z.array(z.object({ code, name: bilingual, citation: citation.optional() })).default([]),
    directions: z.array(direction).default([]),
    /** The level of the direction tree an application chooses from (1 = top level). */
    directionLevel: z.number().int().min(1).max(3).default(1),
    rules: z.array(rule).default([]),
    /** Per-applicant limits enforced by the platform's records (not by an expression). */
    perApplicant: z.object({ maxApplications: z.number().int().min(1).optional(), citation: citation.optional() }).default({}),
    forms: z.array(form).default([]),
    quotas: quotas.default({ perCategory: [] }),
    stages: z.array(stage).default([]),
    scoring: scoring.optional(),
    publicNotice: publicNotice.optional(),
    subsidy: subsidy.optional(),
    acceptance: acceptance.optional(),
    spotCheck: z.object({ minShare: basisPoints, stratifiedBy: z.enum(['city', 'none']), citation }).optional(),
    sanctions: z.array(sanction).default([]),
    titles: z.array(title).default([]),
    /** Routing to task forces for an initial opinion (003): a form field's value → the department's organization code. */
    taskForceRouting: z.object({ field: z.string(), organizationCodes: z.record(z.string(), z.string()), citation }).optional(),
    targets: z.array(target).default([]),
    incentives: z.array(incentive).default([]),
    coverage: z.array(coverageItem).default([]),
  })
  .superRefine((d, ctx) => {
    const ids = new Set<string>();
    d.rules.forEach((r, i) => {
      if (ids.has(r.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id ${r.id}` });
      ids.add(r.id);
    });
    const order = d.stages.map((s) => STAGE_TYPES.indexOf(s.type));
    order.forEach((o, i) => {
      if (i > 0 && o < order[i - 1]!) ctx.addIssue({ code: 'custom', path: ['stages', i, 'type'], message: 'stages must follow the lifecycle order' });
    });
  });

export type ProgramDefinition = z.infer<typeof programDefinition>;
export type ProgramDefinitionInput = z.input<typeof programDefinition>;

/** Every direction code in the tree, depth first. */
export function directionCodes(directions: readonly Direction[], level = 1, at = 1): string[] {
  return directions.flatMap((d) => [...(at === level ? [d.code] : []), ...directionCodes(d.children ?? [], level, at + 1)]);
}
