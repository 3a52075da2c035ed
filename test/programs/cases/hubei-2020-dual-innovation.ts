import { BASE_APPLICANT, BASE_APPLICATION, type ProgramCases } from './types.ts';

export const cases: ProgramCases = {
  code: 'hubei-2020-dual-innovation',
  passing: {
    // A Wuhan (武昌区) auto-parts manufacturer.
    applicant: { ...BASE_APPLICANT, provinceCode: '420000', divisionCode: '420106', industryCode: 'C3670' },
    application: { ...BASE_APPLICATION, directions: ['D2', 'D8'] },
    today: '2021-01-05',
  },
  failing: {
    'applicant-type': { applicant: { industryCode: 'F5123' } },
    'registered-in-hubei': { applicant: { provinceCode: '130000' } },
    'independent-legal-person': { applicant: { independentLegalPerson: false } },
    'sound-finances': { applicant: { soundFinances: false } },
    'directions-chosen': { application: { directions: ['D2', 'D10'] } },
    'max-three-directions': { application: { directions: ['D1', 'D2', 'D4', 'D8'] } },
    // Two years after 2019-01-06 is 2021-01-06, one day after `today`.
    'no-major-accident': { applicant: { lastMajorAccidentDate: '2019-01-06' } },
    'no-violations': { applicant: { badRecords: true } },
    'not-under-investigation': { applicant: { underInvestigation: true } },
    'priority-national-integration-pilot': { applicant: { credentials: ['national_integration_pilot'] } },
    'priority-national-manufacturing-internet-pilot': { applicant: { credentials: ['national_it_pilot'] } },
    'priority-national-smart-manufacturing-pilot': { applicant: { credentials: ['national_smart_manufacturing_pilot'] } },
    'priority-provincial-integration-pilot': { applicant: { credentials: ['provincial_it_pilot'] } },
    'priority-integration-certified': { applicant: { credentials: ['integration_management_certified'] } },
  },
};
