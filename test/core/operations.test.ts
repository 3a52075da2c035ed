import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../../src/core/errors.ts';
import { capacityByCity, capacityOfCity, groupTotals, latestUpTo, seriesOf, totalsOf, type CapacityLine, type ReportFacts } from '../../src/core/operations/aggregate.ts';
import { industryName } from '../../src/core/operations/industries.ts';
import { addMonths, EFFECTS, isOverdue, meetsGoal, monthRange, validateReport, type OperationReportInput } from '../../src/core/operations/report.ts';

const WINDOW = { today: '2026-05-20', firstMonth: '2026-02' };
const GOOD: OperationReportInput = {
  month: '2026-04',
  connectedDevices: 1200,
  platformUsers: 35,
  industrialApps: 12,
  cloudEnterprises: 20,
  productLines: [{ productName: '数控机床', industryCode: 'c3421', unit: '台', monthlyCapacity: 80 }],
  effects: { operatingCost: -2150, productivity: 1800 },
  note: ' 首次报送 ',
};

function fieldErrors(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof DomainError, 'a domain error');
    return Object.fromEntries(e.fields.map((f) => [f.path, `${f.messages['zh-CN']} | ${f.messages.en}`]));
  }
  assert.fail('expected a validation error');
}

describe('months', () => {
  it('adds months across years and lists a range', () => {
    assert.equal(addMonths('2026-12', 1), '2027-01');
    assert.equal(addMonths('2026-01', -1), '2025-12');
    assert.equal(addMonths('2026-03', -15), '2024-12');
    assert.deepEqual(monthRange('2025-11', '2026-02'), ['2025-11', '2025-12', '2026-01', '2026-02']);
    assert.deepEqual(monthRange('2026-03', '2026-02'), [], 'empty when reversed');
  });
});

describe('validateReport', () => {
  it('accepts a good report, normalizing codes and text, effects not measured stay null', () => {
    const { month, figures } = validateReport(GOOD, WINDOW);
    assert.equal(month, '2026-04');
    assert.equal(figures.productLines[0]!.industryCode, 'C3421', 'upper-cased');
    assert.equal(figures.note, '首次报送');
    assert.deepEqual(figures.effects, { operatingCost: -2150, upgradeCycle: null, productivity: 1800, defectRate: null, energyEfficiency: null });
  });

  it('allows this month and the month of selection, refuses a later month and one before selection', () => {
    assert.equal(validateReport({ ...GOOD, month: '2026-05' }, WINDOW).month, '2026-05');
    assert.equal(validateReport({ ...GOOD, month: '2026-02' }, WINDOW).month, '2026-02');
    assert.deepEqual(fieldErrors(() => validateReport({ ...GOOD, month: '2026-06' }, WINDOW)), {
      month: '报送月份：不能晚于本月（2026年5月） | Month: cannot be later than this month (2026-05)',
    });
    assert.deepEqual(fieldErrors(() => validateReport({ ...GOOD, month: '2026-01' }, WINDOW)), {
      month: '报送月份：不能早于项目入选的月份（2026年2月） | Month: cannot be before the month the project was selected (2026-02)',
    });
    assert.deepEqual(fieldErrors(() => validateReport({ ...GOOD, month: '2026-4' }, WINDOW)), { month: '报送月份：应为年月，如 2026-03 | Month: must be a month such as 2026-03' });
  });

  it('reports every wrong field at once, each on its path, in both languages', () => {
    const errors = fieldErrors(() =>
      validateReport(
        {
          ...GOOD,
          connectedDevices: -1,
          platformUsers: 2.5,
          industrialApps: '12',
          cloudEnterprises: 2e12,
          productLines: [
            { productName: '', industryCode: '3421', unit: '台', monthlyCapacity: 1 },
            { productName: '钢板', industryCode: 'C3130', unit: '吨', monthlyCapacity: 10 },
            { productName: '钢板', industryCode: 'C3130', unit: '吨', monthlyCapacity: 10 },
          ],
          effects: { operatingCost: -12_000, productivity: 12.5, defectRate: 100_001 },
        },
        WINDOW,
      ),
    );
    assert.deepEqual(errors, {
      connectedDevices: '接入设备数：不能为负数 | Connected devices: cannot be negative',
      platformUsers: '平台企业用户数：应为整数 | Enterprise users on the platform: must be a whole number',
      industrialApps: '工业APP数：请填写数字 | Industrial apps: enter a number',
      cloudEnterprises: '上云企业数：数值过大，请核对 | Enterprises moved to the cloud: is implausibly large; check it',
      'productLines.0.productName': '第 1 条产品名称：必填 | Line 1 product: is required',
      'productLines.0.industryCode': '第 1 条行业代码：应为国民经济行业代码（GB/T 4754），如 C3511 | Line 1 industry code: must be a GB/T 4754 industry code such as C3511',
      'productLines.2.productName': '第 3 条产品名称：与前面某条产品和单位重复 | Line 3 product: repeats an earlier line with the same unit',
      'effects.operatingCost': '运营成本变化：应在 −100% 到 +1000% 之间 | Operating cost change: must be between −100% and +1000%',
      'effects.productivity': '生产效率变化：应为以万分之一（基点）计的整数 | Productivity change: must be a whole number of basis points',
      'effects.defectRate': '产品不良品率变化：应在 −100% 到 +1000% 之间 | Defect rate change: must be between −100% and +1000%',
    });
  });

  it('refuses an organization without a selected project (a conflict with its state, not a field problem)', () => {
    assert.throws(() => validateReport(GOOD, { today: '2026-05-20', firstMonth: null }), (e: unknown) => e instanceof DomainError && e.kind === 'conflict' && e.code === 'not_a_reporting_organization');
  });
});

