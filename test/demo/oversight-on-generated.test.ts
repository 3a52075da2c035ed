/**
 * Issue 7's first proof on generated data: the small demo population (the same generator as `npm run
 * seed:demo`), then every figure of the target dashboard and of the program statistics and map, as the
 * province, a city and the administrator see them, equals a count or sum computed in the test straight
 * from the tables (test/support/target-checks.ts, statistics-checks.ts: the rules restated, none of the
 * repositories' SQL).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { lpBoundInProcess } from '../../src/adapters/jobs/assignment-worker.ts';
import { loadHolidaySchedules } from '../../src/adapters/reference/holidays.ts';
import { assignGreedy } from '../../src/core/selection/assignment.ts';
import { generateDemoPopulation } from '../../src/use-cases/demo/generate.ts';
import { assertStatisticsMatchRecords } from '../support/statistics-checks.ts';
import { assertTargetsMatchRecords } from '../support/target-checks.ts';
import { startPlatform, type Client, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
const clients = {} as Record<'province' | 'city' | 'administrator', Client>;

before(async () => {
  p = await startPlatform({ programs: true });
  const accounts = {
    administrator: await p.account('administrator', 'PLATFORM'),
    province: await p.account('province_officer', '130000-miit'),
    city: await p.account('city_officer', '130100'),
  };
  await generateDemoPopulation(p.deps, {
    seed: 'oversight-check',
    enterprises: 40,
    schedules: loadHolidaySchedules(),
    solver: { solve: async (problem) => assignGreedy(problem), bound: lpBoundInProcess },
  });
  for (const [who, account] of Object.entries(accounts) as [keyof typeof clients, (typeof accounts)['province']][]) {
    clients[who] = p.client({ ip: `10.77.0.${Object.keys(clients).length + 1}` });
    const signedIn = await clients[who].signIn(account);
    assert.equal(signedIn.status, 200, `${who} signs in`);
  }
});
after(() => p?.close());

test('the target dashboard: every computed figure equals the count from the generated records, and the population moves them', async () => {
  const counts = await assertTargetsMatchRecords(p.handle.db, clients.province);
  const plan = counts.get('hebei-2018-ii-plan');
  assert.ok(plan, 'the Hebei target plan is on the dashboard');
  const nonZero = [...plan.entries()].filter(([, n]) => n > 0);
  assert.ok(nonZero.length >= 1, `the generated population moves a computed target: ${JSON.stringify([...plan])}`);
});

test('the statistics and the map: the province, a city and the administrator see the counts and sums of the records', async () => {
  const province = await assertStatisticsMatchRecords(p.handle.db, clients.province);
  assert.ok(province.totals.selected > 0 && province.money.disbursedFen > 0, `the generated population has selections and money: ${JSON.stringify({ totals: province.totals, money: province.money })}`);
  for (const programCode of ['hebei-2016-internet-plus', 'hebei-2021-ii-key-projects']) await assertStatisticsMatchRecords(p.handle.db, clients.province, { programCode });
  const city = await assertStatisticsMatchRecords(p.handle.db, clients.city);
  assert.ok(city.totals.submitted > 0 && city.totals.submitted < province.totals.submitted, `石家庄 sees its own part (${city.totals.submitted} of ${province.totals.submitted})`);
  for (const programCode of ['hubei-2020-dual-innovation', 'shandong-2018-platforms']) await assertStatisticsMatchRecords(p.handle.db, clients.administrator, { programCode });
});
