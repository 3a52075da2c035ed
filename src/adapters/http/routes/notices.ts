/** The decision, the public notice with objections (public, no login), and the final list. */
import {
  callParams,
  decisionInput,
  decisionView,
  finalListInput,
  handleObjectionInput,
  noticeDraftInput,
  noticeView,
  objection,
  objectionInput,
  objectionList,
  objectionParams,
  objectionReceipt,
  publicNotice as publicNoticeSchema,
  publicNoticePage,
  publicNoticeQuery,
} from '../../../../contracts/notices.ts';
import type { HolidaySchedules } from '../../../core/calendar.ts';
import { confirmDecision, getDecision } from '../../../use-cases/selection/decision.ts';
import { publishFinalList } from '../../../use-cases/selection/final-list.ts';
import { getNotice, listPublicNotices, noticeDocument, publicNotice, publishNotice, saveNoticeDraft, type NoticeData, type NoticeDocumentData } from '../../../use-cases/selection/notice.ts';
import { handleObjection, listObjections, objectionAttachment, submitObjection, type ObjectionView } from '../../../use-cases/selection/objections.ts';
import type { Deps } from '../../../use-cases/ports.ts';
import { finalListDocx, noticeDocx } from '../../documents/notice-docx.ts';
import { finalListXlsx, noticeXlsx } from '../../documents/notice-xlsx.ts';
import { KIND_MIME } from '../../files/index.ts';
import { loadHolidaySchedules } from '../../reference/holidays.ts';
import { FileResult, route } from '../route.ts';

const tag = 'notices';
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The holiday schedules, read from reference/holidays/ on first use and kept (they change only with a new file and a restart). */
let schedules: HolidaySchedules | null = null;
const holidays = () => (schedules ??= loadHolidaySchedules());

const presentNotice = (d: NoticeData) => ({
  id: d.notice.id,
  callId: d.notice.callId,
  title: d.notice.title,
  body: d.notice.body,
  contact: d.contact,
  status: d.status,
  publishedAt: iso(d.notice.publishedAt),
  period: d.period,
  periodIsPreview: d.periodIsPreview,
  noticeRequired: Boolean(d.definition.publicNotice),
  objectionsAllowed: d.objectionsAllowed,
  finalDocumentNumber: d.notice.finalDocumentNumber,
  finalPublishedAt: iso(d.notice.finalPublishedAt),
  items: d.items,
  objections: d.objections,
});

const presentObjection = (o: ObjectionView) => ({
  id: o.id,
  noticeId: o.noticeId,
  applicationId: o.applicationId,
  projectName: o.projectName,
  name: o.name,
  contact: o.contact,
  content: o.content,
  attachmentName: o.attachmentName,
  ip: o.ip,
  status: o.status,
  outcome: o.outcome,
  handledBy: o.handledByName,
  handledAt: iso(o.handledAt),
  createdAt: o.createdAt.toISOString(),
});

type DocumentFormat = 'docx' | 'xlsx' | 'pdf';
const FORMAT_NAME: Record<DocumentFormat, string> = { docx: 'Word', xlsx: 'Excel', pdf: 'PDF' };

/** The notice or the final list: the Word document, its list as a workbook, or the Word document as PDF. */
async function renderDocument(deps: Deps, d: NoticeDocumentData, format: DocumentFormat): Promise<FileResult> {
  const common = { programName: d.programName, title: d.title, issuer: d.issuer, publishedAt: d.publishedAt, rows: d.rows };
  const final = { ...common, documentNumber: d.documentNumber ?? '', contact: d.contact.name ? d.contact : null };
  // documentData gives a notice its period (the program's clause), and only a final list none.
  const notice = { ...common, documentNumber: null, period: d.period!, contact: d.contact, objectionsHowTo: d.objectionsHowTo };
  let content: Buffer;
  if (format === 'xlsx') content = d.kind === 'final' ? await finalListXlsx(final) : await noticeXlsx(notice);
  else {
    const docx = d.kind === 'final' ? await finalListDocx(final) : await noticeDocx(notice);
    content = format === 'pdf' ? await deps.documents.toPdf(docx) : docx;
  }
  const bytes = new Uint8Array(content);
  return new FileResult(bytes, `${d.title.replace(/\s+/g, '')}.${format}`, KIND_MIME[format], bytes.byteLength);
}

