/**
 * Objections (异议) to a public notice: anyone may file one during the notice period (by the
 * server's clock, from publication to the end instant), at most OBJECTIONS_PER_HOUR from one address
 * an hour, with an optional small PDF or image (checked by its content, not its name). The province
 * handles each one — received → investigating → upheld | dismissed, with the outcome recorded — and an
 * upheld objection may take an application off the list (it becomes not selected).
 */
import { chineseDate } from '../../core/calendar.ts';
import { transition, type ApplicationState } from '../../core/applications/lifecycle.ts';
import { DomainError, type FieldError, type Messages } from '../../core/errors.ts';
import { sanitizeFileName } from '../../core/file-names.ts';
import type { Deps, ObjectionRow, RequestContext } from '../ports.ts';
import { authorize, recordAudit } from '../support.ts';
import { APPLICATION, CALL, loadOrThrow, notifyOrganization, publishedDefinition } from '../applicants/common.ts';
import { effectiveStatus, NOTICE, objectionsOpen, provinceCall } from './notice.ts';

/** Objections one address may file in an hour; the next is refused (429). */
export const OBJECTIONS_PER_HOUR = 5;
/** The largest attachment accepted with an objection. */
export const OBJECTION_ATTACHMENT_MAX_BYTES = 2 * 1024 * 1024;
const ATTACHMENT_KINDS = ['pdf', 'jpg', 'png'];

const OBJECTION: Messages = { 'zh-CN': '异议', en: 'Objection' };
const notPublic = () => new DomainError('not_found', 'not_found', { 'zh-CN': '公示不存在或尚未发布', en: 'No such published notice' });

export interface ObjectionInput {
  name: string;
  contact: string;
  content: string;
  itemPosition: number | null;
  attachment: { fileName: string; contentBase64: string } | null;
}

const field = (path: string, code: string, zh: string, en: string): FieldError => ({ path, code, messages: { 'zh-CN': zh, en } });

