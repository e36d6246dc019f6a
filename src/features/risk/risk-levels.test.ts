import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RiskCriteriaContentSchema, type RiskCriteriaContent } from '../../domain/schemas/risk.schemas.ts';
import { DEFAULT_CRITERIA, isAboveThreshold, levelOf, mayAccept } from './risk-levels.ts';

const scale = (n: number) => Array.from({ length: n }, (_, i) => ({ value: i + 1, label: `S${i + 1}`, definition: '' }));
const level = (id: string, colour: string) => ({ id, label: id.toUpperCase(), colour, description: '' });

const threeByThree: RiskCriteriaContent = {
  likelihood: scale(3),
  impact: scale(3),
  levels: [level('low', '#2f9e44'), level('high', '#e03131')],
  matrix: [
    ['low', 'low', 'high'],
    ['low', 'high', 'high'],
    ['high', 'high', 'high'],
  ],
  acceptanceThreshold: 'low',
  acceptance: { low: ['owner', 'aims-manager', 'contributor'], high: ['owner'] },
  reviewIntervalMonths: 6,
};

// Four likelihood steps by six impact steps: not square, so rows and columns cannot be swapped unnoticed.
const fourBySix: RiskCriteriaContent = {
  likelihood: scale(4),
  impact: scale(6),
  levels: [level('l1', '#2f9e44'), level('l2', '#f59f00'), level('l3', '#f76707')],
  matrix: [
    ['l1', 'l1', 'l1', 'l1', 'l2', 'l2'],
    ['l1', 'l1', 'l2', 'l2', 'l2', 'l3'],
    ['l1', 'l2', 'l2', 'l3', 'l3', 'l3'],
    ['l2', 'l2', 'l3', 'l3', 'l3', 'l3'],
  ],
  acceptanceThreshold: 'l2',
  acceptance: { l1: ['owner', 'aims-manager', 'contributor'], l2: ['owner', 'aims-manager'], l3: ['owner'] },
  reviewIntervalMonths: 12,
};

