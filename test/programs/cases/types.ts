/**
 * Table-driven rule cases for one program: an applicant and application that meet every rule, and
 * for each rule the smallest change that makes it fail (or, for a priority rule, that earns it).
 */
export interface RuleInputCase {
  applicant: Record<string, unknown>;
  application: Record<string, unknown>;
  today: string;
}

export interface ProgramCases {
  code: string;
  /** Meets every eligibility, exclusion and limit rule, and holds no priority. */
  passing: RuleInputCase;
  /** rule id → changes to `passing` that make exactly that rule fail (priority rules: that earn it). */
  failing: Record<string, { applicant?: Record<string, unknown>; application?: Record<string, unknown>; today?: string }>;
}

/** A complete applicant profile for rule inputs, every fact set to a harmless value. */
export const BASE_APPLICANT = {
  legalForm: 'enterprise',
  independentLegalPerson: true,
  independentAccounting: true,
  provinceCode: '130000',
  divisionCode: '130102',
  industryCode: 'C3511',
  integrationLevel: 3,
  itTeamSize: 15,
  employees: 320,
  credentials: [] as string[],
  badRecords: false,
  safetyAccident: false,
  lastMajorAccidentDate: '',
  underInvestigation: false,
  goodCredit: true,
  localStatisticsAndTax: true,
  soundFinances: true,
  bannedUntil: '',
  annualSalesFen: 50_000_000_00,
  annualProfitFen: 5_000_000_00,
};

export const BASE_APPLICATION = {
  directions: ['1'] as string[],
  category: '',
  projectStatus: 'new',
  priorGovernmentFunding: false,
  filed: true,
  completableInPeriod: true,
  builderAndOwner: true,
  operatingWell: true,
  hasLongTermPlan: true,
  listedNationalPlatform: false,
  fields: {} as Record<string, unknown>,
};
