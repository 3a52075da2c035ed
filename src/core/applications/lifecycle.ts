/**
 * An application's states up to the city's decision, and who may move it (DESIGN.md "Lifecycle"):
 * drafting → submitted → city review → (returned for revision → submitted again) | rejected | passed.
 * Withdrawal is the applicant's until the city starts its review.
 */
import { DomainError, type Messages } from '../errors.ts';
import type { Role } from '../roles.ts';

export const APPLICATION_STATES = [
  'draft',
  'submitted',
  'city_review',
  'returned',
  'withdrawn',
  'rejected',
  'city_passed',
  'recommended',
  'policy_passed',
  'policy_rejected',
  'expert_review',
  'shortlisted',
  'not_shortlisted',
  'selected',
  'not_selected',
] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

export const STATE_LABELS: Record<ApplicationState, Messages> = {
  draft: { 'zh-CN': '填写中', en: 'Draft' },
  submitted: { 'zh-CN': '已提交', en: 'Submitted' },
  city_review: { 'zh-CN': '市级初审中', en: 'Under city review' },
  returned: { 'zh-CN': '退回修改', en: 'Returned for revision' },
  withdrawn: { 'zh-CN': '已撤回', en: 'Withdrawn' },
  rejected: { 'zh-CN': '未通过', en: 'Rejected' },
  city_passed: { 'zh-CN': '市级初审通过', en: 'Passed city review' },
  recommended: { 'zh-CN': '已推荐至省厅', en: 'Recommended to the province' },
  policy_passed: { 'zh-CN': '政策性审查通过', en: 'Passed policy review' },
  policy_rejected: { 'zh-CN': '政策性审查未通过', en: 'Failed policy review' },
  expert_review: { 'zh-CN': '专家评审中', en: 'Under expert review' },
  shortlisted: { 'zh-CN': '拟入选（公示中）', en: 'Shortlisted (public notice)' },
  not_shortlisted: { 'zh-CN': '未入围', en: 'Not shortlisted' },
  selected: { 'zh-CN': '正式入选', en: 'Selected' },
  not_selected: { 'zh-CN': '未入选', en: 'Not selected' },
};

export type Transition =
  | 'submit'
  | 'withdraw'
  | 'start_review'
  | 'return'
  | 'city_pass'
  | 'city_reject'
  | 'recommend'
  | 'unrecommend'
  | 'policy_pass'
  | 'policy_reject'
  | 'send_to_experts'
  | 'shortlist'
  | 'leave_out'
  | 'select'
  | 'remove_after_objection';

const TRANSITIONS: Record<Transition, { from: readonly ApplicationState[]; to: ApplicationState; roles: readonly Role[] }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', roles: ['applicant'] },
  withdraw: { from: ['draft', 'submitted', 'returned'], to: 'withdrawn', roles: ['applicant'] },
  start_review: { from: ['submitted'], to: 'city_review', roles: ['city_officer'] },
  return: { from: ['submitted', 'city_review'], to: 'returned', roles: ['city_officer'] },
  city_pass: { from: ['city_review'], to: 'city_passed', roles: ['city_officer'] },
  city_reject: { from: ['city_review'], to: 'rejected', roles: ['city_officer'] },
  recommend: { from: ['city_passed'], to: 'recommended', roles: ['city_officer'] },
  unrecommend: { from: ['recommended'], to: 'city_passed', roles: ['city_officer', 'province_officer'] },
  policy_pass: { from: ['recommended'], to: 'policy_passed', roles: ['province_officer'] },
  policy_reject: { from: ['recommended'], to: 'policy_rejected', roles: ['province_officer'] },
  send_to_experts: { from: ['policy_passed'], to: 'expert_review', roles: ['province_officer'] },
  shortlist: { from: ['expert_review'], to: 'shortlisted', roles: ['province_officer'] },
  leave_out: { from: ['expert_review'], to: 'not_shortlisted', roles: ['province_officer'] },
  select: { from: ['shortlisted'], to: 'selected', roles: ['province_officer'] },
  remove_after_objection: { from: ['shortlisted'], to: 'not_selected', roles: ['province_officer'] },
};

