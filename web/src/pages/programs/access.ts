/** Whether to offer the designer's changes (clone, save, publish) on a program. */
import type { SessionUser } from '../../../../contracts/auth.ts';
import { provinceOfOrganization } from '../../lib/regions.ts';
import { userMay } from '../../routes.ts';

/**
 * The policy lets the role manage programs (program.manage) and the program is in the user's reach:
 * an officer of a province manages that province's programs; a user outside every province (the
 * platform's administrator) all of them. The server decides each request; this only spares the user
 * buttons that would be refused.
 */
export function mayManageProgram(user: SessionUser, provinceCode: string): boolean {
  if (!userMay(user, 'program.manage')) return false;
  const own = provinceOfOrganization(user.organization.code);
  return own === null || own === provinceCode;
}
