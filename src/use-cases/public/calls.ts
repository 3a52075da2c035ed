/**
 * Calls as the public reads them (no sign-in): published calls only, with their status read at the
 * server's clock, the days left for an open one, and — for one call — what an applicant must
 * prepare: the call's text, the program's directions, its rules with their citations, the materials
 * to attach, and blank forms to download. Public reads change nothing, so they leave no audit record.
 */
import { shanghaiDate, shanghaiDateTime } from '../../core/calendar.ts';
import type { Direction, ProgramDefinition } from '../../core/programs/definition.ts';
import { DomainError } from '../../core/errors.ts';
import type { Deps, ListQuery } from '../ports.ts';
import { publishedDefinition } from '../applicants/common.ts';
import type { Bilingual, PublicCallQuery, PublicCallRow, PublicCallStatus } from './ports.ts';

const DAY_MS = 86_400_000;

export const notPublishedCall = () => new DomainError('not_found', 'not_found', { 'zh-CN': '申报通知不存在或尚未发布', en: 'No such published call' });

export function publicCallStatus(call: Pick<PublicCallRow, 'opensAt' | 'deadlineAt'>, now: Date): PublicCallStatus {
  if (now < call.opensAt) return 'upcoming';
  return now < call.deadlineAt ? 'open' : 'closed';
}

/**
 * The deadline as a notice words it: the last day and the closing time in Beijing. A deadline at
 * midnight is "24:00" of the day before (a call "closing 30 April" closes at 24:00 on 30 April).
 */
export function deadlineWords(deadlineAt: Date): { date: string; time: string } {
  const [date, time] = shanghaiDateTime(deadlineAt).split(' ') as [string, string];
  if (time === '00:00') return { date: shanghaiDate(new Date(deadlineAt.getTime() - 1)), time: '24:00' };
  return { date, time };
}

/** Whole days left before the deadline, as the applicant's countdown shows them (0 within the last 24 hours). */
export function remainingDays(deadlineAt: Date, now: Date): number {
  return Math.max(0, Math.floor((deadlineAt.getTime() - now.getTime()) / DAY_MS));
}

export interface PublicCallView {
  row: PublicCallRow;
  status: PublicCallStatus;
  opensOn: string;
  deadline: { date: string; time: string };
  remainingDays: number | null;
}

function view(row: PublicCallRow, now: Date): PublicCallView {
  const status = publicCallStatus(row, now);
  return { row, status, opensOn: shanghaiDate(row.opensAt), deadline: deadlineWords(row.deadlineAt), remainingDays: status === 'open' ? remainingDays(row.deadlineAt, now) : null };
}

/** Published calls, filtered, sorted and paged on the server. */
export async function listPublicCalls(deps: Deps, q: ListQuery & Omit<PublicCallQuery, 'now' | keyof ListQuery>): Promise<{ rows: PublicCallView[]; total: number }> {
  const now = deps.clock.now();
  return deps.uow.read(async (repos) => {
    const { rows, total } = await repos.portal.calls({ ...q, now });
    return { rows: rows.map((r) => view(r, now)), total };
  });
}

export interface PublicDirectionView {
  code: string;
  name: Bilingual;
  citation: string | null;
  children: PublicDirectionView[];
}

/** The direction tree down to the level an application chooses from. */
function directionTree(directions: readonly Direction[], level: number, at = 1): PublicDirectionView[] {
  return directions.map((d) => ({ code: d.code, name: d.name, citation: d.citation ?? null, children: at < level ? directionTree(d.children ?? [], level, at + 1) : [] }));
}

type Form = ProgramDefinition['forms'][number];

/** The forms an applicant fills in for one application (not the city's or province's own forms). */
export function applicantForms(definition: ProgramDefinition): Form[] {
  return definition.forms.filter((f) => f.filledBy === 'applicant' && f.scope === 'application');
}

export interface PublicCallDetailView extends PublicCallView {
  definition: ProgramDefinition;
  directions: PublicDirectionView[];
  attachments: { id: string; name: Bilingual; required: boolean; conditional: boolean; types: string[]; maxSizeMb: number; citation: string | null }[];
  templates: { id: string; name: Bilingual; path: string }[];
}

/** One published call with what to prepare; a draft reads as missing. */
export async function getPublicCall(deps: Deps, id: string): Promise<PublicCallDetailView> {
  const now = deps.clock.now();
  const row = await deps.uow.read((repos) => repos.portal.findCall(id));
  if (!row) throw notPublishedCall();
  const definition = publishedDefinition(row.programCode, row.programVersion, row.definition);
  const forms = applicantForms(definition);
  const seen = new Map<string, PublicCallDetailView['attachments'][number]>();
  for (const f of forms) {
    for (const a of f.attachments) {
      if (!seen.has(a.id)) seen.set(a.id, { id: a.id, name: a.name, required: a.required, conditional: !a.required && Boolean(a.requiredWhen), types: a.types, maxSizeMb: a.maxSizeMb, citation: a.citation ?? null });
    }
  }
  return {
    ...view(row, now),
    definition,
    directions: directionTree(definition.directions, definition.directionLevel),
    attachments: [...seen.values()],
    templates: forms.map((f) => ({ id: f.id, name: f.title, path: `/api/public/calls/${row.id}/forms/${f.id}/template.docx` })),
  };
}

/** A blank form of a published call as .docx (the official layout with empty fields), to prepare offline. */
export async function publicFormTemplate(deps: Deps, id: string, formId: string): Promise<{ fileName: string; content: Buffer }> {
  const call = await getPublicCall(deps, id);
  const form = applicantForms(call.definition).find((f) => f.id === formId);
  if (!form) throw new DomainError('not_found', 'not_found', { 'zh-CN': '该申报通知没有这份表格', en: 'The call has no such form' });
  const content = await deps.documents.applicationDocx({
    definition: call.definition,
    formIds: [form.id],
    formData: {},
    organization: { name: '', creditCode: null },
    profile: null,
    attachments: [],
    commitment: null,
    state: { label: '空白表格', submittedAt: null },
    callTitle: call.row.title,
    generatedAt: deps.clock.now(),
  });
  const base = `${form.title['zh-CN']}（空白）`.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 80);
  return { fileName: `${base}.docx`, content };
}

export async function publicOptions(deps: Deps) {
  return deps.uow.read((repos) => repos.portal.options());
}
