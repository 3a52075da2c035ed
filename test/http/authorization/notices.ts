/** Recipes of the decision, public-notice, objection and final-list routes. */
import type { RecipeModule, Target } from './world.ts';

export const noticeRecipes: RecipeModule = async (p, w) => {
  // A call of the actors' province (Hebei) against a call of Shandong's copy of the program.
  const calls: Record<Target, string> = { own: w.applicantSide.call, other: w.applicantSide.draftCalls.other };
  // A draft notice with one objection under each call, made through the repositories (the public route needs a published notice).
  const objections = {} as Record<Target, string>;
  const officer = w.actors.province_officer.account.id;
  for (const t of ['own', 'other'] as const) {
    objections[t] = await p.deps.uow.transaction(async (r) => {
      const noticeId = await r.notices.insert({ callId: calls[t], title: '授权测试公示', body: '', decisionNote: null, contact: null, createdBy: officer, now: p.clock.now() });
      return r.objections.insert({ noticeId, applicationId: null, name: '授权测试', contact: '13800000000', content: '授权测试异议内容', attachmentKey: null, attachmentName: null, ip: '10.0.0.9', createdAt: p.clock.now() });
    });
  }
  const province = (_r: unknown, t: Target) => w.provincePaths[t];
  const onCall = (suffix: string, body?: unknown) => ({ request: (_r: unknown, t: Target) => ({ path: `/api/calls/${calls[t]}${suffix}`, body }), record: province });
  return {
    'get /api/calls/:id/decision': onCall('/decision'),
    'post /api/calls/:id/decision': onCall('/decision', { shortlist: [], reasons: {} }),
    'get /api/calls/:id/notice': onCall('/notice'),
    'put /api/calls/:id/notice': onCall('/notice', { title: '授权测试公示', body: '', contact: { name: '授权测试', phone: '0311-87800000', email: null } }),
    'post /api/calls/:id/notice/publish': onCall('/notice/publish'),
    ...Object.fromEntries((['docx', 'xlsx', 'pdf'] as const).map((f) => [`get /api/calls/:id/notice/document.${f}`, onCall(`/notice/document.${f}`)])),
    'post /api/calls/:id/final-list': onCall('/final-list', { documentNumber: '授权测试〔2026〕1号' }),
    ...Object.fromEntries((['docx', 'xlsx', 'pdf'] as const).map((f) => [`get /api/calls/:id/final-list/document.${f}`, onCall(`/final-list/document.${f}`)])),
    'get /api/calls/:id/objections': onCall('/objections'),
    'post /api/objections/:id/handle': {
      request: (_r, t) => ({ path: `/api/objections/${objections[t]}/handle`, body: { status: 'investigating', outcome: '授权测试' } }),
      record: province,
    },
    'get /api/objections/:id/attachment': { request: (_r, t) => ({ path: `/api/objections/${objections[t]}/attachment` }), record: province },
  };
};
