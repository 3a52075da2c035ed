/**
 * The one access policy: "may this actor do this action on this record", from the actor's role and
 * the organization subtree the record lives in. Routes and use cases ask here; none decides alone.
 *
 * Organizations form a tree (platform → province → city/department → enterprise). A record is
 * described by the path of ids from the root to the organization that owns it.
 */
import type { Role } from './roles.ts';

export interface Actor {
  accountId: string;
  role: Role;
  organizationId: string;
  /** Ids from the root to the actor's own organization, inclusive. */
  organizationPath: readonly string[];
}

export interface OwnedRecord {
  /** Ids from the root to the owning organization, inclusive. */
  organizationPath: readonly string[];
}

/** How far an actor reaches for one action. */
export type Scope =
  | { kind: 'all' }
  | { kind: 'subtree'; rootId: string } // the organization and everything below it
  | { kind: 'own'; organizationId: string } // exactly the actor's organization
  | { kind: 'none' };

type Reach = 'all' | 'province' | 'own_subtree' | 'own';

/** action → the roles allowed and how far each reaches. A role not listed is refused. */
const POLICY = {
  'organization.read': {
    administrator: 'all',
    auditor: 'province',
    province_officer: 'province',
    finance_officer: 'province',
    city_officer: 'own_subtree',
    task_force_reviewer: 'own',
    expert: 'own',
    applicant: 'own',
  },
  'organization.update': {
    administrator: 'all',
    province_officer: 'province',
    city_officer: 'own_subtree',
    applicant: 'own',
  },
  'account.read': { administrator: 'all', auditor: 'province' },
  'account.manage': { administrator: 'all' },
  'audit.read': { administrator: 'all', auditor: 'all' },
  /** Program definitions are public policy: every signed-in role may read them. */
  'program.read': {
    administrator: 'all',
    auditor: 'all',
    province_officer: 'all',
    finance_officer: 'all',
    city_officer: 'all',
    task_force_reviewer: 'all',
    expert: 'all',
    applicant: 'all',
  },
  /** Drafting and publishing versions: the province's own officers (the record is the province). */
  'program.manage': { administrator: 'all', province_officer: 'province' },
  'audit.verify': { administrator: 'all', auditor: 'all' },
  /** The enterprise profile (versioned): the applicant keeps its own; officers read it in their area. */
  'profile.read': {
    administrator: 'all',
    auditor: 'all',
    province_officer: 'province',
    finance_officer: 'province',
    city_officer: 'own_subtree',
    applicant: 'own',
  },
  'profile.update': { applicant: 'own' },
  /** Calls are public policy: every signed-in role reads the published ones of its province. */
  'call.read': {
    administrator: 'all',
    auditor: 'all',
    province_officer: 'all',
    finance_officer: 'all',
    city_officer: 'all',
    task_force_reviewer: 'all',
    expert: 'all',
    applicant: 'all',
  },
  /** Drafting and publishing calls (the record is the province). */
  'call.manage': { administrator: 'all', province_officer: 'province' },
  'application.read': {
    administrator: 'all',
    auditor: 'all',
    province_officer: 'province',
    finance_officer: 'province',
    city_officer: 'own_subtree',
    applicant: 'own',
  },
  /** Drafting, attaching, submitting and withdrawing: the applicant's own. */
  'application.apply': { applicant: 'own' },
  /** The city's initial review (start, return, pass or reject) and its recommendation list. */
  'application.review': { city_officer: 'own_subtree' },
  /** The province's side of selection: quotas, policy review, experts and assignment, decision, notice, final list. */
  'selection.manage': { administrator: 'all', province_officer: 'province' },
  /** Reading the selection records (recommendations, scores, objections) of the province. */
  'selection.read': { administrator: 'all', auditor: 'all', province_officer: 'province', finance_officer: 'province' },
  /** A task force's opinion on the applications routed to it (003). */
  'taskforce.opine': { task_force_reviewer: 'own' },
  /** An expert's own assignments: conflict declaration and scores. */
  'expert.review': { expert: 'own' },
  /** Reading a selected project after the final list: agreement, progress, ledger, acceptance, money, checks, sanctions. */
  'project.read': { administrator: 'all', auditor: 'all', province_officer: 'province', finance_officer: 'province', city_officer: 'own_subtree', applicant: 'own' },
  /** The project owner's part: implementation plan, quarterly reports, invoices, acceptance request, rectification. */
  'project.report': { applicant: 'own' },
  /** The city's part: comments on reports, guidance visits, initial acceptance. */
  'project.supervise': { city_officer: 'own_subtree' },
  /** The province's part: agreement signing, acceptance decisions, subsidy amounts and tranches, titles. */
  'project.manage': { administrator: 'all', province_officer: 'province' },
  /** The finance department's approval and record of each disbursement and recovery. */
  'funds.disburse': { finance_officer: 'province' },
  /** Spot checks and sanctions (revocation, recovery, application bans). */
  'oversight.manage': { administrator: 'all', province_officer: 'province' },
  /** Program statistics (funnel, money, time in stage, the map) over the records the actor may read. */
  'statistics.read': { administrator: 'all', auditor: 'all', province_officer: 'province', finance_officer: 'province', city_officer: 'own_subtree' },
  /** The province's target plan (002): targets, their live and reported values, progress. */
  'targets.read': { administrator: 'all', auditor: 'all', province_officer: 'province', finance_officer: 'province' },
  /** A lead department's quarterly figure for a reported target, with its evidence. */
  'targets.report': { administrator: 'all', province_officer: 'province' },
  /** A platform's or enterprise's monthly operating figures (003 三（一）), by form or API token. */
  'operations.report': { applicant: 'own' },
  /** Reading operating figures: the industry operation view and the capacity map. */
  'operations.read': { administrator: 'all', auditor: 'all', province_officer: 'province', finance_officer: 'province', city_officer: 'own_subtree', applicant: 'own' },
} as const satisfies Record<string, Partial<Record<Role, Reach>>>;

export type Action = keyof typeof POLICY;
export const ACTIONS = Object.keys(POLICY) as Action[];

function reachOf(actor: Actor, action: Action): Reach | undefined {
  return (POLICY[action] as Partial<Record<Role, Reach>>)[actor.role];
}

/** The scope an actor has for an action, for filtering lists in the database. */
export function scopeFor(actor: Actor, action: Action): Scope {
  const reach = reachOf(actor, action);
  switch (reach) {
    case undefined:
      return { kind: 'none' };
    case 'all':
      return { kind: 'all' };
    case 'province': {
      // path: [platform, province, ...]; an actor at the platform root reaches everything
      const province = actor.organizationPath[1];
      return province ? { kind: 'subtree', rootId: province } : { kind: 'all' };
    }
    case 'own_subtree':
      return { kind: 'subtree', rootId: actor.organizationId };
    case 'own':
      return { kind: 'own', organizationId: actor.organizationId };
  }
}

export function inScope(scope: Scope, record: OwnedRecord): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'subtree':
      return record.organizationPath.includes(scope.rootId);
    case 'own':
      return record.organizationPath[record.organizationPath.length - 1] === scope.organizationId;
  }
}

/** May the actor do the action at all (on some record)? */
export function mayAttempt(actor: Actor, action: Action): boolean {
  return reachOf(actor, action) !== undefined;
}

/** May the actor do the action on this record? */
export function can(actor: Actor, action: Action, record: OwnedRecord): boolean {
  return inScope(scopeFor(actor, action), record);
}

/** The roles that may attempt an action (for the route table and the OpenAPI document). */
export function rolesFor(action: Action): Role[] {
  return Object.keys(POLICY[action]) as Role[];
}
