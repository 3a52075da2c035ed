/**
 * An application's states up to the city's decision, and who may move it (DESIGN.md "Lifecycle"):
 * drafting → submitted → city review → (returned for revision → submitted again) | rejected | passed.
 * Withdrawal is the applicant's until the city starts its review.
 */
import { DomainError, type Messages } from '../errors.ts';
import type { Role } from '../roles.ts';

export type ApplicationState = 'draft' | 'submitted' | 'city_review' | 'returned' | 'withdrawn' | 'rejected' | 'city_passed' | 'recommended';

export const STATE_LABELS: Record<ApplicationState, Messages> = {
  draft: { 'zh-CN': '填写中', en: 'Draft' },
  submitted: { 'zh-CN': '已提交', en: 'Submitted' },
  city_review: { 'zh-CN': '市级初审中', en: 'Under city review' },
  returned: { 'zh-CN': '退回修改', en: 'Returned for revision' },
  withdrawn: { 'zh-CN': '已撤回', en: 'Withdrawn' },
  rejected: { 'zh-CN': '未通过', en: 'Rejected' },
  city_passed: { 'zh-CN': '市级初审通过', en: 'Passed city review' },
  recommended: { 'zh-CN': '已推荐', en: 'Recommended' },
};

export type Transition = 'submit' | 'withdraw' | 'start_review' | 'return';

const TRANSITIONS: Record<Transition, { from: readonly ApplicationState[]; to: ApplicationState; roles: readonly Role[] }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', roles: ['applicant'] },
  withdraw: { from: ['draft', 'submitted', 'returned'], to: 'withdrawn', roles: ['applicant'] },
  start_review: { from: ['submitted'], to: 'city_review', roles: ['city_officer'] },
  return: { from: ['submitted', 'city_review'], to: 'returned', roles: ['city_officer'] },
};

/** States the applicant can still type into. */
export const EDITABLE: readonly ApplicationState[] = ['draft', 'returned'];
/** States that count towards "one project per applicant per program". */
export const COUNTS_AGAINST_LIMIT = (s: ApplicationState) => s !== 'withdrawn' && s !== 'rejected';

export function canTransition(t: Transition, state: ApplicationState, role: Role): boolean {
  const rule = TRANSITIONS[t];
  return rule.from.includes(state) && rule.roles.includes(role);
}

/** The state after a transition, or a conflict saying why not (in the user's words). */
export function transition(t: Transition, state: ApplicationState): ApplicationState {
  const rule = TRANSITIONS[t];
  if (rule.from.includes(state)) return rule.to;
  const messages: Record<Transition, Messages> = {
    submit: { 'zh-CN': `当前状态（${STATE_LABELS[state]['zh-CN']}）不能提交`, en: `An application that is ${STATE_LABELS[state].en.toLowerCase()} cannot be submitted` },
    withdraw: {
      'zh-CN': `当前状态（${STATE_LABELS[state]['zh-CN']}）不能撤回：市级初审开始后不能撤回`,
      en: `An application that is ${STATE_LABELS[state].en.toLowerCase()} cannot be withdrawn: withdrawal ends when the city review starts`,
    },
    start_review: { 'zh-CN': `当前状态（${STATE_LABELS[state]['zh-CN']}）不能开始初审`, en: `Review cannot start on an application that is ${STATE_LABELS[state].en.toLowerCase()}` },
    return: { 'zh-CN': `当前状态（${STATE_LABELS[state]['zh-CN']}）不能退回修改`, en: `An application that is ${STATE_LABELS[state].en.toLowerCase()} cannot be returned` },
  };
  throw new DomainError('conflict', `cannot_${t}`, messages[t], [], { state });
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
