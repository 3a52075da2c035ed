import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { PROGRAMS_DIR, readProgramFile } from '../../src/adapters/programs/files.ts';
import { DomainError } from '../../src/core/errors.ts';
import type { ProgramDefinition } from '../../src/core/programs/definition.ts';
import { aggregate, aggregateExplained, OVERALL, rankApplications, weightedScore, type RankingItem, type Rubric } from '../../src/core/selection/scoring.ts';

const load = (file: string): ProgramDefinition => {
  const f = readProgramFile(path.join(PROGRAMS_DIR, file));
  assert.deepEqual(f.problems, []);
  return f.definition!;
};
// 001 三: three criteria of 100 points, weights 3334 / 3333 / 3333 bp; priority rules 001 二（四）.
const hebei2021 = load('hebei-2021-ii-key-projects.v1.json');
const hubei = load('hubei-2020-dual-innovation.v1.json');
const rubric = hebei2021.scoring!.rubric;

/** The DomainError's field paths and messages. */
const fieldsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof DomainError);
    return err.fields.map((f) => [f.path, f.messages['zh-CN'], f.messages.en]);
  }
  assert.fail('expected a DomainError');
};

describe('weightedScore', () => {
  test('the real rubric (001 三): 100 × Σ(score/max × weight) / Σ weight, two decimals', () => {
    assert.deepEqual(
      rubric.map((c) => [c.id, c.weight, c.max]),
      [
        ['development-foundation', 3334, 100],
        ['innovative-model', 3333, 100],
        ['replication-value', 3333, 100],
      ],
    );
    // (80×3334 + 90×3333 + 70×3333) / 10,000 = 800,000 / 10,000
    assert.equal(weightedScore(rubric, { 'development-foundation': 80, 'innovative-model': 90, 'replication-value': 70 }), 80);
    // 100 × 3334 / 10,000 = 33.34 exactly
    assert.equal(weightedScore(rubric, { 'development-foundation': 100, 'innovative-model': 0, 'replication-value': 0 }), 33.34);
    assert.equal(weightedScore(rubric, { 'development-foundation': 0, 'innovative-model': 100, 'replication-value': 100 }), 66.66);
    // (85.5×3334 + 90×3333 + 77.25×3333) / 10,000 = 84.250125 → 84.25
    assert.equal(weightedScore(rubric, { 'development-foundation': 85.5, 'innovative-model': 90, 'replication-value': 77.25 }), 84.25);
  });

  test('exact half-up rounding where floating point would round down', () => {
    const halves: Rubric = [
      { id: 'a', name: { 'zh-CN': '甲', en: 'A' }, weight: 5000, max: 100 },
      { id: 'b', name: { 'zh-CN': '乙', en: 'B' }, weight: 5000, max: 100 },
    ];
    // (80.01 + 80) / 2 = 80.005 → 80.01 (in binary floating point 80.005 × 100 = 8000.499…)
    assert.equal(weightedScore(halves, { a: 80.01, b: 80 }), 80.01);
    assert.equal(weightedScore(halves, { a: 80.01, b: 79.99 }), 80);
  });

  test('criteria with different maxima are proportions of their maximum; weights need not add up to 10,000', () => {
    const mixed: Rubric = [
      { id: 'tech', name: { 'zh-CN': '技术', en: 'Technology' }, weight: 6, max: 10 },
      { id: 'market', name: { 'zh-CN': '市场', en: 'Market' }, weight: 4, max: 20 },
    ];
    // 100 × (7.5/10 × 6 + 15/20 × 4) / 10 = 75
    assert.equal(weightedScore(mixed, { tech: 7.5, market: 15 }), 75);
    const thirds: Rubric = [{ id: 'x', name: { 'zh-CN': '甲', en: 'X' }, weight: 10_000, max: 3 }];
    assert.equal(weightedScore(thirds, { x: 1 }), 33.33); // 33.333…
    assert.equal(weightedScore(thirds, { x: 2 }), 66.67); // 66.666…
  });

  test('an empty rubric takes one overall score 0–100', () => {
    assert.deepEqual(hubei.scoring!.rubric, []);
    assert.equal(weightedScore([], { [OVERALL]: 88.5 }), 88.5);
    assert.equal(weightedScore([], { overall: 0 }), 0);
    assert.equal(weightedScore([], { overall: 100 }), 100);
    assert.deepEqual(
      fieldsOf(() => weightedScore([], { overall: 100.5 })),
      [['scores.overall', '总分：须在 0 至 100 之间', 'Overall score: must be between 0 and 100']],
    );
    assert.deepEqual(
      fieldsOf(() => weightedScore([], {})),
      [['scores.overall', '总分：须评分', 'Overall score: a score is required']],
    );
  });

  test('every missing, unknown and out-of-range criterion is reported at once', () => {
    assert.deepEqual(
      fieldsOf(() => weightedScore(rubric, { 'development-foundation': 101, 'innovative-model': 88.555, extra: 3 })),
      [
        ['scores.extra', 'extra：不是本项目的评分项', 'extra: not a criterion of this program'],
        ['scores.development-foundation', '发展基础好：须在 0 至 100 之间', 'Sound development foundation: must be between 0 and 100'],
        ['scores.innovative-model', '创新模式优：最多保留两位小数', 'Innovative model: may have at most two decimals'],
        ['scores.replication-value', '推广意义大：须评分', 'High value for replication: a score is required'],
      ],
    );
    assert.deepEqual(
      fieldsOf(() => weightedScore([], { overall: Number.NaN })),
      [['scores.overall', '总分：须为数字', 'Overall score: must be a number']],
    );
  });
});

