/** What the applicant-side use cases share: published definitions, profiles as rule facts, notifications. */
import type { ProfileInput } from '../../../contracts/applicants.ts';
import { applicantFacts } from '../../core/applications/facts.ts';
import { DomainError, notFound, type Messages } from '../../core/errors.ts';
import { programDefinition, type ProgramDefinition } from '../../core/programs/definition.ts';
import type { RuleInput } from '../../core/programs/rule-engine.ts';
import type { Role } from '../../core/roles.ts';
import type { Clock, Repositories } from '../ports.ts';

const parsed = new Map<string, ProgramDefinition>();

/**
 * A published definition, parsed once: published versions never change (the database freezes
 * them), so the parsed form can be kept for the life of the process.
 */
export function publishedDefinition(programCode: string, version: number, stored: unknown): ProgramDefinition {
  const key = `${programCode}@${version}`;
  let d = parsed.get(key);
  if (!d) {
    d = programDefinition.parse(stored);
    parsed.set(key, d);
  }
  return d;
}

export const APPLICATION: Messages = { 'zh-CN': '申报', en: 'Application' };
export const CALL: Messages = { 'zh-CN': '申报通知', en: 'Call' };

/** Application bans arrive with sanctions (issue 6); until one is recorded there is none. */
export const NO_BAN = '';

/** `bannedUntil`: the last day of the organization's application ban in force (src/use-cases/oversight/bans.ts activeBanOf). */
export function factsOfProfile(profile: ProfileInput | null, bannedUntil: string = NO_BAN): RuleInput {
  return profile ? applicantFacts(profile, bannedUntil) : {};
}

export async function currentProfile(repos: Repositories, organizationId: string): Promise<{ id: string; version: number; data: ProfileInput } | null> {
  const row = await repos.profiles.latest(organizationId);
  return row ? { id: row.id, version: row.version, data: row.data as ProfileInput } : null;
}

export function requireProfile<T>(profile: T | null): T {
  if (!profile) {
    throw new DomainError('conflict', 'profile_incomplete', {
      'zh-CN': '请先完善企业档案（基本信息、行业、两化融合水平等），再开始申报',
      en: 'Complete the enterprise profile (basics, industry, 两化融合 level, …) before applying',
    });
  }
  return profile;
}

export interface Notice {
  kind: string;
  title: Messages;
  body: Messages;
  link: string | null;
}

/**
 * Tells the accounts of an organization (optionally one role) in the app, and by e-mail through the
 * outbox when `email` is set. Written in the caller's transaction, so a notice exists exactly when
 * the change it tells of does.
 */
export async function notifyOrganization(repos: Repositories, clock: Clock, organizationId: string, notice: Notice, options: { role?: Role; email?: boolean; publicUrl?: string } = {}): Promise<void> {
  const accounts = await repos.accounts.ofOrganization(organizationId, options.role);
  const now = clock.now();
  for (const a of accounts) {
    await repos.notifications.insert({ accountId: a.id, kind: notice.kind, title: notice.title, body: notice.body, link: notice.link, createdAt: now });
    if (options.email) {
      const link = notice.link && options.publicUrl ? `\n\n${options.publicUrl.replace(/\/$/, '')}${notice.link}` : '';
      await repos.outbox.enqueue(a.email, `${notice.title['zh-CN']} / ${notice.title.en}`, `${a.displayName}：\n\n${notice.body['zh-CN']}\n\n${notice.body.en}${link}`);
    }
  }
}

export function loadOrThrow<T>(row: T | undefined, what: Messages): T {
  if (!row) throw notFound(what);
  return row;
}

/**
 * Tells the province officers who run a call: those of the department that drafted it (calls are
 * made by a department's officer, e.g. 130000-miit, not by the province node itself), or of the
 * province node when the drafter is unknown.
 */
export async function notifyCallOwners(repos: Repositories, clock: Clock, call: { provinceId: string; createdBy: string | null }, notice: Notice): Promise<void> {
  const creator = call.createdBy ? await repos.accounts.findById(call.createdBy) : undefined;
  await notifyOrganization(repos, clock, creator?.organizationId ?? call.provinceId, notice, { role: 'province_officer' });
}
