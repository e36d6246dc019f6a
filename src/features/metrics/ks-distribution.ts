import { CompensatedSum, ldexp, pairwiseSum, roundHalfEven } from './special-functions.ts';

/**
 * Kolmogorov–Smirnov p-values as scipy 1.16 computes them for `ks_2samp`:
 * the exact two-sample path counts when both samples have at most 10,000 values,
 * otherwise `kstwo.sf(D, round(n·m/(n+m)))` with the branch Simard & L'Ecuyer's
 * algorithm picks (scipy `stats/_ksstats.py`). Branch choice follows scipy exactly;
 * the arithmetic is double precision throughout (scipy's `smirnov` works in
 * double-double and its Durbin matrix in long double), which keeps every p-value
 * within ~1e-11 relative of scipy's.
 */

/** Which formula produced a one-sample Kolmogorov p-value (scipy `_kolmogn`'s branches). */
export type KolmogornMethod = 'bound' | 'ruben-gambino' | 'smirnov' | 'dmtw' | 'pomeranz' | 'pelz-good';

export interface KolmogornSf {
  sf: number;
  method: KolmogornMethod;
}

const EP128 = 2 ** 128;
const EM128 = 2 ** -128;
const LOG_2PI = Math.log(2 * Math.PI);
const SQRT2PI = Math.sqrt(2 * Math.PI);
const SQRT3 = Math.sqrt(3);
const PI_SQUARED = Math.PI ** 2;
const PI_FOUR = Math.PI ** 4;
const PI_SIX = Math.PI ** 6;
const MIN_LOG = -708;
const CEPHES_MINLOG = -745.1332191019412;
/** B_2j / (2j(2j−1)) for j = 8 … 1: scipy `_ksstats._STIRLING_COEFFS`, as the doubles its literals round to. */
const STIRLING_COEFFS = [
  -0.029550653594771242, 0.00641025641025641, -0.0019175269175269176, 0.0008417508417508417, -0.0005952380952380953, 0.0007936507936507937,
  -0.002777777777777778, 0.08333333333333333,
];

const clip01 = (p: number) => Math.min(1, Math.max(0, p));

/** log(n!/n^n) by Stirling's series: scipy `_log_nfactorial_div_n_pow_n`. */
function logNFactorialDivNPowN(n: number): number {
  const rn = 1 / n;
  let poly = 0;
  for (const c of STIRLING_COEFFS) poly = poly * (rn / n) + c;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
}

/** Square matrix product of row-major m×m arrays. */
function matmul(a: Float64Array, b: Float64Array, m: number): Float64Array<ArrayBuffer> {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k] as number;
      if (aik === 0) continue;
      for (let j = 0; j < m; j++) out[i * m + j] = (out[i * m + j] as number) + aik * (b[k * m + j] as number);
    }
  }
  return out;
}

/**
 * P(D_n ≤ d) by Durbin's matrix as Marsaglia, Tsang & Wang evaluate it:
 * scipy `_kolmogn_DMTW` (cdf), with its 2^128 rescaling.
 */
function kolmognDmtwCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    v[j - 1] = 1 - h ** j;
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] = (v[j - 1] as number) * fac;
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * fac;
  let H = new Float64Array(m * m);
  for (let i = 1; i < m; i++) for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - i + 1] as number;
  for (let r = 0; r < m; r++) H[r * m] = v[r] as number;
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c] as number;

  let power = new Float64Array(m * m);
  for (let i = 0; i < m; i++) power[i * m + i] = 1;
  let nn = n;
  let expnt = 0;
  let hExpnt = 0;
  while (nn > 0) {
    if (nn % 2) {
      power = matmul(power, H, m);
      expnt += hExpnt;
    }
    H = matmul(H, H, m);
    hExpnt *= 2;
    if (Math.abs(H[(k - 1) * m + (k - 1)] as number) > EP128) {
      for (let i = 0; i < H.length; i++) H[i] = (H[i] as number) / EP128;
      hExpnt += 128;
    }
    nn = Math.floor(nn / 2);
  }
  let p = power[(k - 1) * m + (k - 1)] as number;
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < EM128) {
      p *= EP128;
      expnt -= 128;
    }
  }
  if (expnt !== 0) p = ldexp(p, expnt);
  return clip01(p);
}

