/** Agreements, progress reports, guidance visits, acceptance, rectification and titles. */
import type { RouteDef } from '../route.ts';

export const implementationRoutes: RouteDef[] = [];