/** Files an objection from the public (no sign-in); `ctx.ip` is recorded and rate-limited. */
export async function submitObjection(deps: Deps, ctx: RequestContext, noticeId: string, input: ObjectionInput): Promise<{ id: string; receivedAt: Date }> {
  const now = deps.clock.now();
  const { notice, definition } = await deps.uow.read(async (repos) => {
    const n = await repos.notices.findById(noticeId);
    if (!n || n.status === 'draft' || !n.publishedAt) throw notPublic();
    const call = loadOrThrow(await repos.calls.findById(n.callId), CALL);
    return { notice: n, definition: publishedDefinition(call.programCode, call.programVersion, call.definition) };
  });
  if (!definition.publicNotice?.objections) {
    throw new DomainError('conflict', 'objections_not_accepted', { 'zh-CN': '本公示不受理在线异议', en: 'This notice does not take objections online' });
  }
  if (!objectionsOpen(notice, definition, now)) {
    const end = notice.endDate ? `${chineseDate(notice.endDate)}${definition.publicNotice.endTime}` : '';
    throw new DomainError('deadline_passed', 'notice_period_over', {
      'zh-CN': `公示期已于${end}结束，不再受理异议`,
      en: `The notice period ended at ${definition.publicNotice.endTime} Beijing time on ${notice.endDate ?? ''}; objections are no longer accepted`,
    });
  }
  if (ctx.ip) {
    const recent = await deps.uow.read((repos) => repos.objections.countFromIp(ctx.ip!, new Date(now.getTime() - 3_600_000)));
    if (recent >= OBJECTIONS_PER_HOUR) {
      throw new DomainError('rate_limited', 'rate_limited', {
        'zh-CN': `同一网络地址每小时最多提交 ${OBJECTIONS_PER_HOUR} 份异议，请稍后再试`,
        en: `At most ${OBJECTIONS_PER_HOUR} objections an hour from one address; try again later`,
      });
    }
  }

  const items = await deps.uow.read((repos) => repos.notices.items(notice.id));
  const fields: FieldError[] = [];
  const name = input.name.trim();
  const contact = input.contact.trim();
  const content = input.content.trim();
  if (!name) fields.push(field('name', 'required', '姓名或单位名称：必填', 'Name or organization: is required'));
  else if (name.length > 100) fields.push(field('name', 'too_big', '姓名或单位名称：不能超过 100 个字符', 'Name or organization: must have at most 100 characters'));
  if (!contact) fields.push(field('contact', 'required', '联系方式：必填（电话或电子邮箱）', 'Contact: is required (phone or e-mail)'));
  else if (!/^(\+?\d[\d\s-]{5,19}|[^\s@]+@[^\s@]+\.[^\s@]+)$/.test(contact)) fields.push(field('contact', 'invalid', '联系方式：应为电话号码或电子邮箱', 'Contact: must be a phone number or an e-mail address'));
  if (content.length < 10) fields.push(field('content', 'too_small', '异议内容：至少 10 个字，请写明异议事项和理由', 'Content: at least 10 characters, stating the matter and the grounds'));
  else if (content.length > 5000) fields.push(field('content', 'too_big', '异议内容：不能超过 5000 个字', 'Content: must have at most 5000 characters'));
  let applicationId: string | null = null;
  if (input.itemPosition !== null) {
    const item = items.find((i) => i.position === input.itemPosition && !i.removed);
    if (!item) fields.push(field('itemPosition', 'unknown', '异议项目：公示名单中没有这个序号', 'Project: no such number on the notice'));
    else applicationId = item.applicationId;
  }
  let bytes: Uint8Array | null = null;
  let kind: string | null = null;
  if (input.attachment) {
    const raw = input.attachment.contentBase64.replace(/^data:[^,]*,/, '');
    if (!/^[A-Za-z0-9+/=\s]*$/.test(raw)) fields.push(field('attachment', 'invalid', '附件：内容无法读取', 'Attachment: the content cannot be read'));
    else {
      bytes = new Uint8Array(Buffer.from(raw, 'base64'));
      if (bytes.byteLength === 0) fields.push(field('attachment', 'empty', '附件：文件为空', 'Attachment: the file is empty'));
      else if (bytes.byteLength > OBJECTION_ATTACHMENT_MAX_BYTES) fields.push(field('attachment', 'too_big', '附件：不能超过 2 MB', 'Attachment: must be at most 2 MB'));
      else {
        const sniffed = await deps.sniffer.sniff(bytes.subarray(0, 4100));
        if (!sniffed.kind || !ATTACHMENT_KINDS.includes(sniffed.kind)) fields.push(field('attachment', 'type', '附件：只接受 PDF、JPG 或 PNG 文件', 'Attachment: only PDF, JPG or PNG files are accepted'));
        else kind = sniffed.kind;
      }
    }
  }
  if (fields.length) throw new DomainError('validation', 'validation_failed', { 'zh-CN': '提交的内容有误，请按提示修改', en: 'Some fields need correcting' }, fields);

  let attachmentKey: string | null = null;
  let attachmentName: string | null = null;
  if (bytes && input.attachment) {
    attachmentKey = `objections/${notice.id}/${deps.tokens.random(16).toLowerCase().replace(/[^a-z0-9]/g, '0')}`;
    // The name is a label; its extension follows what the content is.
    const safe = sanitizeFileName(input.attachment.fileName || 'attachment');
    const ext = kind === 'jpg' ? /\.jpe?g$/i : new RegExp(`\\.${kind}$`, 'i');
    attachmentName = ext.test(safe) ? safe : `${safe.replace(/\.[^.]*$/, '')}.${kind}`;
    const data = bytes;
    await deps.files.put(attachmentKey, (async function* () {
      yield data;
    })(), data.byteLength);
  }
  const id = await deps.uow.transaction(async (repos) => {
    const objectionId = await repos.objections.insert({ noticeId: notice.id, applicationId, name, contact, content, attachmentKey, attachmentName, ip: ctx.ip, createdAt: now });
    await recordAudit(repos, ctx, deps.clock, {
      action: 'objection.received',
      entityType: 'objection',
      entityId: objectionId,
      after: { noticeId: notice.id, applicationId, attachment: attachmentName !== null },
    });
    const call = await repos.calls.findById(notice.callId);
    if (call) {
      const creator = call.createdBy ? await repos.accounts.findById(call.createdBy) : undefined;
      await notifyOrganization(
        repos,
        deps.clock,
        creator?.organizationId ?? call.provinceId,
        { kind: 'objection.received', title: { 'zh-CN': '收到公示异议', en: 'An objection arrived' }, body: { 'zh-CN': `“${call.title}”的公示收到一份异议。`, en: `The notice of “${call.title}” received an objection.` }, link: `/selection/${call.id}` },
        { role: 'province_officer' },
      );
    }
    return objectionId;
  });
  return { id, receivedAt: now };
}

