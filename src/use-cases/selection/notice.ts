/**
 * The public notice (公示) of the shortlist: drafted by the decision (./decision.ts) with each
 * project's public fields, edited (title, body, the department's contact) and published by the
 * province; the period is counted by the core (src/core/selection/notice.ts) over the holiday
 * schedules the caller passes in (read once at start from reference/holidays/). A published notice
 * whose period is over reads as ended: computed on read from the stored end instant and the server
 * clock, so no job and no process memory are involved. The public side (no sign-in) sees only
 * published notices and final lists, and of each item only the fields the program declares public.
 */
import { chineseDate, type HolidaySchedules } from '../../core/calendar.ts';
import { DomainError, type FieldError, type Messages } from '../../core/errors.ts';
import type { Direction, ProgramDefinition } from '../../core/programs/definition.ts';
import { noticePeriod, type PublicNoticeClause } from '../../core/selection/notice.ts';
import type { ApplicationRow, Deps, NoticeItemRow, NoticeRow, Repositories, RequestContext } from '../ports.ts';
import { authorize, recordAudit } from '../support.ts';
import { CALL, loadOrThrow, publishedDefinition } from '../applicants/common.ts';

export const NOTICE: Messages = { 'zh-CN': '公示', en: 'Public notice' };

export interface NoticeContact {
  name: string;
  phone: string;
  email: string | null;
}

/** The province's call, authorized for the action on the province's subtree. */
export async function provinceCall(repos: Repositories, ctx: RequestContext, callId: string, action: 'selection.manage' | 'selection.read') {
  // Roles that may not act at all are refused before anything is looked up (403 before 404).
  authorize(ctx, action);
  const call = loadOrThrow(await repos.calls.findById(callId), CALL);
  const province = loadOrThrow(await repos.organizations.findById(call.provinceId), CALL);
  const acting = authorize(ctx, action, { organizationPath: province.path });
  return { call, province, acting, definition: publishedDefinition(call.programCode, call.programVersion, call.definition) };
}

/** The program's notice clause; a program without one has no public notice. */
export function noticeClause(definition: ProgramDefinition): NonNullable<ProgramDefinition['publicNotice']> {
  if (!definition.publicNotice) {
    throw new DomainError('conflict', 'no_public_notice', { 'zh-CN': '本项目未规定公示（公示期）', en: 'This program has no public notice (no notice period)' });
  }
  return definition.publicNotice;
}

/** The status as read at `now`: a published notice past its end reads as ended. */
export function effectiveStatus(n: Pick<NoticeRow, 'status' | 'endsAt'>, now: Date): NoticeRow['status'] {
  if (n.status === 'published' && n.endsAt && now.getTime() >= n.endsAt.getTime()) return 'ended';
  return n.status;
}

/** Objections are accepted from publication until the end instant, by the server's clock. */
export function objectionsOpen(n: NoticeRow, definition: ProgramDefinition, now: Date): boolean {
  return effectiveStatus(n, now) === 'published' && (definition.publicNotice?.objections ?? false) && n.publishedAt !== null && now.getTime() >= n.publishedAt.getTime();
}

/** The contact as stored (JSON in the notice's `contact` column). */
export function parseContact(stored: string | null): NoticeContact | null {
  if (!stored) return null;
  try {
    const c = JSON.parse(stored) as Partial<NoticeContact>;
    return typeof c.name === 'string' && typeof c.phone === 'string' ? { name: c.name, phone: c.phone, email: typeof c.email === 'string' && c.email ? c.email : null } : null;
  } catch {
    return null;
  }
}


export interface PeriodView {
  startDate: string;
  endDate: string;
  endsAt: string;
  provisional: boolean;
  endTime: string;
  unit: 'calendar' | 'working';
  length: number;
  messages: Messages;
  citation: string;
}

