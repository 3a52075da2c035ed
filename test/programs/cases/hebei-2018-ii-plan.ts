import { BASE_APPLICANT, BASE_APPLICATION, type ProgramCases } from './types.ts';

/** A target plan (002): no rules, so nothing can fail; the passing case only proves the table runs. */
export const cases: ProgramCases = {
  code: 'hebei-2018-ii-plan',
  passing: { applicant: BASE_APPLICANT, application: BASE_APPLICATION, today: '2018-06-01' },
  failing: {},
};
