/** Test data of the applicant's side, shared by the API and authorization tests. */
import assert from 'node:assert/strict';
import type { ProfileInput } from '../../contracts/applicants.ts';
import type { Client, TestPlatform } from './platform.ts';

/** A minimal but valid PDF (the sniffer checks the content, not the name). */
export function pdfBytes(text = 'test'): Uint8Array {
  const body = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

export const PROFILE: ProfileInput = {
  name: '石家庄精工装备有限公司',
  divisionCode: '130102',
  address: '河北省石家庄市长安区中山东路 100 号',
  legalForm: 'enterprise',
  independentLegalPerson: true,
  independentAccounting: true,
  localStatisticsAndTax: true,
  legalRepresentative: '王建设',
  contacts: [{ name: '李工', position: '信息中心主任', mobile: '13912345678', email: 'li@jinggong.example' }],
  industryCode: 'C3421',
  employees: 260,
  integrationLevel: 3,
  itTeamSize: 5,
  credentials: [],
  financialYear: 2025,
  annualSalesFen: 35_000_000_000,
  annualProfitFen: 2_100_000_000,
  declarations: { badRecords: false, safetyAccident: false, lastMajorAccidentDate: '', underInvestigation: false, goodCredit: true, soundFinances: true },
};

export const SUMMARY = '本项目建设基于工业互联网平台的智能车间，'.repeat(12);
/** A complete form of hebei-2016-internet-plus. */
export const FORM = {
  application: {
    projectName: '精工装备智能车间建设项目',
    direction: ['2.2'],
    startDate: '2026-04-01',
    completionDate: '2028-06-30',
    completableInPeriod: true,
    plannedInvestment: 32_000_000_000,
    summary: SUMMARY,
  },
};
/** Its required attachments. */
export const REQUIRED = ['application-form', 'business-licence', 'integration-assessment'];

/** Uploads bytes in the server's chunks and completes the upload. */
export async function upload(client: Client, applicationId: string, requirementId: string, data: Uint8Array, fileName = `${requirementId}.pdf`, purpose: 'application' | 'acceptance' = 'application') {
  const created = await client.post('/api/uploads', { purpose, applicationId, requirementId, fileName, sizeBytes: data.byteLength });
  if (created.status !== 201) return created;
  const chunk = created.body.chunkBytes as number;
  for (let offset = 0; offset < data.byteLength; offset += chunk) {
    const r = await client.binary('PUT', `/api/uploads/${created.body.id}?offset=${offset}`, data.subarray(offset, offset + chunk));
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }
  return client.post(`/api/uploads/${created.body.id}/complete`);
}


/** Drafts, fills, attaches and submits an application of the call as the signed-in applicant; returns its id. */
export async function fillAndSubmit(client: Client, callId: string, form: { application: Record<string, unknown> } = FORM): Promise<string> {
  const app = await client.post('/api/applications', { callId });
  assert.equal(app.status, 201, JSON.stringify(app.body));
  const saved = await client.put(`/api/applications/${app.body.id}/draft`, { revision: app.body.revision, formData: form });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  for (const req of REQUIRED) assert.equal((await upload(client, app.body.id, req, pdfBytes(req))).status, 201);
  const r = await client.post(`/api/applications/${app.body.id}/submit`, { revision: saved.body.revision, commitment: { signatoryName: '法定代表人', accepted: true } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return app.body.id as string;
}

/**
 * A new enterprise of the city (named `name`, registered in `divisionCode`) with a complete profile and
 * a submitted application of the call (project “<name>智能工厂项目”); returns the application id.
 */
export async function submittedApplication(p: TestPlatform, callId: string, cityCode: string, name: string, divisionCode: string): Promise<string> {
  const org = await p.enterprise(cityCode, name);
  const client = p.client();
  await client.signIn(await p.account('applicant', org.code));
  assert.equal((await client.put('/api/profile', { profile: { ...PROFILE, name, divisionCode, itTeamSize: 12 }, baseVersion: 0 })).status, 200);
  return fillAndSubmit(client, callId, { application: { ...FORM.application, projectName: `${name}智能工厂项目` } });
}