/** The period as stored at publication, worded as the core words it. */
export function storedPeriod(n: NoticeRow, clause: PublicNoticeClause & { length: number; unit: 'calendar' | 'working' }): PeriodView | null {
  if (!n.startDate || !n.endDate || !n.endsAt) return null;
  const unitZh = clause.unit === 'working' ? '个工作日' : '天';
  const unitEn = clause.unit === 'working' ? 'working days' : 'calendar days';
  return {
    startDate: n.startDate,
    endDate: n.endDate,
    endsAt: n.endsAt.toISOString(),
    provisional: n.provisional,
    endTime: clause.endTime,
    unit: clause.unit,
    length: clause.length,
    messages: {
      'zh-CN': `公示期为${chineseDate(n.startDate)}至${chineseDate(n.endDate)}（${clause.length}${unitZh}），截止时间为${chineseDate(n.endDate)}${clause.endTime}${n.provisional ? '（暂按周一至周五计算，节假日安排公布后重新核定）' : ''}`,
      en: `Public notice from ${n.startDate} to ${n.endDate} (${clause.length} ${unitEn}), closing at ${clause.endTime} Beijing time on ${n.endDate}${n.provisional ? ' (provisional: counted Monday to Friday until the holiday schedule is published)' : ''}`,
    },
    citation: clause.citation,
  };
}

function previewPeriod(clause: NonNullable<ProgramDefinition['publicNotice']>, at: Date, schedules: HolidaySchedules): PeriodView {
  const p = noticePeriod(clause, at, schedules);
  return { startDate: p.startDate, endDate: p.endDate, endsAt: p.endsAt.toISOString(), provisional: p.provisional, endTime: clause.endTime, unit: clause.unit, length: clause.length, messages: p.messages, citation: p.citation };
}

// ——— Public fields ———

function directionName(directions: readonly Direction[], code: string): string | null {
  for (const d of directions) {
    if (d.code === code) return d.name['zh-CN'];
    const below = directionName(d.children ?? [], code);
    if (below) return below;
  }
  return null;
}

function fieldText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(fieldText).filter(Boolean).join('、');
  return '';
}

/** Keys of the stored public fields that are not form fields. */
export const FIXED_PUBLIC_KEYS = ['organizationName', 'projectName', 'cityName', 'direction'] as const;

/**
 * What the notice shows of an application: organization, project, city and direction, and the form
 * fields the program names in `publicNotice.publicFields` — nothing else (no scores, contacts or codes).
 */
export function publicFieldsOf(definition: ProgramDefinition, app: ApplicationRow): Record<string, string> {
  const fields: Record<string, string> = {
    organizationName: app.organizationName,
    projectName: app.projectName,
    cityName: app.cityName ?? '',
    direction: app.directions.map((c) => `${c} ${directionName(definition.directions, c) ?? ''}`.trim()).join('；'),
  };
  for (const path of definition.publicNotice?.publicFields ?? []) {
    const [formId, fieldId] = path.split('.');
    if (!formId || !fieldId) continue;
    fields[path] = fieldText(app.formData[formId]?.[fieldId]);
  }
  return fields;
}

export interface PublicItem {
  position: number;
  organizationName: string;
  projectName: string;
  cityName: string | null;
  direction: string;
  fields: Record<string, string>;
}

export function presentItem(item: NoticeItemRow, definition: ProgramDefinition): PublicItem {
  const f = item.publicFields;
  const declared = new Set(definition.publicNotice?.publicFields ?? []);
  return {
    position: item.position,
    organizationName: f.organizationName ?? '',
    projectName: f.projectName ?? '',
    cityName: f.cityName || null,
    direction: f.direction ?? '',
    // Only what the program declares public, even if more was ever stored.
    fields: Object.fromEntries(Object.entries(f).filter(([k]) => declared.has(k))),
  };
}

// ——— The province's view ———

export interface NoticeData {
  notice: NoticeRow;
  status: NoticeRow['status'];
  contact: NoticeContact | null;
  period: PeriodView | null;
  periodIsPreview: boolean;
  objectionsAllowed: boolean;
  items: (PublicItem & { applicationId: string; removed: boolean; state: string })[];
  objections: { total: number; open: number };
  definition: ProgramDefinition;
  issuer: string;
  programName: Messages;
}

