import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProgramDefinition } from '../../../../src/core/programs/definition.ts';
import { autosaveRetryDelay, commentTargets, missingRequired, replacementValues, sortProblems } from './model.ts';

type Form = ProgramDefinition['forms'][number];

const FORM: Form = {
  id: 'application',
  title: { 'zh-CN': '申报书', en: 'Application' },
  appliesTo: {},
  filledBy: 'applicant',
  scope: 'application',
  sections: [
    {
      title: { 'zh-CN': '基本情况', en: 'Basics' },
      fields: [
        { id: 'projectName', label: { 'zh-CN': '项目名称', en: 'Project' }, type: 'text', required: true },
        { id: 'summary', label: { 'zh-CN': '主要内容', en: 'Summary' }, type: 'textarea', required: true, minLength: 200 },
      ],
    },
  ],
  attachments: [
    { id: 'application-form', name: { 'zh-CN': '申报书', en: 'Sealed application' }, required: true, types: ['pdf'], maxSizeMb: 50 },
    { id: 'credentials', name: { 'zh-CN': '证明', en: 'Evidence' }, required: false, types: ['pdf'], maxSizeMb: 20 },
    { id: 'statistics', name: { 'zh-CN': '纳税证明', en: 'Tax proof' }, required: false, requiredWhen: '!applicant.independentLegalPerson', types: ['pdf'], maxSizeMb: 20 },
  ],
};

const m = (text: string) => ({ 'zh-CN': text, en: `en ${text}` });

test('problems go to the field, the attachment row, or a message', () => {
  const onPage = new Set([JSON.stringify(['application', 'summary']), JSON.stringify(['application', 'projectName'])]);
  const sorted = sortProblems(
    [
      { path: 'application.summary', messages: m('主要内容：至少 200 字') },
      { path: 'application.summary', messages: m('主要内容：另一个问题') },
      { path: 'attachments.application-form', messages: m('申报书：必须上传') },
      { path: 'other.field', messages: m('别处的问题') },
      { path: 'revision', messages: m('版本号不对') },
      { path: 'application.projectName.3.name', messages: m('第 4 行：必填') },
    ],
    'zh-CN',
    (name) => onPage.has(JSON.stringify(name)),
  );
  assert.deepEqual(sorted.fields, [
    { name: ['application', 'summary'], messages: ['主要内容：至少 200 字', '主要内容：另一个问题'] },
    { name: ['application', 'projectName'], messages: ['第 4 行：必填'] },
  ]);
  assert.deepEqual(sorted.attachments, { 'application-form': ['申报书：必须上传'] });
  assert.deepEqual(sorted.other, ['别处的问题', '版本号不对']);
});

test('an officer comments on any field or attachment of the forms', () => {
  assert.deepEqual(commentTargets([FORM], 'zh-CN'), [
    { value: 'application.projectName', label: '项目名称' },
    { value: 'application.summary', label: '主要内容' },
    { value: 'attachments.application-form', label: '附件 · 申报书' },
    { value: 'attachments.credentials', label: '附件 · 证明' },
    { value: 'attachments.statistics', label: '附件 · 纳税证明' },
  ]);
});

test('a restored copy replaces the form whole: fields it lacks are emptied', () => {
  assert.deepEqual(replacementValues({ application: { projectName: '服务器', summary: '服务器的内容' } }, { application: { projectName: '本机' } }), {
    application: { projectName: '本机', summary: undefined },
  });
  assert.deepEqual(replacementValues({}, { other: { x: 1 } }), { other: { x: 1 } });
});

test('only the unconditionally required attachments are judged missing in the browser', () => {
  assert.deepEqual(missingRequired([FORM], new Set()), ['application-form']);
  assert.deepEqual(missingRequired([FORM], new Set(['application-form'])), []);
});

test('autosave waits longer after each failure, up to a minute', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map(autosaveRetryDelay), [3000, 6000, 12000, 24000, 48000, 60000, 60000]);
});
