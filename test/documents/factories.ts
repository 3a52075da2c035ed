/**
 * Realistic applications for the document tests: a Wuhan equipment maker applying under the Hubei
 * 2020 dual-innovation program and a Shijiazhuang machinery maker under the Hebei 2016 internet-plus
 * program, with the program definitions loaded from programs/ as the platform loads them.
 */
import { readFileSync } from 'node:fs';
import { programDefinition, type ProgramDefinition } from '../../src/core/programs/definition.ts';
import type { ProfileInput } from '../../contracts/applicants.ts';
import type { ApplicationDocumentInput } from '../../src/adapters/documents/application-docx.ts';

export function loadProgram(code: string): ProgramDefinition {
  return programDefinition.parse(JSON.parse(readFileSync(new URL(`../../programs/${code}.v1.json`, import.meta.url), 'utf8')));
}

export function profileFor(overrides: Partial<ProfileInput> = {}): ProfileInput {
  return {
    name: '武汉智联精工装备股份有限公司',
    divisionCode: '420111',
    address: '湖北省武汉市洪山区光谷大道77号',
    legalForm: 'enterprise',
    independentLegalPerson: true,
    independentAccounting: true,
    localStatisticsAndTax: true,
    legalRepresentative: '王志强',
    contacts: [{ name: '陈晓梅', position: '信息中心主任', mobile: '13871234567', email: 'chenxm@zljg.com.cn' }],
    industryCode: 'C3421',
    employees: 1280,
    integrationLevel: 3,
    itTeamSize: 46,
    credentials: [],
    financialYear: 2024,
    annualSalesFen: 3_125_000_000_00,
    annualProfitFen: 18_750_000_00,
    declarations: { badRecords: false, safetyAccident: false, lastMajorAccidentDate: '', underInvestigation: false, goodCredit: true, soundFinances: true },
    ...overrides,
  };
}

const COMMITMENT_TEXT =
  '承诺书\n本单位郑重承诺：所提交的申报材料真实、准确、完整，无弄虚作假行为；近三年无不良信用记录，未发生重大安全、质量和环境污染事故。\n如有不实，本单位愿承担相应责任，并接受主管部门依规作出的处理。';

export function hubeiApplication(overrides: Partial<ApplicationDocumentInput> = {}): ApplicationDocumentInput {
  const definition = loadProgram('hubei-2020-dual-innovation');
  return {
    definition,
    formIds: ['application'],
    formData: {
      application: {
        recommendingUnit: '420100',
        applicationDate: '2025-10-08',
        unitName: '武汉智联精工装备股份有限公司',
        projectName: '基于工业互联网的精密装备协同研发“双创”平台',
        directions: ['D1', 'D3'],
        address: '湖北省武汉市洪山区光谷大道77号',
        legalRepresentative: '王志强',
        industry: 'C3421',
        contactAndTitle: '陈晓梅 信息中心主任',
        mobile: '13871234567',
        email: 'chenxm@zljg.com.cn',
        employees: 1280,
        priorPilots: '2018年入选湖北省两化融合试点示范企业；2019年入选工业和信息化部制造业与互联网融合发展试点示范项目。',
        sales2018: 2_356_780_000_00,
        salesGrowth2018: 12.5,
        profit2018: -1_250_000_00,
        profitGrowth2018: -3.2,
        sales2019: 2_678_900_000_00,
        salesGrowth2019: 13.67,
        profit2019: 1_234_567_800,
        profitGrowth2019: 4,
        narrative:
          '公司自2015年起建设面向精密装备行业的“双创”平台，经历了内部创客孵化、产业链协同和开放服务三个阶段。\n平台设立专门的运营公司，建立项目制、合伙制的创客激励机制，向产业链上下游开放设计、仿真、试制和检测能力。\n截至2019年底，平台汇聚设计师和工程师1,200余名，孵化创客团队36个，服务中小企业420家，带动新产品开发周期缩短30%。',
        applicantOpinion: '情况属实，同意申报。',
        applicantOpinionDate: '2025-10-08',
      },
    },
    organization: { name: '武汉智联精工装备股份有限公司', creditCode: '91420100MA4KXW3T2M' },
    profile: profileFor(),
    attachments: [
      { requirementName: '申报表（签署单位意见并加盖公章的书面申报表扫描件）', fileName: '申报表-盖章.pdf', sizeBytes: 2_457_600, sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' },
      { requirementName: '相关佐证材料', fileName: '佐证材料.zip', sizeBytes: 18_874_368, sha256: '60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752' },
    ],
    commitment: { signatoryName: '李建国', acceptedAt: new Date('2025-10-08T02:30:00Z'), text: COMMITMENT_TEXT },
    state: { label: '已提交', submittedAt: new Date('2025-10-08T02:30:00Z') },
    callTitle: '关于组织申报2020年湖北省基于互联网的制造业“双创”平台（企业）试点示范项目的通知',
    generatedAt: new Date('2025-10-09T06:15:00Z'),
    ...overrides,
  };
}

export function hebeiApplication(overrides: Partial<ApplicationDocumentInput> = {}): ApplicationDocumentInput {
  const definition = loadProgram('hebei-2016-internet-plus');
  return {
    definition,
    formIds: ['application'],
    formData: {
      application: {
        projectName: '石家庄重型机械智能工厂工业互联网应用创新项目',
        direction: ['2.2'],
        startDate: '2025-03-01',
        completionDate: '2025-10-08',
        completableInPeriod: true,
        plannedInvestment: 4_560_000_000,
        summary: '建设覆盖铸造、机加工和装配车间的工业互联网网络，部署设备联网与数据采集系统。\n创新点：基于数字孪生的产线排产优化；预期生产效率提高20%，不良品率降低15%。',
      },
    },
    organization: { name: '石家庄恒远重型机械有限公司', creditCode: '91130100MA0CXY21PT' },
    profile: profileFor({
      name: '石家庄恒远重型机械有限公司',
      divisionCode: '130104',
      address: '河北省石家庄市桥西区中华南大街318号',
      legalRepresentative: '赵卫东',
      contacts: [{ name: '刘芳', position: '企业管理部部长', mobile: '13931112233', email: 'liufang@hyzj.cn' }],
      industryCode: 'C3511',
      employees: 860,
      itTeamSize: 12,
    }),
    attachments: [{ requirementName: '营业执照或法人证书', fileName: '营业执照.pdf', sizeBytes: 356_000, sha256: 'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9' }],
    commitment: { signatoryName: '孙丽华', acceptedAt: new Date('2025-10-08T01:00:00Z'), text: COMMITMENT_TEXT },
    state: { label: '已提交', submittedAt: new Date('2025-10-08T01:00:00Z') },
    callTitle: '关于开展2016年河北省“互联网+”制造业试点示范项目申报工作的通知',
    generatedAt: new Date('2025-10-09T06:15:00Z'),
    ...overrides,
  };
}