describe('goals of 003 二', () => {
  it('are the five effects with their directions', () => {
    assert.deepEqual(
      EFFECTS.map((e) => [e.key, e.goalBp]),
      [
        ['operatingCost', -2000],
        ['upgradeCycle', -2000],
        ['productivity', 2000],
        ['defectRate', -1000],
        ['energyEfficiency', 1500],
      ],
    );
    assert.equal(meetsGoal('operatingCost', -2000), true);
    assert.equal(meetsGoal('operatingCost', -1999), false);
    assert.equal(meetsGoal('energyEfficiency', 1500), true);
    assert.equal(meetsGoal('energyEfficiency', 1499), false);
  });
});

describe('overdue', () => {
  it('is no report for last month once the organization was reporting by then', () => {
    assert.equal(isOverdue('2026-05-20', '2026-02', '2026-04'), false);
    assert.equal(isOverdue('2026-05-20', '2026-02', '2026-03'), true);
    assert.equal(isOverdue('2026-05-20', '2026-02', null), true);
    assert.equal(isOverdue('2026-05-20', '2026-05', null), false, 'selected this month: nothing due yet');
    assert.equal(isOverdue('2026-01-05', '2025-12', null), true, 'across a year');
  });
});

const fact = (organizationId: string, month: string, devices: number, extra: Partial<ReportFacts> = {}): ReportFacts => ({
  organizationId,
  cityId: '1',
  cityName: '石家庄市',
  industryCode: 'C3421',
  month,
  connectedDevices: devices,
  platformUsers: 1,
  industrialApps: 2,
  cloudEnterprises: 3,
  effects: { operatingCost: null, upgradeCycle: null, productivity: null, defectRate: null, energyEfficiency: null },
  ...extra,
});