async function noticeData(repos: Repositories, notice: NoticeRow, definition: ProgramDefinition, now: Date, schedules: HolidaySchedules): Promise<NoticeData> {
  const clause = definition.publicNotice;
  const items = await repos.notices.items(notice.id);
  const states = new Map<string, string>();
  for (const i of items) states.set(i.applicationId, (await repos.applications.findById(i.applicationId))?.state ?? '');
  const objections = await repos.objections.forNotice(notice.id);
  const stored = clause ? storedPeriod(notice, clause) : null;
  return {
    notice,
    status: effectiveStatus(notice, now),
    contact: parseContact(notice.contact),
    period: stored ?? (clause ? previewPeriod(clause, now, schedules) : null),
    periodIsPreview: !stored,
    objectionsAllowed: clause?.objections ?? false,
    items: items.map((i) => ({ ...presentItem(i, definition), applicationId: i.applicationId, removed: i.removed, state: states.get(i.applicationId) ?? '' })),
    objections: { total: objections.length, open: objections.filter((o) => o.status === 'received' || o.status === 'investigating').length },
    definition,
    issuer: definition.issuer,
    programName: definition.name,
  };
}

const noNotice = () => new DomainError('not_found', 'notice_not_found', { 'zh-CN': '尚未作出入围决定，没有公示', en: 'No decision has been made yet, so there is no notice' });

/** The call's notice as the province sees it (every item, removed ones too, and the objection counts). */
export async function getNotice(deps: Deps, ctx: RequestContext, callId: string, schedules: HolidaySchedules): Promise<NoticeData> {
  return deps.uow.read(async (repos) => {
    const { definition } = await provinceCall(repos, ctx, callId, 'selection.read');
    const notice = await repos.notices.findByCall(callId);
    if (!notice) throw noNotice();
    return noticeData(repos, notice, definition, deps.clock.now(), schedules);
  });
}

/** Title, body and the department's contact of a draft notice. */
export async function saveNoticeDraft(deps: Deps, ctx: RequestContext, callId: string, input: { title: string; body: string; contact: NoticeContact }, schedules: HolidaySchedules): Promise<NoticeData> {
  return deps.uow.transaction(async (repos) => {
    const { definition } = await provinceCall(repos, ctx, callId, 'selection.manage');
    const notice = await repos.notices.findByCall(callId);
    if (!notice) throw noNotice();
    if (notice.status !== 'draft') throw new DomainError('conflict', 'notice_published', { 'zh-CN': '公示已发布，不能再修改', en: 'The notice is published and can no longer change' });
    const now = deps.clock.now();
    const contact = JSON.stringify({ name: input.contact.name, phone: input.contact.phone, email: input.contact.email ?? null });
    await repos.notices.update(notice.id, { title: input.title, body: input.body, contact }, now);
    await recordAudit(repos, ctx, deps.clock, {
      action: 'notice.draft_saved',
      entityType: 'public_notice',
      entityId: notice.id,
      before: { title: notice.title, body: notice.body, contact: notice.contact },
      after: { title: input.title, body: input.body, contact },
    });
    return noticeData(repos, loadOrThrow(await repos.notices.findById(notice.id), NOTICE), definition, now, schedules);
  });
}