/** Row limits of Pomeranz's recursion: scipy `_pomeranz_compute_j1j2`. */
function pomeranzJ1J2(i: number, n: number, ll: number, ceilf: number, roundf: number): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const ip1div2 = Math.floor((i + 1) / 2);
    if ((i + 1) % 2 === 0) {
      if (ip1div2 === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = ip1div2 - 1 - ll - roundf - 1;
        j2 = ip1div2 + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = ip1div2 - 1 - ll - 1;
      j2 = ip1div2 + ll + roundf - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

/** P(D_n ≤ x) by Pomeranz's recursion: scipy `_kolmogn_Pomeranz` (used for n ≤ 140). */
function kolmognPomeranzCdf(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const npwrs = 2 * (ll + 1);
  const gpower = new Float64Array(npwrs);
  const twogpower = new Float64Array(npwrs);
  const onem2gpower = new Float64Array(npwrs);
  gpower[0] = 1;
  twogpower[0] = 1;
  onem2gpower[0] = 1;
  let expnt = 0;
  const gOverN = g / n;
  const twoGOverN = (2 * g) / n;
  const oneMinusTwoGOverN = (1 - 2 * g) / n;
  for (let m = 1; m < npwrs; m++) {
    gpower[m] = ((gpower[m - 1] as number) * gOverN) / m;
    twogpower[m] = ((twogpower[m - 1] as number) * twoGOverN) / m;
    onem2gpower[m] = ((onem2gpower[m - 1] as number) * oneMinusTwoGOverN) / m;
  }
  let V0 = new Float64Array(npwrs);
  let V1 = new Float64Array(npwrs);
  V1[0] = 1;
  let V0s = 0;
  let V1s = 0;
  let [j1, j2] = pomeranzJ1J2(0, n, ll, ceilf, roundf);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [V0, V1] = [V1, V0];
    [V0s, V1s] = [V1s, V0s];
    V1.fill(0);
    [j1, j2] = pomeranzJ1J2(i, n, ll, ceilf, roundf);
    const pwrs = i === 1 || i === 2 * n + 1 ? gpower : i % 2 ? twogpower : onem2gpower;
    const ln2 = j2 - k1 + 1;
    if (ln2 > 0) {
      // The slice of numpy.convolve(V0[k1 - V0s : k1 - V0s + ln2], pwrs[:ln2]) that scipy keeps.
      const aStart = k1 - V0s;
      const aLen = Math.min(ln2, npwrs - aStart);
      const bLen = Math.min(ln2, npwrs);
      const convStart = j1 - k1;
      const convLen = j2 - j1 + 1;
      let vmax = -Infinity;
      for (let r = 0; r < convLen; r++) {
        const idx = convStart + r;
        let s = 0;
        for (let a = Math.max(0, idx - bLen + 1); a <= Math.min(aLen - 1, idx); a++)
          s += (V0[aStart + a] as number) * (pwrs[idx - a] as number);
        V1[r] = s;
      }
      for (let r = 0; r < npwrs; r++) vmax = Math.max(vmax, V1[r] as number);
      if (vmax > 0 && vmax < EM128) {
        for (let r = 0; r < npwrs; r++) V1[r] = (V1[r] as number) * EP128;
        expnt -= 128;
      }
      V1s = V0s + j1 - k1;
    }
  }
  let ans = V1[n - V1s] as number;
  for (let m = 1; m <= n; m++) {
    if (Math.abs(ans) > EP128) {
      ans *= EM128;
      expnt += 128;
    }
    ans *= m;
  }
  if (expnt !== 0) ans = ldexp(ans, expnt);
  return clip01(ans);
}

/**
 * Pelz–Good asymptotic series for P(D_n ≤ x): scipy `_kolmogn_PelzGood`, term for
 * term (Horner over odd k, then the extra K2/K3 sums numpy adds pairwise).
 */
function kolmognPelzGoodCdf(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const zsquared = z ** 2;
  const zthree = z ** 3;
  const zfour = z ** 4;
  const zsix = z ** 6;
  const qlog = -PI_SQUARED / 8 / zsquared;
  if (qlog < MIN_LOG) return 0;
  let q = Math.exp(qlog);

  const k1a = -zsquared;
  const k1b = PI_SQUARED / 4;
  const k2a = 6 * zsix + 2 * zfour;
  const k2b = ((2 * zfour - 5 * zsquared) * PI_SQUARED) / 4;
  const k2c = (PI_FOUR * (1 - 2 * zsquared)) / 16;
  const k3d = (PI_SIX * (5 - 30 * zsquared)) / 64;
  const k3c = (PI_FOUR * (-60 * zsquared + 212 * zfour)) / 16;
  const k3b = (PI_SQUARED * (135 * zfour - 96 * zsix)) / 4;
  const k3a = -30 * zsix - 90 * z ** 8;

  const K = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1;
    const msquared = m ** 2;
    const mfour = m ** 4;
    const msix = m ** 6;
    const qpower = q ** (8 * k);
    const coeffs = [1, k1a + k1b * msquared, k2a + k2b * msquared + k2c * mfour, k3a + k3b * msquared + k3c * mfour + k3d * msix];
    for (let i = 0; i < 4; i++) K[i] = (K[i] as number) * qpower + (coeffs[i] as number);
  }
  const divisors = [z, 6 * zfour, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) K[i] = ((K[i] as number) * q * SQRT2PI) / (divisors[i] as number);

  q = Math.exp(-PI_SQUARED / 2 / zsquared);
  const sqrt3z = SQRT3 * z;
  const k2terms = new Float64Array(maxk);
  const k3terms = new Float64Array(maxk);
  for (let idx = 0; idx < maxk; idx++) {
    const k = maxk - idx;
    const ksquared = k ** 2;
    const kspi = Math.PI * k;
    const qpwer = q ** ksquared;
    k2terms[idx] = ksquared * qpwer;
    k3terms[idx] = (sqrt3z + kspi) * (sqrt3z - kspi) * ksquared * qpwer;
  }
  K[2] = (K[2] as number) + pairwiseSum(k2terms) * ((PI_SQUARED * SQRT2PI) / (-36 * zthree));
  K[3] = (K[3] as number) + pairwiseSum(k3terms) * ((PI_SQUARED * SQRT2PI) / (216 * zsix));
  let sum = 0;
  for (let i = 0; i < 4; i++) sum += (K[i] as number) / n ** (i / 2);
  return sum;
}

