/** The investment ledger, subsidy computation, tranches, city matching, disbursements and recoveries. */
import type { RouteDef } from '../route.ts';

export const fundingRoutes: RouteDef[] = [];
