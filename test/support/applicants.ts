/** Test data of the applicant's side, shared by the API and authorization tests. */
import type { ProfileInput } from '../../contracts/applicants.ts';

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