/** Exact floor(n·x) and its fractional part, as xsf `modNX` gets them in double-double. */
function splitNX(n: number, x: number): { nxfl: number; alpha: number } {
  // Dekker's two-product: n·x = hi + lo exactly.
  const hi = n * x;
  const split = (a: number) => {
    const c = 134217729 * a;
    const big = c - (c - a);
    return [big, a - big] as const;
  };
  const [nh, nl] = split(n);
  const [xh, xl] = split(x);
  const lo = nh * xh - hi + nh * xl + nl * xh + nl * xl;
  let nxfl = Math.floor(hi);
  let alpha = hi - nxfl + lo;
  if (alpha < 0) {
    nxfl -= 1;
    alpha += 1;
  }
  if (alpha >= 1) {
    nxfl += 1;
    alpha = 0;
  }
  return { nxfl, alpha };
}

/**
 * One-sided Smirnov survival function P(D_n⁺ ≥ x): scipy.special.smirnov
 * (xsf `cephes/kolmogorov.h`, `_smirnov`). Same special cases, same choice between
 * the lower and the upper Birnbaum–Tingey sum and the same early exit; the terms are
 * formed in log space with the binomial kept as mantissa × 2^exponent, where xsf
 * uses double-double.
 */
export function smirnovSf(n: number, x: number): number {
  if (!(n > 0 && x >= 0 && x <= 1)) return NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const { nxfl, alpha } = splitNX(n, x);
  let n1mxfl = n - nxfl - (alpha === 0 ? 0 : 1);
  let n1mxceil = n - nxfl;
  if (alpha === 0) {
    n1mxfl -= 1;
    n1mxceil += 1;
  }
  if (nxfl === 0 || (nxfl === 1 && alpha === 0)) {
    const t = Math.exp((n - 1) * Math.log1p(x));
    return clip01(1 - x * t);
  }
  if (-2 * n * x * x < CEPHES_MINLOG) return 0;
  if (nxfl >= n - 1) return clip01(Math.exp(n * Math.log1p(-x)));
  if (n > 1_000_000) {
    const logp = -((6 * n * x + 1) ** 2) / 18 / n;
    return clip01(logp < -Math.LN2 ? Math.exp(logp) : 1 - -Math.expm1(logp));
  }
  const nUpperTerms = n - n1mxceil + 1;
  const useUpperSum = (nUpperTerms <= 1 && x < 0.5) || (n >= 10 && nUpperTerms <= 3 && x <= 0.5 / Math.sqrt(n));
  const start = useUpperSum ? n : 0;
  const step = useUpperSum ? -1 : 1;
  const nTerms = useUpperSum ? n - n1mxceil + 1 : n1mxfl + 1;
  const vmid = Math.floor(n / 2);

  // First term: (1+x)^(n−1) for the upper sum (v = n), (1−x)^n / x for the lower (v = 0).
  const first = useUpperSum ? Math.exp((n - 1) * Math.log1p(x)) : Math.exp(n * Math.log1p(-x)) / x;
  const sum = new CompensatedSum();
  sum.add(first);
  // Binomial C(n, j) as cMan · 2^cExp: exact rescaling keeps its error at a few ulps.
  let cMan = n;
  let cExp = 0;
  for (let j = 1; j < nTerms; j++) {
    const v = start + j * step;
    const t1x = v / n + x;
    const t2x = (n - v) / n - x;
    let aj = 0;
    if (t2x !== 0) {
      // v < n here, so n − v ≥ 1; log1p keeps (1 − x − v/n)^(n−v) accurate when x + v/n is small.
      const logT2 = (n - v) * (t1x < 0.5 ? Math.log1p(-t1x) : Math.log(Math.abs(t2x)));
      const logAj = Math.log(cMan) + cExp * Math.LN2 + (v - 1) * Math.log(t1x) + logT2;
      const negative = t2x < 0 && (n - v) % 2 === 1;
      aj = (negative ? -1 : 1) * Math.exp(logAj);
    }
    if (Number.isFinite(aj) && aj !== 0) sum.add(aj);
    if (aj !== 0) {
      if (4 * (nTerms - j) * Math.abs(aj) < Number.EPSILON * sum.value() && j !== nTerms - 1) break;
    } else if (j > vmid) {
      break;
    }
    cMan *= (n - j) / (j + 1);
    if (cMan > 2 ** 64) {
      cMan *= 2 ** -64;
      cExp += 64;
    } else if (cMan < 2 ** -64) {
      cMan *= 2 ** 64;
      cExp -= 64;
    }
  }
  const prob = x * sum.value();
  return clip01(step < 0 ? 1 - prob : prob);
}

