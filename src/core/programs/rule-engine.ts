/**
 * The rule engine: CEL (Common Expression Language, non-Turing-complete: no loops, no I/O) over
 * typed inputs — the applicant's profile, the application, the program and today's date. Rules are
 * type-checked when a definition is loaded or published; evaluation returns every rule's outcome
 * with the input values it read, so an officer or applicant can see why.
 */
import { Environment } from '@marcbachmann/cel-js';
import type { Bilingual, ProgramDefinition, Rule } from './definition.ts';

/**
 * The facts a rule can read. Integers are CEL `int`; money is integer fen; dates are ISO strings
 * (compare them as strings); an unknown date is ''.
 */
export const RULE_INPUT_SCHEMA = {
  applicant: {
    /** enterprise | branch | public_institution | social_organization | university | research_institute */
    legalForm: 'string',
    independentLegalPerson: 'bool',
    independentAccounting: 'bool',
    /** GB/T 2260 province code of the registered address, e.g. "130000". */
    provinceCode: 'string',
    divisionCode: 'string',
    /** GB/T 4754-2017 code with its section letter, e.g. "C3511". */
    industryCode: 'string',
    /** 两化融合 stage: 0 unknown, 1 起步建设, 2 单项覆盖（单项应用）, 3 集成提升, 4 创新突破 (REFERENCE.md c). */
    integrationLevel: 'int',
    itTeamSize: 'int',
    employees: 'int',
    /** Credentials held, by code (see CREDENTIALS). */
    credentials: 'list<string>',
    /** Bad records in law, management, credit, energy saving and emissions, safety or environment. */
    badRecords: 'bool',
    /** A production-safety liability accident. */
    safetyAccident: 'bool',
    /** Date of the last major quality, environmental or safety accident, '' if none. */
    lastMajorAccidentDate: 'string',
    /** Violations under investigation. */
    underInvestigation: 'bool',
    goodCredit: 'bool',
    /** A non-independent unit that files statistics and pays tax where it is (001). */
    localStatisticsAndTax: 'bool',
    soundFinances: 'bool',
    /** End of an application ban (sanction), '' if none. */
    bannedUntil: 'string',
    annualSalesFen: 'int',
    annualProfitFen: 'int',
  },
  application: {
    directions: 'list<string>',
    category: 'string',
    /** new | continuing | completed */
    projectStatus: 'string',
    priorGovernmentFunding: 'bool',
    /** Project filing (备案) done. */
    filed: 'bool',
    completableInPeriod: 'bool',
    /** The applicant both builds and owns the platform (003). */
    builderAndOwner: 'bool',
    operatingWell: 'bool',
    hasLongTermPlan: 'bool',
    listedNationalPlatform: 'bool',
    /** The form's fields by id (dynamic). */
    fields: 'map',
  },
  program: { code: 'string', version: 'int' },
  today: 'string',
} as const;

/** Credential codes the profile records with evidence (issue: applicants). */
export const CREDENTIALS: Record<string, Bilingual> = {
  national_it_pilot: { 'zh-CN': '国家信息化类试点示范', en: 'National informatization pilot' },
  provincial_it_pilot: { 'zh-CN': '省级信息化类试点示范', en: 'Provincial informatization pilot' },
  it_innovation_award: { 'zh-CN': '省级以上信息技术创新成果或奖励', en: 'Provincial-or-higher IT innovation award' },
  integration_management_certified: { 'zh-CN': '两化融合管理体系贯标并通过评定', en: '两化融合 management system certified' },
  national_integration_pilot: { 'zh-CN': '国家两化融合管理体系贯标试点', en: 'National 两化融合 management pilot' },
  national_smart_manufacturing_pilot: { 'zh-CN': '国家智能制造试点示范', en: 'National smart-manufacturing pilot' },
  national_ii_pilot: { 'zh-CN': '国家工业互联网试点示范', en: 'National industrial-internet pilot' },
  provincial_ii_pilot: { 'zh-CN': '省级工业互联网试点示范', en: 'Provincial industrial-internet pilot' },
  provincial_specialized_sme: { 'zh-CN': '省级专精特新中小企业', en: 'Provincial specialized SME (专精特新)' },
  epidemic_key_supplier: { 'zh-CN': '疫情防控重点保障企业', en: 'Key epidemic-supply producer' },
  national_platform: { 'zh-CN': '国家级工业互联网平台', en: 'National industrial-internet platform' },
};