describe('risk levels', () => {
  test('the default 5 × 5 matrix scores likelihood × impact into four levels', () => {
    assert.equal(RiskCriteriaContentSchema.safeParse(DEFAULT_CRITERIA).success, true);
    assert.equal(levelOf(DEFAULT_CRITERIA, 1, 1)?.id, 'low');
    assert.equal(levelOf(DEFAULT_CRITERIA, 2, 2)?.id, 'low');
    assert.equal(levelOf(DEFAULT_CRITERIA, 1, 5)?.id, 'medium');
    assert.equal(levelOf(DEFAULT_CRITERIA, 3, 3)?.id, 'medium');
    assert.equal(levelOf(DEFAULT_CRITERIA, 2, 5)?.id, 'high');
    assert.equal(levelOf(DEFAULT_CRITERIA, 4, 4)?.id, 'high');
    assert.equal(levelOf(DEFAULT_CRITERIA, 5, 4)?.id, 'critical');
    assert.deepEqual(levelOf(DEFAULT_CRITERIA, 5, 5), { id: 'critical', label: 'Critical', colour: '#e03131', rank: 3 });
    assert.equal(levelOf(DEFAULT_CRITERIA, null, 3), null);
  });

  test('a 3 × 3 matrix with two levels', () => {
    assert.equal(RiskCriteriaContentSchema.safeParse(threeByThree).success, true);
    assert.deepEqual(levelOf(threeByThree, 1, 3), { id: 'high', label: 'HIGH', colour: '#e03131', rank: 1 });
    assert.equal(levelOf(threeByThree, 2, 1)?.id, 'low');
    assert.throws(() => levelOf(threeByThree, 4, 1), /outside the 3 × 3 matrix/);
  });

  test('a 4 × 6 matrix reads likelihood as the row and impact as the column', () => {
    assert.equal(RiskCriteriaContentSchema.safeParse(fourBySix).success, true);
    assert.equal(levelOf(fourBySix, 1, 6)?.id, 'l2');
    assert.equal(levelOf(fourBySix, 4, 1)?.id, 'l2');
    assert.equal(levelOf(fourBySix, 2, 6)?.id, 'l3');
    assert.equal(levelOf(fourBySix, 3, 2)?.id, 'l2');
    assert.throws(() => levelOf(fourBySix, 1, 7), /outside the 4 × 6 matrix/);
  });

  test('the threshold: levels above it must be treated', () => {
    const above = (c: RiskCriteriaContent, l: number, i: number) => isAboveThreshold(c, levelOf(c, l, i));
    assert.equal(above(DEFAULT_CRITERIA, 3, 3), false, 'medium is the threshold itself');
    assert.equal(above(DEFAULT_CRITERIA, 4, 4), true);
    assert.equal(above(threeByThree, 1, 1), false);
    assert.equal(above(threeByThree, 1, 3), true);
    assert.equal(above(fourBySix, 4, 1), false);
    assert.equal(above(fourBySix, 4, 6), true);
    assert.equal(isAboveThreshold(DEFAULT_CRITERIA, null), false);
  });

  test('who may accept which level', () => {
    const critical = levelOf(DEFAULT_CRITERIA, 5, 5);
    const medium = levelOf(DEFAULT_CRITERIA, 3, 3);
    const low = levelOf(DEFAULT_CRITERIA, 1, 1);
    assert.ok(critical && medium && low);
    assert.equal(mayAccept(DEFAULT_CRITERIA, 'owner', critical), true);
    assert.equal(mayAccept(DEFAULT_CRITERIA, 'aims-manager', critical), false);
    assert.equal(mayAccept(DEFAULT_CRITERIA, 'aims-manager', medium), true);
    assert.equal(mayAccept(DEFAULT_CRITERIA, 'contributor', medium), false);
    assert.equal(mayAccept(DEFAULT_CRITERIA, 'contributor', low), true);
    assert.equal(mayAccept(DEFAULT_CRITERIA, 'auditor', low), false);
    const l3 = levelOf(fourBySix, 4, 6);
    assert.ok(l3);
    assert.equal(mayAccept(fourBySix, 'aims-manager', l3), false);
    assert.equal(mayAccept(fourBySix, 'owner', l3), true);
  });

  test('criteria that do not add up are refused with the place of the problem', () => {
    const problems = (c: unknown) => {
      const r = RiskCriteriaContentSchema.safeParse(c);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    assert.deepEqual(problems({ ...threeByThree, matrix: threeByThree.matrix.slice(0, 2) }), [
      'matrix: needs one row per likelihood step (3)',
    ]);
    assert.deepEqual(
      problems({
        ...threeByThree,
        matrix: [
          ['low', 'low', 'high'],
          ['low', 'high'],
          ['high', 'high', 'high'],
        ],
      }),
      ['matrix.1: needs one cell per impact step (3)'],
    );
    assert.deepEqual(
      problems({
        ...threeByThree,
        matrix: [
          ['low', 'low', 'high'],
          ['low', 'extreme', 'high'],
          ['high', 'high', 'high'],
        ],
      }),
      ['matrix.1.1: "extreme" is not one of the levels'],
    );
    assert.deepEqual(problems({ ...threeByThree, acceptanceThreshold: 'medium' }), ['acceptanceThreshold: must be one of the levels']);
    assert.deepEqual(problems({ ...threeByThree, acceptance: { low: ['owner'] } }), [
      'acceptance.high: name at least one role that may accept this level',
    ]);
    assert.deepEqual(problems({ ...threeByThree, likelihood: [scale(3)[0], { value: 3, label: 'x', definition: '' }, scale(3)[2]] }), [
      'likelihood.1.value: steps must be numbered 1, 2, 3, … in order (expected 2)',
    ]);
  });
});