/**
 * Survival function of the two-sided one-sample Kolmogorov–Smirnov statistic,
 * P(D_n ≥ x): scipy.stats.kstwo.sf(x, n), i.e. `_kolmogn(n, x, cdf=False)` with
 * the support bounds of `kstwo` (1 at x ≤ 0.5/n, 0 at x ≥ 1).
 */
export function kstwoSf(x: number, n: number): KolmogornSf {
  if (!(n >= 1) || !Number.isInteger(n) || Number.isNaN(x)) return { sf: NaN, method: 'bound' };
  if (x <= 0.5 / n) return { sf: 1, method: 'bound' };
  if (x >= 1) return { sf: 0, method: 'bound' };
  const t = n * x;
  if (t <= 1) {
    let prob: number;
    if (n <= 140) {
      prob = 1;
      for (let i = 1; i <= n; i++) prob *= i * (1 / n) * (2 * t - 1);
    } else {
      prob = Math.exp(logNFactorialDivNPowN(n) + n * Math.log(2 * t - 1));
    }
    return { sf: clip01(1 - prob), method: 'ruben-gambino' };
  }
  if (t >= n - 1) return { sf: clip01(2 * (1 - x) ** n), method: 'ruben-gambino' };
  if (x >= 0.5) return { sf: clip01(2 * smirnovSf(n, x)), method: 'smirnov' };
  const nxsquared = t * x;
  if (n <= 140) {
    if (nxsquared <= 0.754693) return { sf: clip01(1 - kolmognDmtwCdf(n, x)), method: 'dmtw' };
    if (nxsquared <= 4) return { sf: clip01(1 - kolmognPomeranzCdf(n, x)), method: 'pomeranz' };
    return { sf: clip01(2 * smirnovSf(n, x)), method: 'smirnov' };
  }
  if (nxsquared >= 370) return { sf: 0, method: 'bound' };
  if (nxsquared >= 2.2) return { sf: clip01(2 * smirnovSf(n, x)), method: 'smirnov' };
  if (n <= 100000 && n * x ** 1.5 <= 1.4) return { sf: clip01(1 - kolmognDmtwCdf(n, x)), method: 'dmtw' };
  return { sf: clip01(1 - kolmognPelzGoodCdf(n, x)), method: 'pelz-good' };
}

