/**
 * Reading a pre-check (contracts/applicants.ts PrecheckResult) for the applicant: each rule's state
 * in plain terms, and which profile field decides a failed rule (to send the user there).
 */
import type { PrecheckResult } from '../../../contracts/applicants.ts';

type Outcome = PrecheckResult['outcomes'][number];

/**
 * - pending: reads the application's answers, not given yet ("judged with the form");
 * - fail: a blocking rule not met; warn: a warning rule not met;
 * - error: could not be judged (a missing profile fact) — blocking when the rule blocks.
 */
export type OutcomeStatus = 'pass' | 'fail' | 'warn' | 'pending' | 'priority' | 'no_priority' | 'error';

export function outcomeStatus(o: Outcome, pending: ReadonlySet<string>): OutcomeStatus {
  if (pending.has(o.ruleId)) return 'pending';
  if (o.status === 'fail') return o.blocking ? 'fail' : 'warn';
  if (o.status === 'error') return o.blocking ? 'fail' : 'error';
  return o.status;
}

/** Rule inputs (`applicant.X`) → the profile form field that sets them (a dotted path). */
const PROFILE_FIELDS: Record<string, string> = {
  provinceCode: 'divisionCode',
  divisionCode: 'divisionCode',
  legalForm: 'legalForm',
  independentLegalPerson: 'independentLegalPerson',
  independentAccounting: 'independentAccounting',
  localStatisticsAndTax: 'localStatisticsAndTax',
  industryCode: 'industryCode',
  integrationLevel: 'integrationLevel',
  itTeamSize: 'itTeamSize',
  employees: 'employees',
  credentials: 'credentials',
  badRecords: 'declarations.badRecords',
  safetyAccident: 'declarations.safetyAccident',
  lastMajorAccidentDate: 'declarations.lastMajorAccidentDate',
  underInvestigation: 'declarations.underInvestigation',
  goodCredit: 'declarations.goodCredit',
  soundFinances: 'declarations.soundFinances',
  annualSalesFen: 'annualSalesFen',
  annualProfitFen: 'annualProfitFen',
};

/** The profile field behind the first applicant fact a rule reads, or null when the profile does not decide it. */
export function profileFieldOf(inputs: Record<string, unknown>): string | null {
  for (const path of Object.keys(inputs)) {
    if (!path.startsWith('applicant.')) continue;
    const field = PROFILE_FIELDS[path.slice('applicant.'.length)];
    if (field) return field;
  }
  return null;
}