type SchemaNode = string | { readonly [k: string]: SchemaNode };
export type RuleInput = Record<string, unknown>;

const LIMITS = { maxAstNodes: 500, maxDepth: 40, maxListElements: 200, maxMapEntries: 200, maxCallArguments: 8 };

/** Adds whole years to an ISO date (for "within two years" rules). */
function addYears(date: string, years: bigint): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return '';
  const y = Number(m[1]) + Number(years);
  const day = m[2] === '02' && m[3] === '29' ? '28' : m[3];
  return `${String(y).padStart(4, '0')}-${m[2]}-${day}`;
}

function makeEnvironment(): Environment {
  let env = new Environment({ limits: LIMITS, homogeneousAggregateLiterals: true });
  for (const [name, node] of Object.entries(RULE_INPUT_SCHEMA)) {
    env = typeof node === 'string' ? env.registerVariable(name, node) : env.registerVariable({ name, schema: node as Record<string, string> });
  }
  return env.registerFunction('addYears(string, int): string', addYears, { description: 'ISO date plus whole years' });
}

const ENVIRONMENT = makeEnvironment();

export interface RuleCheck {
  ruleId: string;
  valid: boolean;
  /** Why the expression was refused (syntax or types), when it was. */
  error?: string;
}

/** Type-checks one expression; it must yield a bool. */
export function checkExpression(expression: string): { valid: boolean; error?: string } {
  try {
    const r = ENVIRONMENT.check(expression);
    if (!r.valid) return { valid: false, error: String(r.error?.message ?? r.error).split('\n')[0] };
    if (r.type !== 'bool') return { valid: false, error: `the expression yields ${r.type}, not bool` };
    return { valid: true };
  } catch (err) {
    return { valid: false, error: String((err as Error).message).split('\n')[0] };
  }
}

export function checkRules(rules: readonly Rule[]): RuleCheck[] {
  return rules.map((r) => ({ ruleId: r.id, ...checkExpression(r.expression) }));
}

/** The input paths an expression reads, e.g. ["applicant.itTeamSize", "today"]. */
export function inputsRead(expression: string): string[] {
  const ast = ENVIRONMENT.parse(expression).ast as unknown;
  const paths = new Set<string>();
  const pathOf = (node: unknown): string | null => {
    const n = node as { op?: string; args?: unknown };
    if (n?.op === 'id' && typeof n.args === 'string') return n.args;
    if (n?.op === '.' && Array.isArray(n.args)) {
      const base = pathOf(n.args[0]);
      return base && typeof n.args[1] === 'string' ? `${base}.${n.args[1]}` : null;
    }
    return null;
  };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const p = pathOf(node);
    if (p && p.split('.')[0]! in RULE_INPUT_SCHEMA) {
      paths.add(p);
      return;
    }
    const args = (node as { args?: unknown }).args;
    if (Array.isArray(args)) args.forEach(walk);
    else if (args && typeof args === 'object') walk(args);
  };
  walk(ast);
  return [...paths].sort();
}

/** Converts plain input to CEL values: integers in `int` fields become BigInt. */
function toCel(value: unknown, schema: SchemaNode | undefined): unknown {
  if (schema === 'int') return typeof value === 'number' ? BigInt(Math.trunc(value)) : value;
  if (schema === 'map') return deepBigInt(value);
  if (typeof schema === 'object' && value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(schema).map(([k, s]) => [k, toCel((value as Record<string, unknown>)[k], s)]));
  }
  return value;
}
function deepBigInt(v: unknown): unknown {
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  if (Array.isArray(v)) return v.map(deepBigInt);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deepBigInt(x)]));
  return v;
}
function fromCel(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [k, fromCel(x)]));
  if (Array.isArray(v)) return v.map(fromCel);
  return v;
}