/** Pr(D_{n,n} ≥ h/n) for two samples of equal size n: scipy `_compute_prob_outside_square`. */
function probOutsideSquare(n: number, h: number): number {
  let P = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
  }
  return 2 * P;
}

/**
 * Share of lattice paths leaving the band |x/m − y/n| < h/lcm(m, n): scipy
 * `_compute_outer_prob_inside_method` (Hodges' inside method with Viehmann's
 * recursion for 1 − p), one sliding column at a time.
 */
function outerProbInside(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  A.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    const shift = minj - lastminj;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = ((A[jj + shift] as number) * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) A.fill(1, maxj - minj, Math.min(lenA, maxj - minj + (lastlen - curlen)));
  }
  return A[maxj - minj - 1] as number;
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

export type KsPValueMethod = 'exact-square' | 'exact-inside' | KolmogornMethod;

export interface Ks2SampPValue {
  /** The statistic scipy reports: in exact mode rounded to h / lcm(n1, n2). */
  statistic: number;
  p_value: number;
  mode: 'exact' | 'asymp';
  method: KsPValueMethod;
  /** round(n1·n2/(n1+n2)), the n of kstwo in asymp mode. */
  n_eff?: number;
}

/**
 * Two-sided p-value of the two-sample K–S statistic `d` as scipy.stats.ks_2samp
 * (method 'auto') computes it: exact when both samples have at most 10,000 values
 * (falling back to asymp if the exact count fails, as scipy does), else
 * kstwo.sf(d, round(n1·n2/(n1+n2))).
 */
export function ks2SampPValue(d: number, n1: number, n2: number): Ks2SampPValue {
  let statistic = d;
  if (Math.max(n1, n2) <= 10000) {
    const g = gcd(n1, n2);
    const lcm = (n1 / g) * n2;
    const h = roundHalfEven(d * lcm);
    statistic = h / lcm;
    const method = n1 === n2 ? 'exact-square' : 'exact-inside';
    if (h === 0) return { statistic, p_value: 1, mode: 'exact', method };
    const prob = n1 === n2 ? probOutsideSquare(n1, h) : outerProbInside(n1, n2, g, h);
    if (prob >= 0 && prob <= 1) return { statistic, p_value: prob, mode: 'exact', method };
  }
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const nEff = roundHalfEven((m * n) / (m + n));
  const { sf, method } = kstwoSf(statistic, nEff);
  return { statistic, p_value: clip01(sf), mode: 'asymp', method, n_eff: nEff };
}
