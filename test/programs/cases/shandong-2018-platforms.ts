import { BASE_APPLICANT, BASE_APPLICATION, type ProgramCases } from './types.ts';

export const cases: ProgramCases = {
  code: 'shandong-2018-platforms',
  passing: {
    applicant: { ...BASE_APPLICANT, provinceCode: '370000', divisionCode: '370102' },
    application: { ...BASE_APPLICATION, directions: ['3'], category: 'equipment', fields: { platformFocus: 'industry' } },
    today: '2019-06-01',
  },
  failing: {
    'registered-in-shandong': { applicant: { provinceCode: '130000' } },
    'independent-civil-liability': { applicant: { independentLegalPerson: false } },
    'good-credit': { applicant: { goodCredit: false } },
    'builder-and-owner': { application: { builderAndOwner: false } },
    'operating-well': { application: { operatingWell: false } },
    'long-term-plan': { application: { hasLongTermPlan: false } },
    'one-tier': { application: { directions: ['2', '3'] } },
    'shiqiang-industry': { application: { category: 'textiles' } },
    'tier-3-focus': { application: { fields: {} } },
    'priority-national-ii-project': { applicant: { credentials: ['national_ii_pilot'] } },
    'priority-integration-demo': { applicant: { credentials: ['national_it_pilot'] } },
  },
};