function readPath(input: RuleInput, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), input);
}

export type OutcomeStatus = 'pass' | 'fail' | 'priority' | 'no_priority' | 'error';

export interface RuleOutcome {
  ruleId: string;
  kind: Rule['kind'];
  severity: Rule['severity'];
  status: OutcomeStatus;
  /** Whether the outcome stops submission (a failed or erroring block rule). */
  blocking: boolean;
  message: Bilingual;
  citation: string;
  expression: string;
  inputs: Record<string, unknown>;
  error?: string;
}

export interface Evaluation {
  outcomes: RuleOutcome[];
  /** True when no block rule failed. */
  eligible: boolean;
  priorities: string[];
}

/**
 * Runs every rule of a program on one applicant and application. Priority rules report whether the
 * applicant has the priority; the others whether they are met. Missing inputs are an error outcome,
 * never a silent pass.
 */
export function evaluateRules(definition: Pick<ProgramDefinition, 'rules' | 'code' | 'version'>, input: { applicant: RuleInput; application: RuleInput; today: string }): Evaluation {
  const full: RuleInput = { ...input, program: { code: definition.code, version: definition.version } };
  const context = Object.fromEntries(Object.entries(RULE_INPUT_SCHEMA).map(([k, s]) => [k, toCel(full[k], s as SchemaNode)]));
  const outcomes = definition.rules.map((rule): RuleOutcome => {
    const reads = inputsRead(rule.expression);
    const inputs = Object.fromEntries(reads.map((p) => [p, fromCel(readPath(full, p))]));
    const missing = reads.filter((p) => readPath(full, p) === undefined && !p.startsWith('application.fields.'));
    const base = { ruleId: rule.id, kind: rule.kind, severity: rule.severity, message: rule.message, citation: rule.citation, expression: rule.expression, inputs };
    if (missing.length) return { ...base, status: 'error', blocking: rule.severity === 'block' && rule.kind !== 'priority', error: `missing input: ${missing.join(', ')}` };
    try {
      const result = ENVIRONMENT.evaluate(rule.expression, context);
      if (typeof result !== 'boolean') throw new Error(`the rule yielded ${typeof result}, not bool`);
      if (rule.kind === 'priority') return { ...base, status: result ? 'priority' : 'no_priority', blocking: false };
      return { ...base, status: result ? 'pass' : 'fail', blocking: !result && rule.severity === 'block' };
    } catch (err) {
      return { ...base, status: 'error', blocking: rule.severity === 'block' && rule.kind !== 'priority', error: String((err as Error).message).split('\n')[0] };
    }
  });
  return {
    outcomes,
    eligible: !outcomes.some((o) => o.blocking),
    priorities: outcomes.filter((o) => o.status === 'priority').map((o) => o.ruleId),
  };
}

/**
 * A condition in a definition other than a rule (an attachment's `requiredWhen`, a raised cap's
 * `when`): true, false, or an error message when it cannot be evaluated on this input.
 */
export function evaluateCondition(expression: string, input: { applicant: RuleInput; application: RuleInput; today: string; program?: RuleInput }): { value: boolean } | { error: string } {
  const full: RuleInput = { program: { code: '', version: 0 }, ...input };
  const context = Object.fromEntries(Object.entries(RULE_INPUT_SCHEMA).map(([k, s]) => [k, toCel(full[k], s as SchemaNode)]));
  try {
    const result = ENVIRONMENT.evaluate(expression, context);
    return typeof result === 'boolean' ? { value: result } : { error: `the condition yielded ${typeof result}, not bool` };
  } catch (err) {
    return { error: String((err as Error).message).split('\n')[0] ?? 'error' };
  }
}
