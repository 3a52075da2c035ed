/** Spot checks, sanctions, the ban list. */
import type { RouteDef } from '../route.ts';

export const oversightRoutes: RouteDef[] = [];
