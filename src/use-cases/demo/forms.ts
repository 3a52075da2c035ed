/**
 * What a demo applicant writes into each program's application form: plausible values that pass the
 * form's checks and the program's rules (the generator's applicants are eligible; who falls out is
 * decided later by the city, the province and the experts). Fields filled from the profile
 * (`fromProfile`) are left to the server, which fills them itself.
 */
import { addDays } from '../../core/calendar.ts';
import type { ProgramDefinition } from '../../core/programs/definition.ts';
import type { FormData } from '../../core/applications/form-data.ts';
import { between, pickOne, type Industry, type Random } from './names.ts';

/** The demo enterprise as the forms need it. */
export interface DemoEnterprise {
  name: string;
  short: string;
  unitCode: string;
  unitDivisionCode: string;
  divisionCode: string;
  address: string;
  industry: Industry;
  legalRepresentative: string;
  contactName: string;
  contactMobile: string;
  contactEmail: string;
  employees: number;
  annualSalesFen: number;
}

const yuan = (n: number) => n * 100;
const wan = (n: number) => n * 1_000_000; // 万元 in fen

/** A paragraph of at least `min` characters about the project, made of sentences about it. */
export function narrative(random: Random, e: DemoEnterprise, project: string, min: number): string {
  const sentences = [
    `${e.name}是一家专业从事${e.industry.product}研发与生产的企业，现有员工${e.employees}人。`,
    `本项目“${project}”围绕${e.industry.product}生产全过程，建设覆盖设计、生产、质检、物流和服务的工业互联网应用体系。`,
    '项目依托工业互联网平台，实现设备联网率达到90%以上，关键工序数控化率显著提升。',
    '通过部署边缘计算网关和工业APP，打通MES、ERP、PLM等系统的数据壁垒，形成统一的数据底座。',
    '项目建成后，预计生产效率提高20%以上，产品不良品率降低15%，单位产值能耗下降10%。',
    '企业已通过两化融合管理体系评定，拥有一支稳定的信息化团队，具备项目实施和运维能力。',
    '项目形成的解决方案可在同行业中小企业中复制推广，带动产业链上下游协同发展。',
    '项目资金来源为企业自筹和银行贷款，资金保障充足，建设进度安排合理可行。',
    '在数据安全方面，项目按照等级保护要求建设安全防护体系，保障工业数据安全可控。',
    '项目实施采用分阶段推进的方式，先行开展试点车间建设，再逐步推广到全厂各生产线。',
  ];
  let text = '';
  let i = between(random, 0, sentences.length - 1);
  while ([...text].length < min) {
    text += sentences[i % sentences.length];
    i += 1;
  }
  return text;
}

/** A plausible direction (leaf code) of a definition, for a program whose form takes one. */
function leafCodes(definition: ProgramDefinition): string[] {
  return definition.directions.flatMap((d) => ((d.children ?? []).length ? (d.children ?? []).map((c) => c.code) : [d.code]));
}

export interface DraftedForm {
  formData: FormData;
  projectName: string;
}

type Builder = (random: Random, e: DemoEnterprise, definition: ProgramDefinition, today: string) => DraftedForm;

/** 000: one direction, a period the project can be completed and accepted in, the summary. */
const hebeiInternetPlus: Builder = (random, e, definition, today) => {
  const projectName = `${e.short}${pickOne(random, THEMES_SHORT)}`;
  const start = addDays(today, between(random, 30, 90));
  return {
    projectName,
    formData: {
      application: {
        projectName,
        direction: [pickOne(random, leafCodes(definition))],
        startDate: start,
        completionDate: addDays(start, between(random, 540, 900)),
        completableInPeriod: true,
        plannedInvestment: wan(between(random, 500, 8000)),
        summary: narrative(random, e, projectName, 260),
      },
    },
  };
};

/** 001: a material type with directions that fit it (attachment 2, 3 or 4), a new or continuing project without earlier government funding. */
const hebeiKeyProjects: Builder = (random, e, _definition, today) => {
  const r = random();
  const category = r < 0.75 ? 'mode-application' : r < 0.9 ? 'industry-regional-platform' : 'experience-center';
  const modeDirections = ['1.1', '1.2', '2.1', '3.1', '3.2', '3.3', '3.4', '3.5', '3.6', '4.1', '4.2'];
  const directions = category === 'mode-application' ? [pickOne(random, modeDirections)] : category === 'experience-center' ? ['5.1'] : ['2.2'];
  const projectName =
    category === 'mode-application'
      ? `${e.short}${pickOne(random, THEMES_SHORT)}`
      : category === 'experience-center'
        ? `${e.short}工业互联网平台应用创新体验中心`
        : `${e.short}${e.industry.trade}行业工业互联网平台`;
  const intendsPilot = random() < 0.5;
  return {
    projectName,
    formData: {
      project: {
        projectName,
        category,
        directions,
        projectStatus: random() < 0.7 ? 'new' : 'continuing',
        priorGovernmentFunding: false,
        alreadyInProvincialLibrary2021: false,
        intendsPilot,
        filed: intendsPilot,
        ...(intendsPilot ? { filingNumber: `${today.slice(0, 4)}-13${String(between(random, 1000, 9999))}-39-03-${String(between(random, 100000, 999999))}` } : {}),
      },
    },
  };
};