describe('aggregate', () => {
  test('mean, rounded once half up', () => {
    assert.equal(aggregate('mean', [80, 85, 90]), 85);
    assert.equal(aggregate('mean', [85.33, 85.34]), 85.34); // 85.335 → 85.34
    assert.equal(aggregate('mean', [33.33, 33.33, 33.34]), 33.33); // 33.333…
    assert.equal(aggregate('mean', [70]), 70);
  });

  test('trimmed mean drops one highest and one lowest from 5 scores up', () => {
    // 5 scores: without 95 and 60, (80 + 82 + 84) / 3 = 82
    assert.equal(aggregate('trimmed_mean', [80, 95, 60, 84, 82]), 82);
    // only one of two equal extremes is dropped: (70 + 80 + 90) / 3
    assert.equal(aggregate('trimmed_mean', [70, 70, 80, 90, 90]), 80);
    const e = aggregateExplained('trimmed_mean', [80, 95, 60, 84, 82]);
    assert.deepEqual([e.applied, e.count, e.dropped], ['trimmed_mean', 3, { highest: 95, lowest: 60 }]);
    assert.equal(e.messages['zh-CN'], '5 位专家评分去掉一个最高分 95 和一个最低分 60 后取平均，得 82 分');
    assert.equal(e.messages.en, 'Mean of 5 expert scores without the highest (95) and the lowest (60): 82');
  });

  test('trimmed mean of fewer than 5 scores is the mean, and says so', () => {
    // (60 + 80 + 82 + 84) / 4 = 76.5
    const e = aggregateExplained('trimmed_mean', [60, 80, 82, 84]);
    assert.deepEqual([e.score, e.requested, e.applied, e.dropped], [76.5, 'trimmed_mean', 'mean', null]);
    assert.equal(e.messages['zh-CN'], '4 位专家评分的平均分 76.5 分（评分少于 5 个，不去掉最高分和最低分）');
  });

  test('no scores, or a score out of range, is refused', () => {
    assert.throws(
      () => aggregate('mean', []),
      (err: unknown) => err instanceof DomainError && err.code === 'no_scores',
    );
    assert.deepEqual(
      fieldsOf(() => aggregate('mean', [80, -1])),
      [['expertScores.1', '第 2 位专家评分：须在 0 至 100 之间', 'Score 2: must be between 0 and 100']],
    );
  });
});

