import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chi2Sf, logGamma, normalCdf, pairwiseSum, relEntr, roundHalfEven } from './special-functions.ts';

// Expected values are scipy 1.17.1 / numpy 2.4.6 outputs (scipy 1.17.1 reproduces every
// p-value of golden-drift.json, made with scipy 1.16.3, bit for bit).

function assertClose(actual: number, expected: number, rtol: number, label = '') {
  const rel = actual === expected ? 0 : Math.abs(actual - expected) / Math.abs(expected);
  assert.ok(rel <= rtol, `${label} ${actual} vs ${expected}: relative difference ${rel} > ${rtol}`);
}

test('pairwiseSum adds in numpy pairwise order (np.sum), unlike a left-to-right loop', () => {
  const make = (n: number) => Float64Array.from({ length: n }, (_, i) => ((i * 7919) % 1009) / 7 + 1 / (i + 3));
  const naive = (a: Float64Array) => a.reduce((s, x) => s + x, 0);
  const numpy: [number, number, number][] = [
    [5, 359.09285714285716, 359.09285714285716],
    [100, 7269.278511000735, 7269.278511000734],
    [300, 21648.93215454057, 21648.932154540584],
    [1000, 72102.84461072268, 72102.8446107227],
  ];
  for (const [n, npSum, loopSum] of numpy) {
    const a = make(n);
    assert.equal(pairwiseSum(a), npSum, `n=${n}`);
    assert.equal(naive(a), loopSum, `n=${n} (left to right)`);
  }
  assert.equal(pairwiseSum(new Float64Array(0)), 0);
});

test('chi2Sf follows scipy.stats.chi2.sf, including the region where Cephes uses its asymptotic series', () => {
  const cases: [number, number, number][] = [
    [1, 0.004, 0.9495709711511051],
    [1, 3.84, 0.05004352124870519],
    [4, 37.353810311231754, 1.522930008083457e-7],
    [9, 16.9, 0.0503051901243108],
    [60, 70.5, 0.16658166319337847],
    [99, 148.5, 0.0009516439966873675],
    [150, 140.0, 0.709520073477558],
    [1000, 1100.0, 0.014614408126295192],
    [50000, 50300.0, 0.17133581875258191],
  ];
  for (const [df, x, expected] of cases) assertClose(chi2Sf(x, df), expected, 1e-12, `df=${df} x=${x}`);
  assert.equal(chi2Sf(37.353810311231754, 4), 1.522930008083457e-7);
  assert.equal(chi2Sf(2873.739898870162, 4), 0);
  assert.equal(chi2Sf(Infinity, 3), 0);
  assert.equal(chi2Sf(0, 3), 1);
});

test('relEntr is scipy 1.16 rel_entr (log1p branch when x/y is within (0.5, 2))', () => {
  assert.equal(relEntr(0.3, 0.25), 0.054696467038186376);
  assert.equal(relEntr(0.3, 0.1), 0.32958368660043286);
  assert.equal(relEntr(0, 0.2), 0);
  assert.equal(relEntr(0.2, 0), Infinity);
  assertClose(relEntr(1e-300, 1e10), -7.138013788281542e-298, 1e-15);
});

test('normalCdf and logGamma follow Cephes ndtr and lgam', () => {
  assert.equal(normalCdf(1.7), 0.955434537241457);
  assertClose(normalCdf(-6.2), 2.823158037043268e-10, 1e-15);
  assertClose(logGamma(7.3), 7.147892523022249, 1e-15);
  assertClose(logGamma(2500.5), 17061.03394900727, 1e-15);
});

test('roundHalfEven rounds halves to the even neighbour, as numpy.round', () => {
  assert.deepEqual([0.5, 1.5, 2.5, 6.5, 5000.5, 8571.428].map(roundHalfEven), [0, 2, 2, 6, 5000, 8571]);
});