/** 004: the fixed application table, one to three directions, two years of figures, the narrative of at least 1,000 characters. */
const hubeiDualInnovation: Builder = (random, e, definition, today) => {
  const projectName = `${e.short}“双创”${pickOne(random, ['平台建设', '服务平台', '开放创新平台', '协同制造平台'])}项目`;
  const codes = leafCodes(definition);
  const n = between(random, 1, 3);
  const directions: string[] = [];
  while (directions.length < n) {
    const c = pickOne(random, codes);
    if (!directions.includes(c)) directions.push(c);
  }
  const sales2018 = Math.max(1000, Math.round(e.annualSalesFen / 1_000_000 / (1 + random() * 0.4)));
  const sales2019 = Math.round(sales2018 * (1 + random() * 0.2));
  return {
    projectName,
    formData: {
      application: {
        recommendingUnit: e.unitDivisionCode,
        applicationDate: today,
        projectName,
        directions,
        address: e.address,
        legalRepresentative: e.legalRepresentative,
        contactAndTitle: `${e.contactName}（信息化部部长）`,
        mobile: e.contactMobile,
        email: e.contactEmail,
        priorPilots: random() < 0.4 ? '2018年入选省级两化融合试点示范企业' : '无',
        sales2018: wan(sales2018),
        salesGrowth2018: between(random, -5, 25),
        profit2018: wan(Math.round(sales2018 * 0.06)),
        profitGrowth2018: between(random, -10, 30),
        sales2019: wan(sales2019),
        salesGrowth2019: Math.round(((sales2019 - sales2018) / sales2018) * 100),
        profit2019: wan(Math.round(sales2019 * 0.07)),
        profitGrowth2019: between(random, -5, 30),
        narrative: narrative(random, e, projectName, 1100),
        applicantOpinion: '情况属实，同意申报。',
        applicantOpinionDate: today,
      },
    },
  };
};

const SHIQIANG = ['ngit', 'equipment', 'energy-materials', 'ocean', 'health', 'chemicals', 'agriculture', 'culture', 'tourism', 'finance'];

/** 003: a platform of tier 2 or 3 (tier 3 with its focus), one of the 十强 industries (routes it to the task force), operating figures. */
const shandongPlatforms: Builder = (random, e) => {
  const tier = random() < 0.2 ? '2' : '3';
  const platformName = tier === '2' ? `${e.short}跨行业工业互联网平台` : `${e.short}${e.industry.trade}产业互联网平台`;
  const listed = random() < 0.1;
  return {
    projectName: platformName,
    formData: {
      application: {
        legalRepresentative: e.legalRepresentative,
        contactName: e.contactName,
        contactMobile: e.contactMobile,
        contactEmail: e.contactEmail,
        buildCapability: narrative(random, e, platformName, 120),
        platformName,
        tier: [tier],
        industry: e.industry.code.startsWith('I') ? 'ngit' : pickOne(random, SHIQIANG.slice(0, 6)),
        ...(tier === '3' ? { platformFocus: pickOne(random, ['industry', 'region', 'scenario']) } : {}),
        builderAndOwner: true,
        listedNationalPlatform: listed,
        requestedSupportForms: random() < 0.5 ? ['reward'] : ['interest_subsidy', 'reward'],
        operatingWell: true,
        launchDate: `${between(random, 2015, 2018)}-0${between(random, 1, 9)}-1${between(random, 0, 9)}`,
        connectedDevices: between(random, 500, 60_000),
        enterpriseUsers: between(random, 30, 3_000),
        industrialApps: between(random, 10, 600),
        annualRevenue: wan(between(random, 800, 30_000)),
        totalInvestment: wan(between(random, 2_000, 40_000)),
        plannedInvestment: wan(between(random, 1_000, 20_000)),
        positioning: narrative(random, e, platformName, 240),
        expectedCostReduction: between(random, 15, 30),
        expectedUpgradeCycleReduction: between(random, 15, 30),
        expectedProductivityIncrease: between(random, 15, 35),
        expectedDefectRateReduction: between(random, 8, 20),
        expectedEnergyEfficiencyIncrease: between(random, 10, 25),
      },
    },
  };
};

const THEMES_SHORT = ['智能工厂建设项目', '5G+智能车间改造项目', '设备全生命周期管理平台项目', '数字化车间升级改造项目', '供应链协同平台建设项目', '产品质量追溯系统项目', '能源管控平台建设项目', '远程运维服务平台项目', '网络化协同研发平台项目', '个性化定制平台项目', '数字孪生工厂项目', '工业大数据平台项目'];

/** The form builder of each program the generator knows; a program without one is left out (and said so). */
export const FORM_BUILDERS: Record<string, Builder> = {
  'hebei-2016-internet-plus': hebeiInternetPlus,
  'hebei-2021-ii-key-projects': hebeiKeyProjects,
  'hubei-2020-dual-innovation': hubeiDualInnovation,
  'shandong-2018-platforms': shandongPlatforms,
};

/** Invoice amounts and sellers for the investment ledger (000 第十三条 categories). */
export function demoInvoice(random: Random, n: number, issuedOn: string, categories: readonly string[]) {
  const sellers = ['华为技术有限公司', '浪潮电子信息产业股份有限公司', '用友网络科技股份有限公司', '西门子（中国）有限公司', '新华三技术有限公司', '沈阳新松机器人自动化股份有限公司', '中国移动通信集团河北有限公司', '金蝶软件（中国）有限公司'];
  const amount = yuan(between(random, 30, 300) * 10_000);
  return {
    number: String(between(random, 10_000_000, 99_999_999)) + String(n).padStart(4, '0'),
    issuedOn,
    sellerName: pickOne(random, sellers),
    sellerCreditCode: null,
    amountFen: amount,
    taxFen: Math.round(amount * 0.13),
    category: pickOne(random, categories),
    note: null,
  };
}
