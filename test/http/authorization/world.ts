/**
 * The world of the authorization matrix (test/http/authorization.test.ts), shared with the recipe
 * modules of each area: the test actors (one per role, all in Hebei, the city ones in 石家庄), a
 * 石家庄 enterprise (own) and a 唐山 one (other), and the applicant side's records.
 */
import type { Actor } from '../../../src/core/access-policy.ts';
import type { Role } from '../../../src/core/roles.ts';
import type { AccountRow, OrganizationRow } from '../../../src/use-cases/ports.ts';
import type { Client, TestPlatform } from '../../support/platform.ts';

export type Target = 'own' | 'other';

export interface World {
  provincePaths: Record<Target, readonly string[]>;
  sjzEnterprise: OrganizationRow;
  tsEnterprise: OrganizationRow;
  tsAccount: AccountRow;
  actors: Record<Role, { client: Client; actor: Actor; account: AccountRow; org: OrganizationRow }>;
  applicantSide: ApplicantSide;
}

/** The applicant side's records: calls, applications with an attachment, uploads, for 石家庄 (own) and 唐山 (other). */
export interface ApplicantSide {
  /** A published call of hebei-2016-internet-plus (Hebei's: "own" for every test actor). */
  call: string;
  draftCalls: Record<Target, string>;
  /** Draft applications under `call`: own is the 石家庄 enterprise's, other the 唐山 one's. */
  applications: Record<Target, string>;
  attachments: Record<Target, string>;
  uploads: Record<Target, string>;
}

export interface Recipe {
  /** The request for a role against its own or another organization's record. */
  request(role: Role, target: Target): { path: string; body?: unknown };
  /** The record it touches, for the policy's answer (absent: a list or an action with no record). */
  record?(role: Role, target: Target): readonly string[];
}

/**
 * An area's recipes: called once after the world is set up (it may create the records its routes
 * need through the API or the repositories), returning a recipe per `method path` of its routes.
 */
export type RecipeModule = (p: TestPlatform, w: World) => Promise<Record<string, Recipe>>;

export const applicationPath = (w: World, t: Target) => (t === 'own' ? w.sjzEnterprise.path : w.tsEnterprise.path);
