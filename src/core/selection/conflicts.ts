/**
 * Automatic conflicts of interest (回避) between experts and applications, found before any
 * assignment: the expert works for the applicant (same organization, or same credit code), has
 * declared a relation with it, or — when the program says so (`scoring.conflictOfInterest.sameCity`)
 * — is from the applicant's city. Declarations an expert makes later are recorded by the use case.
 *
 * Built for a pool of thousands of experts against hundreds of applications: the applications are
 * indexed by organization, credit code and city once, each expert looks up only the applications
 * that match, and every pair shares one frozen list of reasons per combination.
 */
import type { Messages } from '../errors.ts';
import type { ProgramDefinition } from '../programs/definition.ts';

export interface ConflictExpert {
  id: string;
  /** The expert's employer, when it is a registered organization. */
  organizationId?: string | null | undefined;
  creditCode?: string | null | undefined;
  /** The prefecture-level division code of the expert's city, compared as given with the application's. */
  cityCode?: string | null | undefined;
  /** Organizations the expert declared a relation with (former employer, shareholding, family…). */
  declaredOrganizationIds: readonly string[];
  declaredCreditCodes: readonly string[];
}

export interface ConflictApplication {
  id: string;
  organizationId: string;
  creditCode: string;
  cityCode: string;
}

export interface ConflictOptions {
  sameCity: boolean;
  /** The definition clause for the same-city rule, when it has one. */
  citation?: string | null | undefined;
}

export const CONFLICT_CODES = ['same_organization', 'same_credit_code', 'declared_organization', 'declared_credit_code', 'same_city'] as const;
export type ConflictCode = (typeof CONFLICT_CODES)[number];

export interface ConflictReason {
  code: ConflictCode;
  messages: Messages;
  citation: string | null;
}

const MESSAGES: Record<ConflictCode, Messages> = {
  same_organization: { 'zh-CN': '专家与申报单位为同一单位', en: 'The expert works for the applicant' },
  same_credit_code: { 'zh-CN': '专家所在单位与申报单位统一社会信用代码相同', en: "The expert's employer has the applicant's credit code" },
  declared_organization: { 'zh-CN': '专家申报了与该单位的关联关系', en: 'The expert declared a relation with the applicant' },
  declared_credit_code: { 'zh-CN': '专家申报了与该统一社会信用代码单位的关联关系', en: 'The expert declared a relation with the organization holding this credit code' },
  same_city: { 'zh-CN': '专家与申报单位属同一地市，按本项目规定回避', en: 'The expert is from the applicant’s city, which this program excludes' },
};

/** The key of an expert–application pair in the result map. */
export const pairKey = (expertId: string, applicationId: string) => `${expertId}|${applicationId}`;

/** The program's options: same-city exclusion and its citation (`scoring.conflictOfInterest`). */
export function conflictOptions(def: Pick<ProgramDefinition, 'scoring'>): ConflictOptions {
  const c = def.scoring?.conflictOfInterest;
  return { sameCity: c?.sameCity ?? false, citation: c?.citation ?? null };
}

const normalizeCode = (c: string | null | undefined) => (c ? c.trim().toUpperCase() : '');

function index(applications: readonly ConflictApplication[], key: (a: ConflictApplication) => string): Map<string, number[]> {
  const m = new Map<string, number[]>();
  applications.forEach((a, i) => {
    const k = key(a);
    if (!k) return;
    const list = m.get(k);
    if (list) list.push(i);
    else m.set(k, [i]);
  });
  return m;
}

/**
 * Every expert–application pair with at least one automatic conflict, keyed by `pairKey`, with
 * its reasons in the order of CONFLICT_CODES. Pairs come in the order of the experts, then of the
 * applications as given. Credit codes are compared trimmed and upper-cased.
 */
export function autoConflicts(
  experts: readonly ConflictExpert[],
  applications: readonly ConflictApplication[],
  options: ConflictOptions,
): Map<string, readonly ConflictReason[]> {
  const citation = options.citation ?? null;
  const reasons: ConflictReason[] = CONFLICT_CODES.map((code) => Object.freeze({ code, messages: MESSAGES[code], citation: code === 'same_city' ? citation : null }));
  // One shared, frozen reason list per combination of bits (2^5 of them), built on first use.
  const combos = new Map<number, readonly ConflictReason[]>();
  const reasonsFor = (mask: number) => {
    let r = combos.get(mask);
    if (!r) {
      r = Object.freeze(reasons.filter((_, bit) => mask & (1 << bit)));
      combos.set(mask, r);
    }
    return r;
  };
  const byOrganization = index(applications, (a) => a.organizationId);
  const byCreditCode = index(applications, (a) => normalizeCode(a.creditCode));
  const byCity = options.sameCity ? index(applications, (a) => a.cityCode) : new Map<string, number[]>();

  const out = new Map<string, readonly ConflictReason[]>();
  const mask = new Uint8Array(applications.length);
  const touched: number[] = [];
  const mark = (list: readonly number[] | undefined, bit: number) => {
    if (!list) return;
    for (const i of list) {
      if (mask[i] === 0) touched.push(i);
      mask[i] = mask[i]! | (1 << bit);
    }
  };
  for (const e of experts) {
    if (e.organizationId) mark(byOrganization.get(e.organizationId), 0);
    const own = normalizeCode(e.creditCode);
    if (own) mark(byCreditCode.get(own), 1);
    for (const o of e.declaredOrganizationIds) mark(byOrganization.get(o), 2);
    for (const c of e.declaredCreditCodes) {
      const code = normalizeCode(c);
      if (code) mark(byCreditCode.get(code), 3);
    }
    if (options.sameCity && e.cityCode) mark(byCity.get(e.cityCode), 4);
    if (touched.length === 0) continue;
    touched.sort((a, b) => a - b);
    for (const i of touched) {
      out.set(pairKey(e.id, applications[i]!.id), reasonsFor(mask[i]!));
      mask[i] = 0;
    }
    touched.length = 0;
  }
  return out;
}