describe('totals', () => {
  const rows = [
    fact('a', '2026-01', 100, { effects: { operatingCost: -2000, upgradeCycle: null, productivity: 1000, defectRate: null, energyEfficiency: null } }),
    fact('a', '2026-03', 150, { effects: { operatingCost: -2500, upgradeCycle: null, productivity: null, defectRate: null, energyEfficiency: null } }),
    fact('b', '2026-02', 40, { cityId: '2', cityName: '唐山市', industryCode: 'C3120', effects: { operatingCost: -1000, upgradeCycle: null, productivity: null, defectRate: null, energyEfficiency: null } }),
  ];
  it('count each organization with its latest report up to the month, carrying it forward', () => {
    assert.deepEqual(latestUpTo(rows, '2026-02').map((r) => [r.organizationId, r.month]).sort(), [['a', '2026-01'], ['b', '2026-02']]);
    const series = seriesOf(rows, ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04']);
    assert.deepEqual(series.map((s) => [s.month, s.reporters, s.connectedDevices]), [
      ['2025-12', 0, 0],
      ['2026-01', 1, 100],
      ['2026-02', 2, 140],
      ['2026-03', 2, 190],
      ['2026-04', 2, 190],
    ]);
  });
  it('average effects over those that measured them, rounded to a basis point', () => {
    const t = totalsOf(latestUpTo(rows, '2026-03'));
    assert.equal(t.averageEffects.operatingCost, -1750);
    assert.equal(t.averageEffects.productivity, null, 'a\u2019s latest report did not measure it');
    assert.equal(totalsOf([fact('x', '2026-01', 1, { effects: { operatingCost: -1, upgradeCycle: null, productivity: null, defectRate: null, energyEfficiency: null } }), fact('y', '2026-01', 1, { effects: { operatingCost: -2, upgradeCycle: null, productivity: null, defectRate: null, energyEfficiency: null } })]).averageEffects.operatingCost, -2, '−1.5 rounds away from zero, like +1.5');
  });
  it('group by city and by industry division, largest first', () => {
    const at = latestUpTo(rows, '2026-03');
    assert.deepEqual(groupTotals(at, (r) => ({ key: r.cityId!, name: r.cityName! })).map((g) => [g.name, g.connectedDevices]), [['石家庄市', 150], ['唐山市', 40]]);
    assert.equal(industryName('C34'), '通用设备制造业');
    assert.equal(industryName('C31'), '黑色金属冶炼和压延加工业');
    assert.equal(industryName('I65'), '信息传输、软件和信息技术服务业');
  });
});

describe('capacity map', () => {
  const line = (organizationId: string, cityId: string, productName: string, industryCode: string, unit: string, monthlyCapacity: number): CapacityLine => ({
    organizationId,
    organizationName: `企业${organizationId}`,
    cityId,
    cityName: cityId === '1' ? '石家庄市' : '唐山市',
    cityDivisionCode: cityId === '1' ? '130100' : '130200',
    month: '2026-04',
    productName,
    industryCode,
    unit,
    monthlyCapacity,
  });
  const lines = [
    line('a', '1', '钢板', 'C3130', '吨', 500),
    line('b', '2', '钢板', 'C3130', '吨', 2000),
    line('b', '2', '螺纹钢', 'C3130', '吨', 700),
    line('c', '2', '钢板', 'C3130', '万吨', 3),
    line('d', '1', '数控机床', 'C3421', '台', 80),
  ];
  it('sums one unit per city for an industry, never adding different units', () => {
    const m = capacityByCity(lines, { industry: 'C31', productName: null, unit: null });
    assert.equal(m.unit, '吨', 'the most common unit');
    assert.deepEqual(m.units, [{ unit: '吨', lines: 3 }, { unit: '万吨', lines: 1 }]);
    assert.deepEqual(m.cities.map((c) => [c.divisionCode, c.total, c.enterprises]), [['130200', 2700, 1], ['130100', 500, 1]]);
    assert.equal(m.total, 3200);
    assert.deepEqual(m.products, ['钢板', '螺纹钢'].sort((a, b) => a.localeCompare(b, 'zh-CN')));
    assert.deepEqual(m.industries, [{ code: 'C31', lines: 4 }, { code: 'C34', lines: 1 }]);
  });
  it('narrows to a product line and a chosen unit', () => {
    const m = capacityByCity(lines, { industry: 'C31', productName: '钢板', unit: '万吨' });
    assert.deepEqual(m.cities.map((c) => [c.cityName, c.total]), [['唐山市', 3]]);
    assert.deepEqual(capacityOfCity(lines, '2', { industry: 'C31', productName: null, unit: '吨' }).map((l) => [l.productName, l.monthlyCapacity]), [['钢板', 2000], ['螺纹钢', 700]]);
  });
});