/** Publishes the notice: the period is counted from now (the server's clock) and stored with it. */
export async function publishNotice(deps: Deps, ctx: RequestContext, callId: string, schedules: HolidaySchedules): Promise<NoticeData> {
  return deps.uow.transaction(async (repos) => {
    const { definition } = await provinceCall(repos, ctx, callId, 'selection.manage');
    const clause = noticeClause(definition);
    const notice = await repos.notices.findByCall(callId);
    if (!notice) throw noNotice();
    if (notice.status !== 'draft') throw new DomainError('conflict', 'notice_published', { 'zh-CN': '公示已发布', en: 'The notice is already published' });
    const fields: FieldError[] = [];
    if (!parseContact(notice.contact)) fields.push({ path: 'contact', code: 'required', messages: { 'zh-CN': '联系人及电话：发布前须填写', en: 'Contact and phone: required before publishing' } });
    if (notice.title.trim().length < 2) fields.push({ path: 'title', code: 'required', messages: { 'zh-CN': '标题：必填', en: 'Title: is required' } });
    const items = (await repos.notices.items(notice.id)).filter((i) => !i.removed);
    if (!items.length) throw new DomainError('conflict', 'notice_empty', { 'zh-CN': '公示名单为空', en: 'The notice lists no project' });
    if (fields.length) throw new DomainError('validation', 'validation_failed', { 'zh-CN': '公示内容不完整', en: 'The notice is incomplete' }, fields);
    const now = deps.clock.now();
    const p = noticePeriod(clause, now, schedules);
    await repos.notices.update(notice.id, { status: 'published', publishedAt: now, startDate: p.startDate, endDate: p.endDate, endsAt: p.endsAt, provisional: p.provisional }, now);
    await recordAudit(repos, ctx, deps.clock, {
      action: 'notice.published',
      entityType: 'public_notice',
      entityId: notice.id,
      before: { status: 'draft' },
      after: { status: 'published', publishedAt: now.toISOString(), startDate: p.startDate, endDate: p.endDate, endsAt: p.endsAt.toISOString(), provisional: p.provisional, items: items.map((i) => i.applicationId) },
    });
    return noticeData(repos, loadOrThrow(await repos.notices.findById(notice.id), NOTICE), definition, now, schedules);
  });
}

// ——— Public ———

const notPublic = () => new DomainError('not_found', 'not_found', { 'zh-CN': '公示不存在或尚未发布', en: 'No such published notice' });

export const finalListTitle = (programName: string) => `关于公布${programName.endsWith('项目') ? programName : `${programName}项目`}名单的通知`;

export interface PublicNoticeData {
  notice: NoticeRow;
  status: 'published' | 'ended' | 'final';
  programName: Messages;
  issuer: string;
  contact: NoticeContact | null;
  period: PeriodView | null;
  objectionsOpen: boolean;
  items: PublicItem[];
  finalList: { title: string; documentNumber: string; publishedAt: Date } | null;
}

/** A published notice or final list as the public sees it; drafts do not exist for the public. */
export async function publicNotice(deps: Deps, noticeId: string): Promise<PublicNoticeData> {
  return deps.uow.read(async (repos) => {
    const notice = await repos.notices.findById(noticeId);
    if (!notice || notice.status === 'draft' || !notice.publishedAt) throw notPublic();
    const call = loadOrThrow(await repos.calls.findById(notice.callId), CALL);
    const definition = publishedDefinition(call.programCode, call.programVersion, call.definition);
    // A program without a notice (001) has only its final list here, with no period.
    const clause = definition.publicNotice;
    const now = deps.clock.now();
    const items = (await repos.notices.items(notice.id)).filter((i) => !i.removed).map((i) => presentItem(i, definition));
    return {
      notice,
      status: effectiveStatus(notice, now) as PublicNoticeData['status'],
      programName: definition.name,
      issuer: definition.issuer,
      contact: parseContact(notice.contact),
      period: clause ? storedPeriod(notice, clause) : null,
      objectionsOpen: objectionsOpen(notice, definition, now),
      items,
      finalList:
        notice.status === 'final' && notice.finalDocumentNumber && notice.finalPublishedAt
          ? { title: finalListTitle(definition.name['zh-CN']), documentNumber: notice.finalDocumentNumber, publishedAt: notice.finalPublishedAt }
          : null,
    };
  });
}

