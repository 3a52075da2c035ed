import { BASE_APPLICANT, BASE_APPLICATION, type ProgramCases } from './types.ts';

/** A project that will later seek pilot status and is already filed (备案), so only `filed` flips the filing rule. */
const FIELDS = { alreadyInProvincialLibrary2021: false, intendsPilot: true };

export const cases: ProgramCases = {
  code: 'hebei-2021-ii-key-projects',
  passing: {
    // An independent legal person needs no local statistics-and-tax proof, so that fact is off here.
    applicant: { ...BASE_APPLICANT, localStatisticsAndTax: false },
    application: { ...BASE_APPLICATION, directions: ['3.3'], category: 'mode-application', projectStatus: 'new', fields: FIELDS },
    today: '2021-12-10',
  },
  failing: {
    'registered-in-hebei': { applicant: { provinceCode: '420000' } },
    enterprise: { applicant: { legalForm: 'university' } },
    'industrial-or-software': { applicant: { industryCode: 'F5123' } },
    'independent-or-local-statistics-and-tax': { applicant: { independentLegalPerson: false } },
    'sound-operation': { applicant: { soundFinances: false } },
    'no-bad-records': { applicant: { badRecords: true } },
    'integration-level': { applicant: { integrationLevel: 1 } },
    'it-team': { applicant: { itTeamSize: 0 } },
    'priority-it-pilot': { applicant: { credentials: ['provincial_ii_pilot'] } },
    'priority-award': { applicant: { credentials: ['it_innovation_award'] } },
    'priority-certified': { applicant: { credentials: ['integration_management_certified'] } },
    'priority-specialized-sme': { applicant: { credentials: ['provincial_specialized_sme'] } },
    'priority-epidemic-supplier': { applicant: { credentials: ['epidemic_key_supplier'] } },
    'direction-chosen': { application: { directions: [] } },
    'material-type': { application: { category: '' } },
    'material-type-matches-direction': { application: { directions: ['2.2'] } },
    'new-or-continuing': { application: { projectStatus: 'completed' } },
    'no-prior-government-funding': { application: { priorGovernmentFunding: true } },
    'not-already-in-library': { application: { fields: { ...FIELDS, alreadyInProvincialLibrary2021: true } } },
    'filing-for-pilot': { application: { filed: false } },
  },
};
