import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ks2SampPValue, kstwoSf, smirnovSf, type KolmogornMethod } from './ks-distribution.ts';

// Expected values: scipy.stats.kstwo.sf / scipy.special.smirnov / scipy's exact
// two-sample counts (scipy 1.17.1, identical to 1.16.3 on golden-drift.json).

function assertClose(actual: number, expected: number, rtol: number, label: string) {
  const rel = actual === expected ? 0 : Math.abs(actual - expected) / Math.abs(expected);
  assert.ok(rel <= rtol, `${label}: ${actual} vs ${expected} (relative difference ${rel})`);
}

test('kstwo.sf takes the branch scipy takes and matches its value', () => {
  const cases: [number, number, number, KolmogornMethod][] = [
    [100, 0.004, 1, 'bound'],
    [3, 0.3, 0.8862222222222222, 'ruben-gambino'],
    [200, 0.0026, 1, 'ruben-gambino'],
    [10, 0.95, 1.9531250000000172e-13, 'ruben-gambino'],
    [10, 0.6, 0.0005681672000000003, 'smirnov'],
    [100, 0.3, 1.7719869892662917e-8, 'smirnov'],
    [100, 0.07, 0.6846706791645845, 'dmtw'],
    [100, 0.15, 0.019839242125641813, 'pomeranz'],
    [100, 0.25, 5.408871776434847e-6, 'smirnov'],
    [200, 0.036, 0.94947273116952, 'dmtw'],
    [1000, 0.01, 0.9999496745370611, 'dmtw'],
    [1000, 0.04, 0.07933956059000224, 'pelz-good'],
    [141, 0.1, 0.11128445516467944, 'pelz-good'],
    [8571, 0.015, 0.04183987751301477, 'pelz-good'],
    [8571, 0.0185, 0.005592488167983726, 'smirnov'],
    [200000, 0.001, 0.9881500208855729, 'pelz-good'],
    [2000000, 0.0012, 0.006297183259583361, 'smirnov'],
    [5000, 0.3, 0, 'bound'],
  ];
  for (const [n, x, expected, method] of cases) {
    const r = kstwoSf(x, n);
    assert.equal(r.method, method, `n=${n} x=${x}`);
    assertClose(r.sf, expected, 1e-11, `n=${n} x=${x}`);
  }
  assert.ok(Number.isNaN(kstwoSf(0.1, 10.5).sf));
});

test('smirnov matches scipy.special.smirnov on both Birnbaum–Tingey sums', () => {
  const cases: [number, number, number][] = [
    [100, 0.025, 0.8681674982884928], // upper sum (x ≤ 0.5/√n, ≤ 3 terms)
    [100, 0.0125, 0.961233268632423],
    [20, 0.3, 0.021533604376327058],
    [1000, 0.05, 0.006506037390545166],
    [5, 0.5, 0.056],
    [8571, 0.018483333333333296, 0.0028259814021368147],
  ];
  for (const [n, x, expected] of cases) assertClose(smirnovSf(n, x), expected, 1e-11, `n=${n} x=${x}`);
});

test('two-sample p-value: exact path counts up to 10,000 per sample, asymp beyond', () => {
  const exact: [number, number, number, number, number, string][] = [
    [0.1, 100, 100, 0.1, 0.7020569828664881, 'exact-square'],
    [0.01, 10000, 10000, 0.01, 0.6994009459719119, 'exact-square'],
    [0.023333333333333334, 3000, 2000, 0.023333333333333334, 0.525361979149105, 'exact-inside'],
    [0.05, 800, 600, 0.05, 0.3481042107293988, 'exact-inside'],
    // scipy reports the statistic rounded to h / lcm(n1, n2) in exact mode.
    [0.3, 37, 41, 0.2999340804218853, 0.04522672719009359, 'exact-inside'],
  ];
  for (const [d, n1, n2, statistic, p, method] of exact) {
    const r = ks2SampPValue(d, n1, n2);
    assert.equal(r.mode, 'exact');
    assert.equal(r.method, method);
    assert.equal(r.statistic, statistic);
    assertClose(r.p_value, p, 1e-12, `${n1}/${n2}`);
  }
  assert.deepEqual(ks2SampPValue(0, 500, 300), { statistic: 0, p_value: 1, mode: 'exact', method: 'exact-inside' });
  const asymp = ks2SampPValue(0.015000000000000013, 20000, 15000);
  assert.equal(asymp.mode, 'asymp');
  assert.equal(asymp.n_eff, 8571);
  assert.equal(asymp.p_value, 0.041839877513014545);
  // n·m/(n+m) = 5000.5 rounds to the even 5000, as numpy.round does.
  assert.equal(ks2SampPValue(0.02, 10001, 10001).n_eff, 5000);
});
