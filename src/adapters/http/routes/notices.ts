/** The decision, the public notice with objections (public, no login), and the final list. */
import type { RouteDef } from '../route.ts';

export const noticeRoutes: RouteDef[] = [];
