/**
 * From records to rule inputs: the applicant's facts come from its profile (as frozen at
 * submission), the application's from the form fields that answer them and the attachments
 * present. What is not yet known is left out, so the rule engine reports it instead of guessing.
 */
import type { Messages } from '../errors.ts';
import type { ProgramDefinition } from '../programs/definition.ts';
import { evaluateCondition, evaluateRules, RULE_INPUT_SCHEMA, type Evaluation, type RuleInput } from '../programs/rule-engine.ts';
import { chosenCategory, chosenDirections, factValue, formsFor, type FieldIssue, type FormData } from './form-data.ts';

/** The profile as the rules read it (contracts/applicants.ts `profileInput`). */
export interface ApplicantProfile {
  name: string;
  divisionCode: string;
  legalForm: string;
  independentLegalPerson: boolean;
  independentAccounting: boolean;
  localStatisticsAndTax: boolean;
  industryCode: string;
  employees: number;
  integrationLevel: number;
  itTeamSize: number;
  credentials: { code: string }[];
  annualSalesFen: number;
  annualProfitFen: number;
  declarations: {
    badRecords: boolean;
    safetyAccident: boolean;
    lastMajorAccidentDate: string;
    underInvestigation: boolean;
    goodCredit: boolean;
    soundFinances: boolean;
  };
}

/** The province (GB/T 2260) of a county-level division code. */
export const provinceOf = (divisionCode: string) => `${divisionCode.slice(0, 2)}0000`;

export function applicantFacts(profile: ApplicantProfile, bannedUntil: string): RuleInput {
  return {
    legalForm: profile.legalForm,
    independentLegalPerson: profile.independentLegalPerson,
    independentAccounting: profile.independentAccounting,
    provinceCode: provinceOf(profile.divisionCode),
    divisionCode: profile.divisionCode,
    industryCode: profile.industryCode,
    integrationLevel: profile.integrationLevel,
    itTeamSize: profile.itTeamSize,
    employees: profile.employees,
    credentials: profile.credentials.map((c) => c.code),
    badRecords: profile.declarations.badRecords,
    safetyAccident: profile.declarations.safetyAccident,
    lastMajorAccidentDate: profile.declarations.lastMajorAccidentDate,
    underInvestigation: profile.declarations.underInvestigation,
    goodCredit: profile.declarations.goodCredit,
    localStatisticsAndTax: profile.localStatisticsAndTax,
    soundFinances: profile.declarations.soundFinances,
    bannedUntil,
    annualSalesFen: profile.annualSalesFen,
    annualProfitFen: profile.annualProfitFen,
  };
}

/** The profile keys a form's `fromProfile` may name, with the organization's credit code. */
export function profileSource(profile: ApplicantProfile & { address?: string; legalRepresentative?: string }, creditCode: string | null): Record<string, unknown> {
  return { ...profile, ...profile.declarations, creditCode, credentials: profile.credentials.map((c) => c.code) };
}

const FACTS = Object.entries(RULE_INPUT_SCHEMA.application).filter(([k]) => k !== 'directions' && k !== 'fields' && k !== 'category');

/**
 * The application facts: directions and category from their fields, each other fact from the field
 * or attachment that answers it. `unknown` lists facts no field or attachment answers yet.
 */
export function applicationFacts(definition: Pick<ProgramDefinition, 'forms'>, formData: FormData, attachmentsPresent: ReadonlySet<string>): { facts: RuleInput; unknown: string[] } {
  const forms = formsFor(definition, formData);
  const facts: RuleInput = {
    directions: chosenDirections(definition, formData),
    category: chosenCategory(definition, formData) ?? '',
    fields: Object.assign({}, ...forms.map((f) => formData[f.id] ?? {})),
  };
  const unknown: string[] = [];
  for (const [fact] of FACTS) {
    const answer = factValue(forms, formData, fact);
    const attachment = forms.flatMap((f) => f.attachments).find((a) => a.ruleInput === fact);
    if (attachment) facts[fact] = attachmentsPresent.has(attachment.id);
    else if (answer.known && answer.value !== undefined && answer.value !== null && answer.value !== '') facts[fact] = answer.value;
    else unknown.push(`application.${fact}`);
  }
  return { facts, unknown };
}

export interface Precheck extends Evaluation {
  /** Rules that read an application fact not known yet: "checked with the form". */
  pending: string[];
}

/**
 * Every rule's outcome for this applicant and (possibly unfinished) application. A rule that reads
 * an application fact nobody has answered yet is pending, not failed — until submission, where
 * everything must be known.
 */
export function precheck(definition: Pick<ProgramDefinition, 'rules' | 'code' | 'version' | 'forms'>, applicant: RuleInput, formData: FormData, attachmentsPresent: ReadonlySet<string>, today: string): Precheck {
  const { facts } = applicationFacts(definition, formData, attachmentsPresent);
  const evaluation = evaluateRules(definition, { applicant, application: facts, today });
  const pending: string[] = [];
  // Before any form is filled, a rule on the application cannot be judged yet.
  const formStarted = Object.keys(formData).length > 0;
  const outcomes = evaluation.outcomes.map((o) => {
    const readsApplication = Object.keys(o.inputs).some((k) => k.startsWith('application.'));
    const missingOnlyApplication = o.status === 'error' && o.error?.startsWith('missing input:') && o.error.slice(14).split(',').every((p) => p.trim().startsWith('application.'));
    if (missingOnlyApplication || (!formStarted && readsApplication && o.kind !== 'priority')) {
      pending.push(o.ruleId);
      return { ...o, blocking: false };
    }
    return o;
  });
  return { outcomes, eligible: !outcomes.some((o) => o.blocking), priorities: evaluation.priorities, pending };
}

const ATTACHMENT_REQUIRED: Messages = { 'zh-CN': '必须上传', en: 'must be uploaded' };

/**
 * The attachments still missing: every required one, and those whose `requiredWhen` holds for this
 * applicant and application.
 */
export function missingAttachments(
  definition: Pick<ProgramDefinition, 'forms'>,
  formData: FormData,
  applicant: RuleInput,
  attachmentsPresent: ReadonlySet<string>,
  today: string,
): FieldIssue[] {
  const { facts } = applicationFacts(definition, formData, attachmentsPresent);
  return formsFor(definition, formData)
    .flatMap((f) => f.attachments)
    .filter((a) => {
      if (attachmentsPresent.has(a.id)) return false;
      if (a.required) return true;
      if (!a.requiredWhen) return false;
      const r = evaluateCondition(a.requiredWhen, { applicant, application: facts, today });
      return 'value' in r ? r.value : true;
    })
    .map((a) => ({
      path: `attachments.${a.id}`,
      code: 'attachment_missing',
      messages: { 'zh-CN': `${a.name['zh-CN']}：${ATTACHMENT_REQUIRED['zh-CN']}`, en: `${a.name.en}: ${ATTACHMENT_REQUIRED.en}` },
    }));
}
