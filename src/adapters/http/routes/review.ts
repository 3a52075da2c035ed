/** Expert review: the expert pool, assignment runs, conflict declarations, scores, the panel's record, the ranking. */
import type { RouteDef } from '../route.ts';

export const reviewRoutes: RouteDef[] = [];