describe('rankApplications', () => {
  const at = (t: string) => new Date(`2025-03-${t}+08:00`);
  const item = (applicationId: string, directions: string[], score: number, priorities: string[] = [], submittedAt = at('01T09:00:00')): RankingItem => ({ applicationId, directions, score, priorities, submittedAt });
  const items: RankingItem[] = [
    item('B', ['2.2'], 85, ['priority-award', 'not-a-priority-rule']),
    item('A', ['2.2'], 90),
    item('C', ['2.2'], 85, ['priority-award', 'priority-certified']),
    item('D', ['2.2'], 85, ['priority-it-pilot']),
    item('E', ['2.2'], 85, ['priority-award'], at('02T10:30:00')),
    item('F', ['2.2'], 85, ['priority-award'], at('02T10:30:00')),
    item('G', ['1.1', '2.2'], 70),
    item('H', ['9.9'], 60),
  ];

  test('per direction at the definition’s level, best first, with ties broken by 001 二（四） then submission', () => {
    const r = rankApplications(hebei2021, items, { threshold: 75 });
    assert.equal(r.threshold, 75);
    assert.equal(r.thresholdCitation, null);
    assert.deepEqual(
      r.rankings.map((g) => [g.direction, g.entries.map((e) => `${e.rank}:${e.applicationId}`)]),
      [
        ['1.1', ['1:G']],
        ['2.2', ['1:A', '2:C', '3:D', '4:B', '5:E', '6:F']],
        [null, ['1:H']],
      ],
    );
    const byId = new Map(r.rankings.flatMap((g) => g.entries).map((e) => [e.applicationId, e]));
    assert.deepEqual(
      [...byId.values()].map((e) => [e.applicationId, e.aboveThreshold]),
      [
        ['G', false],
        ['A', true],
        ['C', true],
        ['D', true],
        ['B', true],
        ['E', true],
        ['F', true],
        ['H', false],
      ],
    );
    assert.deepEqual(byId.get('B')!.priorities, ['priority-award'], 'ids that are not priority rules are ignored');
    assert.equal(byId.get('A')!.tieWithPrevious, null);
    assert.equal(byId.get('C')!.tieWithPrevious, null, 'C is below A on score, not by a tie');
    assert.deepEqual(
      ['D', 'B', 'E', 'F'].map((id) => [byId.get(id)!.tieWithPrevious!.above, byId.get(id)!.tieWithPrevious!.decidedBy, byId.get(id)!.tieWithPrevious!.citation]),
      [
        ['C', 'priority_count', '001 二（四）'],
        ['D', 'priority_order', '001 二（四）'],
        ['B', 'submitted_at', null],
        ['E', 'application_id', null],
      ],
    );
    assert.deepEqual(byId.get('D')!.tieWithPrevious!.messages, {
      'zh-CN': '得分相同（85 分），同等条件下享有优先条件较多者排前（2 项对 1 项）',
      en: 'Equal scores (85): more priority conditions held ranks first (2 against 1)',
    });
    assert.deepEqual(byId.get('B')!.tieWithPrevious!.messages, {
      'zh-CN': '得分相同（85 分）且优先条件数量相同，按申报通知所列优先条件顺序，符合“列入国家和省信息化类试点示范的，同等条件下优先纳入重点项目库”者排前',
      en: 'Equal scores (85) and as many priority conditions: in the order the program lists them, the one meeting “Priority for the library: a national or provincial informatization pilot” ranks first',
    });
    assert.deepEqual(byId.get('E')!.tieWithPrevious!.messages, {
      'zh-CN': '得分及优先条件均相同（85 分），提交时间较早者排前（2025-03-01 09:00 对 2025-03-02 10:30）',
      en: 'Equal scores (85) and priority conditions: the earlier submission ranks first (2025-03-01 09:00 against 2025-03-02 10:30, Beijing time)',
    });
    assert.equal(byId.get('F')!.tieWithPrevious!.messages['zh-CN'], '得分、优先条件和提交时间均相同（85 分），暂按申报编号排序，请人工确认');
  });

  test('the same input in any order gives the same ranking', () => {
    const once = rankApplications(hebei2021, items);
    const reversed = rankApplications(hebei2021, [...items].reverse());
    assert.deepEqual(reversed, once);
  });

  test('priority order: holding the earlier-listed rule wins, compared rule by rule', () => {
    // Both hold two rules: {it-pilot, specialized-sme} against {award, certified}: it-pilot is listed first.
    const r = rankApplications(hebei2021, [item('X', ['3.1'], 80, ['priority-award', 'priority-certified']), item('Y', ['3.1'], 80, ['priority-specialized-sme', 'priority-it-pilot'])]);
    assert.deepEqual(
      r.rankings[0]!.entries.map((e) => [e.applicationId, e.priorities]),
      [
        ['Y', ['priority-it-pilot', 'priority-specialized-sme']],
        ['X', ['priority-award', 'priority-certified']],
      ],
    );
    // {it-pilot, certified} against {it-pilot, award}: equal on the first rule, award is listed before certified.
    const s = rankApplications(hebei2021, [item('P', ['3.1'], 80, ['priority-it-pilot', 'priority-certified']), item('Q', ['3.1'], 80, ['priority-it-pilot', 'priority-award'])]);
    assert.deepEqual(
      s.rankings[0]!.entries.map((e) => e.applicationId),
      ['Q', 'P'],
    );
  });

  test('the threshold: the call’s, else the definition’s; a score equal to it reaches it', () => {
    const withThreshold: ProgramDefinition = { ...hebei2021, scoring: { ...hebei2021.scoring!, threshold: 85 } };
    const r = rankApplications(withThreshold, items);
    assert.deepEqual([r.threshold, r.thresholdCitation], [85, '001 三']);
    const entries = r.rankings.flatMap((g) => g.entries);
    assert.equal(entries.find((e) => e.applicationId === 'F')!.aboveThreshold, true);
    assert.equal(entries.find((e) => e.applicationId === 'G')!.aboveThreshold, false);
    assert.equal(rankApplications(withThreshold, items, { threshold: 95 }).rankings.flatMap((g) => g.entries).filter((e) => e.aboveThreshold).length, 0);
    // No threshold anywhere: every application is above it.
    const none = rankApplications(hebei2021, items);
    assert.equal(none.threshold, null);
    assert.ok(none.rankings.every((g) => g.entries.every((e) => e.aboveThreshold)));
  });

  test('Hubei: level-2 directions under their level-1 fields, with the direction’s name', () => {
    const r = rankApplications(hubei, [item('h1', ['D3'], 77.5, ['priority-national-integration-pilot']), item('h2', ['D3'], 77.5, ['priority-integration-certified']), item('h3', ['D1'], 60)]);
    assert.deepEqual(
      r.rankings.map((g) => [g.direction, g.entries.map((e) => e.applicationId)]),
      [
        ['D1', ['h3']],
        ['D3', ['h1', 'h2']],
      ],
    );
    assert.ok(r.rankings[1]!.name!['zh-CN'].length > 0);
    assert.equal(r.rankings[1]!.entries[1]!.tieWithPrevious!.citation, '004 三（三）');
  });

  test('bad input is refused with the item at fault', () => {
    assert.deepEqual(
      fieldsOf(() => rankApplications(hebei2021, [item('A', ['2.2'], 90), item('A', ['2.2'], 101)])),
      [
        ['items.1.applicationId', 'A：重复', 'A: listed twice'],
        ['items.1.score', 'A 得分：须在 0 至 100 之间', 'A score: must be between 0 and 100'],
      ],
    );
    assert.throws(() => rankApplications(hebei2021, items, { threshold: 120 }), /between 0 and 100/);
  });
});
