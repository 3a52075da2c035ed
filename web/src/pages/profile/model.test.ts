import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProfileInput } from '../../../../contracts/applicants.ts';
import { credentialName, legalFormEffects, toProfileInput } from './model.ts';

test('the legal form decides the legal-person and accounting answers', () => {
  assert.deepEqual(legalFormEffects('branch', true), { legalPersonFixed: false, accountingFixed: null, showLocalStatistics: true });
  assert.deepEqual(legalFormEffects('enterprise', true), { legalPersonFixed: null, accountingFixed: true, showLocalStatistics: false });
  assert.deepEqual(legalFormEffects('public_institution', false), { legalPersonFixed: null, accountingFixed: null, showLocalStatistics: true });
  assert.deepEqual(legalFormEffects(undefined, undefined), { legalPersonFixed: null, accountingFixed: true, showLocalStatistics: false });
});

test('credential names come from the domain', () => {
  assert.equal(credentialName('integration_management_certified', 'zh-CN'), '两化融合管理体系贯标并通过评定');
  assert.equal(credentialName('unknown_code', 'en'), 'unknown_code');
});

test('the form values are sent trimmed, upper-cased and complete', () => {
  const values = {
    name: ' 某公司 ',
    divisionCode: '130102',
    address: ' 石家庄 ',
    legalForm: 'branch',
    independentLegalPerson: true,
    independentAccounting: false,
    localStatisticsAndTax: true,
    legalRepresentative: '张三',
    contacts: [{ name: ' 李四 ', position: undefined, mobile: '13800000000', email: ' Li@Example.CN ' }],
    industryCode: 'c3421',
    employees: 10,
    integrationLevel: 2,
    itTeamSize: 12,
    credentials: [{ code: 'national_it_pilot', obtainedOn: undefined, note: undefined, evidenceIds: undefined }],
    financialYear: 2025,
    annualSalesFen: 100,
    annualProfitFen: -5,
    declarations: { badRecords: false, safetyAccident: false, underInvestigation: false, goodCredit: true, soundFinances: true, lastMajorAccidentDate: undefined },
  } as unknown as ProfileInput;
  const input = toProfileInput(values);
  assert.equal(input.name, '某公司');
  assert.equal(input.industryCode, 'C3421');
  assert.equal(input.independentLegalPerson, false, 'a branch is never a legal person');
  assert.equal(input.independentAccounting, false);
  assert.equal(input.localStatisticsAndTax, true);
  assert.deepEqual(input.contacts, [{ name: '李四', position: '', mobile: '13800000000', email: 'li@example.cn' }]);
  assert.deepEqual(input.credentials, [{ code: 'national_it_pilot', obtainedOn: '', note: '', evidenceIds: [] }]);
  assert.equal(input.declarations.lastMajorAccidentDate, '');
});