export const noticeRoutes = [
  // ——— Decision ———
  route({
    method: 'get',
    path: '/api/calls/:id/decision',
    summary: '排名与建议入围名单（或已确认的决定） / The ranking with the proposed shortlist, or the decision made',
    tag,
    access: 'signedIn',
    action: 'selection.read',
    params: callParams,
    response: decisionView,
    handler: async ({ deps, ctx, params }) => getDecision(deps, ctx, params.id),
  }),
  route({
    method: 'post',
    path: '/api/calls/:id/decision',
    summary: '确认入围名单（调整须说明理由；评分未完成时拒绝） / Confirm the shortlist (changes need reasons; refused while scores are missing)',
    tag,
    access: 'signedIn',
    action: 'selection.manage',
    params: callParams,
    body: decisionInput,
    response: decisionView,
    handler: async ({ deps, ctx, params, body }) => confirmDecision(deps, ctx, params.id, body),
  }),

  // ——— The notice (province) ———
  route({
    method: 'get',
    path: '/api/calls/:id/notice',
    summary: '公示（省厅视图：全部项目与异议数） / The notice as the province sees it',
    tag,
    access: 'signedIn',
    action: 'selection.read',
    params: callParams,
    response: noticeView,
    handler: async ({ deps, ctx, params }) => presentNotice(await getNotice(deps, ctx, params.id, holidays())),
  }),
  route({
    method: 'put',
    path: '/api/calls/:id/notice',
    summary: '编辑公示草稿（标题、正文、联系人） / Edit the draft notice (title, body, contact)',
    tag,
    access: 'signedIn',
    action: 'selection.manage',
    params: callParams,
    body: noticeDraftInput,
    response: noticeView,
    handler: async ({ deps, ctx, params, body }) => presentNotice(await saveNoticeDraft(deps, ctx, params.id, body, holidays())),
  }),
  route({
    method: 'post',
    path: '/api/calls/:id/notice/publish',
    summary: '发布公示（按服务器时间计算公示期） / Publish the notice (the period counted from the server’s clock)',
    tag,
    access: 'signedIn',
    action: 'selection.manage',
    params: callParams,
    response: noticeView,
    handler: async ({ deps, ctx, params }) => presentNotice(await publishNotice(deps, ctx, params.id, holidays())),
  }),
  ...(['docx', 'xlsx', 'pdf'] as const).map((format) =>
    route({
      method: 'get',
      path: `/api/calls/:id/notice/document.${format}`,
      summary: `公示文件（${FORMAT_NAME[format]}，草稿亦可预览） / The notice as .${format} (drafts too)`,
      tag,
      access: 'signedIn',
      action: 'selection.read',
      params: callParams,
      response: 'file',
      handler: async ({ deps, ctx, params }) => renderDocument(deps, await noticeDocument(deps, ctx, { callId: params.id }, 'notice', holidays()), format),
    }),
  ),
  route({
    method: 'post',
    path: '/api/calls/:id/final-list',
    summary: '公布正式名单（公示期满且异议均已办结） / Publish the final list (after the period, every objection concluded)',
    tag,
    access: 'signedIn',
    action: 'selection.manage',
    params: callParams,
    body: finalListInput,
    response: noticeView,
    handler: async ({ deps, ctx, params, body }) => presentNotice(await publishFinalList(deps, ctx, params.id, body.documentNumber, holidays())),
  }),
  ...(['docx', 'xlsx', 'pdf'] as const).map((format) =>
    route({
      method: 'get',
      path: `/api/calls/:id/final-list/document.${format}`,
      summary: `正式名单文件（${FORMAT_NAME[format]}） / The final list as .${format}`,
      tag,
      access: 'signedIn',
      action: 'selection.read',
      params: callParams,
      response: 'file',
      handler: async ({ deps, ctx, params }) => renderDocument(deps, await noticeDocument(deps, ctx, { callId: params.id }, 'final', holidays()), format),
    }),
  ),

  // ——— Objections (province) ———
  route({
    method: 'get',
    path: '/api/calls/:id/objections',
    summary: '公示异议（含异议人联系方式） / The notice’s objections, with the objectors’ contacts',
    tag,
    access: 'signedIn',
    action: 'selection.read',
    params: callParams,
    response: objectionList,
    handler: async ({ deps, ctx, params }) => ({ items: (await listObjections(deps, ctx, params.id)).map(presentObjection) }),
  }),
  route({
    method: 'post',
    path: '/api/objections/:id/handle',
    summary: '办理异议（调查核实 → 成立/不成立，成立可移出名单） / Handle an objection (investigate, then uphold or dismiss; upheld may remove a project)',
    tag,
    access: 'signedIn',
    action: 'selection.manage',
    params: objectionParams,
    body: handleObjectionInput,
    response: objection,
    handler: async ({ deps, ctx, params, body }) => presentObjection(await handleObjection(deps, ctx, params.id, body)),
  }),
  route({
    method: 'get',
    path: '/api/objections/:id/attachment',
    summary: '异议附件 / An objection’s attachment',
    tag,
    access: 'signedIn',
    action: 'selection.read',
    params: objectionParams,
    response: 'file',
    handler: async ({ deps, ctx, params }) => {
      const a = await objectionAttachment(deps, ctx, params.id);
      return new FileResult(a.stream, a.fileName, a.mime, a.sizeBytes);
    },
  }),

  // ——— Public (no sign-in) ———
  route({
    method: 'get',
    path: '/api/public/notices',
    summary: '已发布的公示与正式名单 / Published notices and final lists',
    tag,
    access: 'public',
    query: publicNoticeQuery,
    response: publicNoticePage,
    handler: async ({ deps, query }) => {
      const { rows, total } = await listPublicNotices(deps, query);
      return {
        items: rows.map((r) => ({
          id: r.notice.id,
          title: r.notice.title,
          programName: r.programName,
          status: r.status,
          publishedAt: r.notice.publishedAt!.toISOString(),
          startDate: r.notice.startDate,
          endDate: r.notice.endDate,
          endsAt: iso(r.notice.endsAt),
          provisional: r.notice.provisional,
          finalList: r.finalList ? { ...r.finalList, publishedAt: r.finalList.publishedAt.toISOString() } : null,
        })),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/public/notices/:id',
    summary: '一则公示或正式名单（仅公开字段） / One notice or final list (public fields only)',
    tag,
    access: 'public',
    params: callParams,
    response: publicNoticeSchema,
    handler: async ({ deps, params }) => {
      const d = await publicNotice(deps, params.id);
      return {
        id: d.notice.id,
        title: d.notice.title,
        body: d.notice.body,
        programName: d.programName,
        issuer: d.issuer,
        contact: d.contact,
        status: d.status,
        publishedAt: d.notice.publishedAt!.toISOString(),
        period: d.period,
        objectionsOpen: d.objectionsOpen,
        items: d.items,
        finalList: d.finalList ? { ...d.finalList, publishedAt: d.finalList.publishedAt.toISOString() } : null,
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/public/notices/:id/document.docx',
    summary: '公示文件（.docx） / The notice as .docx',
    tag,
    access: 'public',
    params: callParams,
    response: 'file',
    handler: async ({ deps, ctx, params }) => renderDocument(deps, await noticeDocument(deps, ctx, { noticeId: params.id }, 'notice', holidays()), 'docx'),
  }),
  route({
    method: 'get',
    path: '/api/public/notices/:id/final-list.docx',
    summary: '正式名单文件（.docx） / The final list as .docx',
    tag,
    access: 'public',
    params: callParams,
    response: 'file',
    handler: async ({ deps, ctx, params }) => renderDocument(deps, await noticeDocument(deps, ctx, { noticeId: params.id }, 'final', holidays()), 'docx'),
  }),
  route({
    method: 'post',
    path: '/api/public/notices/:id/objections',
    summary: '提交异议（公示期内；每个网络地址每小时最多 5 份） / File an objection (during the period; at most 5 an hour from one address)',
    tag,
    access: 'public',
    params: callParams,
    body: objectionInput,
    response: objectionReceipt,
    status: 201,
    handler: async ({ deps, ctx, params, body }) => {
      const r = await submitObjection(deps, ctx, params.id, body);
      return {
        id: r.id,
        receivedAt: r.receivedAt.toISOString(),
        messages: { 'zh-CN': '异议已收到，我们将在核实后依规处理', en: 'Your objection has been received and will be looked into' },
      };
    },
  }),
];
