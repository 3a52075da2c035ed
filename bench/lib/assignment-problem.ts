/**
 * A generated expert-assignment problem, the same for the same arguments (seeded), so a child process
 * can rebuild it instead of receiving it.
 *
 * Applications carry their direction and industry as tags (12 of each); experts two to four tags of
 * the 24. Conflicts of interest as the platform finds them: the same city (for programs that say so:
 * about one pair in eleven), declared relations (three applications per expert), and experts who work
 * at an applicant (one in a hundred). Loads: each expert between 75 % and 125 % of the mean.
 */
import { pairKey, type AssignmentProblem } from '../../src/core/selection/assignment.ts';
import { seededRandom } from './stats.ts';

export interface GeneratedProblem {
  problem: AssignmentProblem;
  conflicts: { sameCity: number; declared: number; sameOrganization: number };
  minLoad: number;
  maxLoad: number;
}

const CITIES = 11;

export function assignmentProblem(applications: number, experts: number, perApplication: number, seed = 5_000_800): GeneratedProblem {
  const rnd = seededRandom(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const directionTags = Array.from({ length: 12 }, (_, i) => `direction:${i + 1}`);
  const industryTags = Array.from({ length: 12 }, (_, i) => `industry:C${30 + i}`);
  const allTags = [...directionTags, ...industryTags];
  const apps = Array.from({ length: applications }, (_, i) => ({
    id: `app-${String(i + 1).padStart(6, '0')}`,
    tags: [directionTags[int(12)]!, industryTags[int(12)]!],
    city: int(CITIES),
  }));
  const mean = (applications * perApplication) / experts;
  const minLoad = Math.floor(mean * 0.75);
  const maxLoad = Math.ceil(mean * 1.25);
  const pool = Array.from({ length: experts }, (_, i) => {
    const tags = new Set<string>();
    const count = 2 + int(3);
    while (tags.size < count) tags.add(allTags[int(allTags.length)]!);
    return { id: `expert-${String(i + 1).padStart(4, '0')}`, tags: [...tags], minLoad, maxLoad, city: int(CITIES) };
  });
  const conflicts = new Set<string>();
  let sameCity = 0;
  for (const e of pool) {
    for (const a of apps) {
      if (a.city === e.city) {
        conflicts.add(pairKey(e.id, a.id));
        sameCity++;
      }
    }
  }
  const before = conflicts.size;
  for (const e of pool) for (let j = 0; j < 3; j++) conflicts.add(pairKey(e.id, apps[int(apps.length)]!.id));
  const declared = conflicts.size - before;
  const mid = conflicts.size;
  for (const e of pool) if (rnd() < 0.01) conflicts.add(pairKey(e.id, apps[int(apps.length)]!.id));
  return {
    problem: {
      applications: apps.map(({ id, tags }) => ({ id, tags })),
      experts: pool.map(({ id, tags, minLoad: lo, maxLoad: hi }) => ({ id, tags, minLoad: lo, maxLoad: hi })),
      perApplication,
      conflicts,
    },
    conflicts: { sameCity, declared, sameOrganization: conflicts.size - mid },
    minLoad,
    maxLoad,
  };
}