export interface ObjectionView extends ObjectionRow {
  projectName: string | null;
  handledByName: string | null;
}

/** A call's objections, for the province (with the objectors' contacts, which the public never sees). */
export async function listObjections(deps: Deps, ctx: RequestContext, callId: string): Promise<ObjectionView[]> {
  return deps.uow.read(async (repos) => {
    await provinceCall(repos, ctx, callId, 'selection.read');
    const notice = await repos.notices.findByCall(callId);
    if (!notice) return [];
    const out: ObjectionView[] = [];
    for (const o of await repos.objections.forNotice(notice.id)) {
      const app = o.applicationId ? await repos.applications.findById(o.applicationId) : undefined;
      const by = o.handledBy ? await repos.accounts.findById(o.handledBy) : undefined;
      out.push({ ...o, projectName: app?.projectName ?? null, handledByName: by?.displayName ?? null });
    }
    return out;
  });
}

const NEXT: Record<ObjectionRow['status'], ObjectionRow['status'][]> = {
  received: ['investigating'],
  investigating: ['upheld', 'dismissed'],
  upheld: [],
  dismissed: [],
};

/** Moves an objection on; `upheld` may take an application of the notice off the list. */
export async function handleObjection(
  deps: Deps,
  ctx: RequestContext,
  objectionId: string,
  input: { status: 'investigating' | 'upheld' | 'dismissed'; outcome: string; removeApplicationId: string | null },
): Promise<ObjectionView> {
  authorize(ctx, 'selection.manage');
  const callId = await deps.uow.transaction(async (repos) => {
    const objection = loadOrThrow(await repos.objections.findById(objectionId), OBJECTION);
    const notice = loadOrThrow(await repos.notices.findById(objection.noticeId), NOTICE);
    const { acting, call } = await provinceCall(repos, ctx, notice.callId, 'selection.manage');
    if (!NEXT[objection.status].includes(input.status)) {
      throw new DomainError('conflict', 'objection_transition', {
        'zh-CN': objection.status === 'received' ? '须先转为“调查核实中”，再作出结论' : '该异议已办结，不能再更改',
        en: objection.status === 'received' ? 'Start the investigation before concluding' : 'This objection is closed and can no longer change',
      });
    }
    const fields: FieldError[] = [];
    const outcome = input.outcome.trim();
    if (input.status !== 'investigating' && outcome.length < 2) fields.push(field('outcome', 'required', '处理结果：必填', 'Outcome: is required'));
    if (input.removeApplicationId && input.status !== 'upheld') fields.push(field('removeApplicationId', 'not_upheld', '移出名单：只有异议成立时才能移出', 'Remove from the list: only when the objection is upheld'));
    if (fields.length) throw new DomainError('validation', 'validation_failed', { 'zh-CN': '提交的内容有误，请按提示修改', en: 'Some fields need correcting' }, fields);
    const now = deps.clock.now();
    await repos.objections.update(objection.id, { status: input.status, outcome: outcome || objection.outcome, handledBy: acting.actor.accountId, handledAt: now });
    await recordAudit(repos, ctx, deps.clock, {
      action: `objection.${input.status}`,
      entityType: 'objection',
      entityId: objection.id,
      organizationId: call.provinceId,
      before: { status: objection.status, outcome: objection.outcome },
      after: { status: input.status, outcome: outcome || objection.outcome, removeApplicationId: input.removeApplicationId },
    });
    if (input.status === 'upheld' && input.removeApplicationId) {
      if (effectiveStatus(notice, now) === 'final') throw new DomainError('conflict', 'final_list_published', { 'zh-CN': '正式名单已公布，不能再移出', en: 'The final list is published' });
      const item = (await repos.notices.items(notice.id)).find((i) => i.applicationId === input.removeApplicationId);
      if (!item || item.removed) {
        throw new DomainError('validation', 'validation_failed', { 'zh-CN': '提交的内容有误，请按提示修改', en: 'Some fields need correcting' }, [
          field('removeApplicationId', 'unknown', '移出名单：不是本公示名单中的项目', 'Remove from the list: not a project of this notice'),
        ]);
      }
      const row = loadOrThrow(await repos.applications.findByIdForUpdate(item.applicationId), APPLICATION);
      const next = transition('remove_after_objection', row.state as ApplicationState);
      await repos.applications.update(row.id, { state: next }, now);
      await repos.notices.markRemoved(notice.id, row.id);
      await repos.applications.addEvent({ applicationId: row.id, fromState: row.state, toState: next, actorId: acting.actor.accountId, actorName: acting.actor.name, actorRole: acting.actor.role, comment: `公示异议成立：${outcome}`, at: now });
      await recordAudit(repos, ctx, deps.clock, {
        action: 'application.removed_after_objection',
        entityType: 'application',
        entityId: row.id,
        organizationId: row.organizationId,
        before: { state: row.state },
        after: { state: next, objectionId: objection.id, outcome },
      });
      const message = {
        kind: 'application.removed_after_objection',
        title: { 'zh-CN': '经公示异议核查，未入选', en: 'Not selected after an objection' },
        body: { 'zh-CN': `“${row.projectName}”公示期间的异议经核查成立，已移出拟入选名单：${outcome}`, en: `An objection to “${row.projectName}” was upheld and it was taken off the list: ${outcome}` },
        link: `/applications/${row.id}`,
      };
      await notifyOrganization(repos, deps.clock, row.organizationId, message, { email: true, publicUrl: deps.settings.publicUrl });
      const city = row.organizationPath.at(-2);
      if (city) await notifyOrganization(repos, deps.clock, city, message, { role: 'city_officer' });
    }
    return notice.callId;
  });
  const all = await listObjections(deps, ctx, callId);
  return all.find((o) => o.id === objectionId)!;
}

/** The objection's attachment, for the province. */
export async function objectionAttachment(deps: Deps, ctx: RequestContext, objectionId: string) {
  authorize(ctx, 'selection.read');
  const objection = await deps.uow.read(async (repos) => {
    const o = loadOrThrow(await repos.objections.findById(objectionId), OBJECTION);
    const notice = loadOrThrow(await repos.notices.findById(o.noticeId), NOTICE);
    await provinceCall(repos, ctx, notice.callId, 'selection.read');
    return o;
  });
  if (!objection.attachmentKey) throw new DomainError('not_found', 'not_found', { 'zh-CN': '该异议没有附件', en: 'This objection has no attachment' });
  const { stream, sizeBytes } = await deps.files.open(objection.attachmentKey);
  const name = objection.attachmentName ?? 'attachment';
  const mime = /\.pdf$/i.test(name) ? 'application/pdf' : /\.png$/i.test(name) ? 'image/png' : /\.jpe?g$/i.test(name) ? 'image/jpeg' : 'application/octet-stream';
  return { stream, sizeBytes, fileName: name, mime };
}