/** Published notices and final lists, newest first (the final ones only with `kind: 'final'`). */
export async function listPublicNotices(deps: Deps, q: { page: number; pageSize: number; kind?: 'notice' | 'final' | undefined }) {
  return deps.uow.read(async (repos) => {
    const now = deps.clock.now();
    const { rows, total } = await repos.notices.listPublic({ page: q.page, pageSize: q.pageSize, order: 'desc', ...(q.kind === 'final' ? { status: 'final' as const } : q.kind === 'notice' ? { status: 'published' as const } : {}) });
    return {
      total,
      rows: rows.map((n) => {
        const name = (n.programName ?? { 'zh-CN': '', en: '' }) as Messages;
        return {
          notice: n,
          status: effectiveStatus(n, now) as 'published' | 'ended' | 'final',
          programName: name,
          finalList: n.status === 'final' && n.finalDocumentNumber && n.finalPublishedAt ? { title: finalListTitle(name['zh-CN']), documentNumber: n.finalDocumentNumber, publishedAt: n.finalPublishedAt } : null,
        };
      }),
    };
  });
}

// ——— Documents ———

export interface NoticeDocumentData {
  kind: 'notice' | 'final';
  programName: string;
  title: string;
  documentNumber: string | null;
  issuer: string;
  publishedAt: Date;
  /** The notice period; null for the final list of a program without a notice. */
  period: { startDate: string; endDate: string; endTime: string } | null;
  contact: NoticeContact;
  rows: { organizationName: string; projectName: string; cityName: string | null; direction: string }[];
  objectionsHowTo: string;
}

export const OBJECTIONS_HOW_TO =
  '公示期内，任何单位或个人对公示项目有异议的，可通过本平台“公示公告”栏目在线提交，或以书面形式向我厅反映。以单位名义提出的应加盖公章，以个人名义提出的应署真实姓名并注明联系方式，并提供必要的证明材料。';

function documentData(notice: NoticeRow, definition: ProgramDefinition, items: NoticeItemRow[], kind: 'notice' | 'final', now: Date, schedules: HolidaySchedules): NoticeDocumentData {
  // The notice itself needs the program's clause; a final list without a notice has no period.
  const clause = kind === 'notice' ? noticeClause(definition) : definition.publicNotice;
  // A draft shows the period it would have if published now.
  const preview = !clause || (notice.startDate && notice.endDate) ? null : noticePeriod(clause, now, schedules);
  const programName = definition.name['zh-CN'];
  const rows = items.filter((i) => !i.removed).map((i) => presentItem(i, definition));
  return {
    kind,
    programName,
    title: kind === 'final' ? finalListTitle(programName) : notice.title,
    documentNumber: kind === 'final' ? notice.finalDocumentNumber : null,
    issuer: definition.issuer,
    publishedAt: (kind === 'final' ? notice.finalPublishedAt : notice.publishedAt) ?? now,
    period: clause ? { startDate: notice.startDate ?? preview!.startDate, endDate: notice.endDate ?? preview!.endDate, endTime: clause.endTime } : null,
    contact: parseContact(notice.contact) ?? { name: '', phone: '', email: null },
    rows,
    objectionsHowTo: OBJECTIONS_HOW_TO,
  };
}

/**
 * What the .docx of the notice (or, once published, the final list) is made of. `callId` with a
 * signed-in reader of the province's selection (drafts too), or `noticeId` for the public
 * (published only; the final list only once it is published).
 */
export async function noticeDocument(deps: Deps, ctx: RequestContext, ref: { callId: string } | { noticeId: string }, kind: 'notice' | 'final', schedules: HolidaySchedules): Promise<NoticeDocumentData> {
  return deps.uow.read(async (repos) => {
    let notice: NoticeRow | undefined;
    if ('callId' in ref) {
      await provinceCall(repos, ctx, ref.callId, 'selection.read');
      notice = await repos.notices.findByCall(ref.callId);
      if (!notice) throw noNotice();
    } else {
      notice = await repos.notices.findById(ref.noticeId);
      if (!notice || notice.status === 'draft') throw notPublic();
    }
    if (kind === 'final' && notice.status !== 'final') {
      throw new DomainError('not_found', 'final_list_not_published', { 'zh-CN': '正式名单尚未公布', en: 'The final list is not published yet' });
    }
    const call = loadOrThrow(await repos.calls.findById(notice.callId), CALL);
    const definition = publishedDefinition(call.programCode, call.programVersion, call.definition);
    return documentData(notice, definition, await repos.notices.items(notice.id), kind, deps.clock.now(), schedules);
  });
}
