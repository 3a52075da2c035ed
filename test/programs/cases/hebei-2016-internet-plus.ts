import { BASE_APPLICANT, BASE_APPLICATION, type ProgramCases } from './types.ts';

export const cases: ProgramCases = {
  code: 'hebei-2016-internet-plus',
  passing: { applicant: BASE_APPLICANT, application: { ...BASE_APPLICATION, directions: ['2.2'] }, today: '2016-05-01' },
  failing: {
    'registered-in-hebei': { applicant: { provinceCode: '370000' } },
    'legal-form': { applicant: { legalForm: 'enterprise', independentLegalPerson: false } },
    'integration-level': { applicant: { integrationLevel: 1 } },
    'it-team-size': { applicant: { itTeamSize: 9 } },
    'completable-in-period': { application: { completableInPeriod: false } },
    'priority-pilot': { applicant: { credentials: ['provincial_it_pilot'] } },
    'priority-award': { applicant: { credentials: ['it_innovation_award'] } },
    'priority-certified': { applicant: { credentials: ['integration_management_certified'] } },
    'no-bad-records': { applicant: { badRecords: true } },
    'no-safety-accident': { applicant: { safetyAccident: true } },
    'not-banned': { applicant: { bannedUntil: '2017-03-01' } },
    'direction-chosen': { application: { directions: ['1.1', '2.2'] } },
  },
};