/** States the applicant can still type into. */
export const EDITABLE: readonly ApplicationState[] = ['draft', 'returned'];
/** States that count towards "one project per applicant per program". */
export const COUNTS_AGAINST_LIMIT = (s: ApplicationState) => s !== 'withdrawn' && s !== 'rejected';

/** The city's authenticity checklist when a program names none (DESIGN.md: city review). */
export const DEFAULT_CITY_CHECKLIST: { id: string; name: Messages }[] = [
  { id: 'identity', name: { 'zh-CN': '营业执照（法人证书）与统一社会信用代码、单位名称一致', en: 'Licence matches the credit code and name' } },
  { id: 'seals', name: { 'zh-CN': '申报书及附件盖章、签字齐全', en: 'Forms and attachments sealed and signed' } },
  { id: 'investment', name: { 'zh-CN': '投资额、建设内容与证明材料相符', en: 'Investment and content match the evidence' } },
  { id: 'declarations', name: { 'zh-CN': '无不良记录、无安全事故等声明经核实属实', en: 'Declarations (no bad records, no accidents) verified' } },
  { id: 'onsite', name: { 'zh-CN': '必要时已现场核查', en: 'Checked on site where needed' } },
];

export function canTransition(t: Transition, state: ApplicationState, role: Role): boolean {
  const rule = TRANSITIONS[t];
  return rule.from.includes(state) && rule.roles.includes(role);
}

/** The state after a transition, or a conflict saying why not (in the user's words). */
export function transition(t: Transition, state: ApplicationState): ApplicationState {
  const rule = TRANSITIONS[t];
  if (rule.from.includes(state)) return rule.to;
  const messages: Partial<Record<Transition, Messages>> = {
    submit: { 'zh-CN': `当前状态（${STATE_LABELS[state]['zh-CN']}）不能提交`, en: `An application that is ${STATE_LABELS[state].en.toLowerCase()} cannot be submitted` },
    withdraw: {
      'zh-CN': `当前状态（${STATE_LABELS[state]['zh-CN']}）不能撤回：市级初审开始后不能撤回`,
      en: `An application that is ${STATE_LABELS[state].en.toLowerCase()} cannot be withdrawn: withdrawal ends when the city review starts`,
    },
    start_review: { 'zh-CN': `当前状态（${STATE_LABELS[state]['zh-CN']}）不能开始初审`, en: `Review cannot start on an application that is ${STATE_LABELS[state].en.toLowerCase()}` },
    return: { 'zh-CN': `当前状态（${STATE_LABELS[state]['zh-CN']}）不能退回修改`, en: `An application that is ${STATE_LABELS[state].en.toLowerCase()} cannot be returned` },
  };
  const generic: Messages = { 'zh-CN': `当前状态（${STATE_LABELS[state]['zh-CN']}）不能进行此操作`, en: `This cannot be done to an application that is ${STATE_LABELS[state].en.toLowerCase()}` };
  throw new DomainError('conflict', `cannot_${t}`, messages[t as keyof typeof messages] ?? generic, [], { state });
}

/** The commitment (承诺书) an applicant accepts on submission, with its name and the program's. */
export function commitmentText(organizationName: string, programName: string): string {
  return [
    `我单位（${organizationName}）自愿申报${programName}，郑重承诺：`,
    '一、所提交的申报材料及附件内容真实、准确、完整，不存在弄虚作假、虚报冒领等行为；',
    '二、申报项目未以同一内容重复申报或多头申报财政资金支持；',
    '三、近年来未发生重大质量、安全、环境事故，无违法违规被调查处理的情形；',
    '四、如有不实，愿意承担取消资格、收回资金、禁止申报等相应责任。',
  ].join('\n');
}
