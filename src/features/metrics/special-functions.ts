/**
 * Numerical building blocks of the drift statistics, written after the code whose
 * numbers Trellis reproduces (numpy 2 and scipy 1.16, whose special functions come
 * from xsf, scipy's C++ port of Cephes). Each function names the one it mirrors;
 * the operation order follows the original wherever the last bits depend on it.
 * Cephes' coefficient tables carry more digits than a double holds; they are
 * written here as the doubles those literals round to, so the values are identical.
 */

/** Cephes constants (xsf `cephes/const.h`). */
const MACHEP = 1.1102230246251565e-16;
const MAXLOG = 709.782712893384;
const EULER = 0.5772156649015329;
const LS2PI = 0.9189385332046728;
const IGAM_MAXITER = 2000;
/** Smallest normal double (C `DBL_MIN`). */
const DBL_MIN = 2.2250738585072014e-308;

/**
 * `np.sum` of a contiguous float64 array: numpy's `pairwise_sum` (fewer than 8
 * values left to right; up to 128 with eight running sums; above that split at
 * half the length rounded down to a multiple of 8). Summing in this order is what
 * makes PSI, Jensen–Shannon and chi-square equal to numpy's to the last bit.
 */
export function pairwiseSum(a: Float64Array, start = 0, length = a.length - start): number {
  if (length < 8) {
    let res = 0;
    for (let i = 0; i < length; i++) res += a[start + i] as number;
    return res;
  }
  if (length <= 128) {
    let r0 = a[start] as number;
    let r1 = a[start + 1] as number;
    let r2 = a[start + 2] as number;
    let r3 = a[start + 3] as number;
    let r4 = a[start + 4] as number;
    let r5 = a[start + 5] as number;
    let r6 = a[start + 6] as number;
    let r7 = a[start + 7] as number;
    const blocked = length - (length % 8);
    let i = 8;
    for (; i < blocked; i += 8) {
      const o = start + i;
      r0 += a[o] as number;
      r1 += a[o + 1] as number;
      r2 += a[o + 2] as number;
      r3 += a[o + 3] as number;
      r4 += a[o + 4] as number;
      r5 += a[o + 5] as number;
      r6 += a[o + 6] as number;
      r7 += a[o + 7] as number;
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < length; i++) res += a[start + i] as number;
    return res;
  }
  let half = Math.floor(length / 2);
  half -= half % 8;
  return pairwiseSum(a, start, half) + pairwiseSum(a, start + half, length - half);
}

/**
 * Compensated (Neumaier) running sum, for sums numpy takes in an order Trellis
 * cannot reproduce from value counts (a BLAS dot product, a sum over raw rows):
 * nearly correctly rounded, so within a few ulps of any careful order.
 */
export class CompensatedSum {
  private sum = 0;
  private compensation = 0;

  add(x: number): void {
    const t = this.sum + x;
    if (Math.abs(this.sum) >= Math.abs(x)) this.compensation += this.sum - t + x;
    else this.compensation += x - t + this.sum;
    this.sum = t;
  }

  value(): number {
    return this.sum + this.compensation;
  }
}

/**
 * scipy.special.rel_entr as of scipy 1.16 (xsf `convex_analysis.h`): x·log(x/y),
 * through log1p when x and y are close; 0 when x is 0; +∞ when only y is 0.
 */
export function relEntr(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x <= 0 || y <= 0) return x === 0 && y >= 0 ? 0 : Infinity;
  const ratio = x / y;
  if (0.5 < ratio && ratio < 2) return x * Math.log1p((x - y) / y);
  if (DBL_MIN < ratio && ratio < Infinity) return x * Math.log(ratio);
  return x * (Math.log(x) - Math.log(y));
}

/** Cephes `polevl`: coefficients from the highest degree down. */
function polevl(x: number, coef: readonly number[]): number {
  let ans = coef[0] as number;
  for (let i = 1; i < coef.length; i++) ans = ans * x + (coef[i] as number);
  return ans;
}

/** Cephes `p1evl`: as polevl with an implicit leading coefficient 1. */
function p1evl(x: number, coef: readonly number[]): number {
  let ans = x + (coef[0] as number);
  for (let i = 1; i < coef.length; i++) ans = ans * x + (coef[i] as number);
  return ans;
}

// Cephes ndtr.c rational approximations of erf / erfc.
const NDTR_P = [
  2.461969814735305e-10, 0.5641895648310689, 7.463210564422699, 48.63719709856814, 196.5208329560771, 526.4451949954773, 934.5285271719576,
  1027.5518868951572, 557.5353353693994,
];
const NDTR_Q = [
  13.228195115474499, 86.70721408859897, 354.9377788878199, 975.7085017432055, 1823.9091668790973, 2246.3376081871097, 1656.6630919416134,
  557.5353408177277,
];
const NDTR_R = [0.5641895835477551, 1.275366707599781, 5.019050422511805, 6.160210979930536, 7.4097426995044895, 2.9788666537210022];
const NDTR_S = [2.2605286322011726, 9.396035249380015, 12.048953980809666, 17.08144507475659, 9.608968090632859, 3.369076451000815];
const NDTR_T = [9.604973739870516, 90.02601972038427, 2232.005345946843, 7003.325141128051, 55592.30130103949];
const NDTR_U = [33.56171416475031, 521.3579497801527, 4594.323829709801, 22629.000061389095, 49267.39426086359];

/** Cephes `erfc` (xsf `cephes/ndtr.h`). */
export function erfc(a: number): number {
  if (Number.isNaN(a)) return NaN;
  const x = Math.abs(a);
  if (x < 1) return 1 - erf(a);
  const z = -a * a;
  if (z < -MAXLOG) return a < 0 ? 2 : 0;
  const ez = Math.exp(z);
  const p = x < 8 ? polevl(x, NDTR_P) : polevl(x, NDTR_R);
  const q = x < 8 ? p1evl(x, NDTR_Q) : p1evl(x, NDTR_S);
  let y = (ez * p) / q;
  if (a < 0) y = 2 - y;
  if (y !== 0) return y;
  return a < 0 ? 2 : 0;
}

/** Cephes `erf` (xsf `cephes/ndtr.h`). */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return -erf(-x);
  if (Math.abs(x) > 1) return 1 - erfc(x);
  const z = x * x;
  return (x * polevl(z, NDTR_T)) / p1evl(z, NDTR_U);
}

/** Standard normal CDF: scipy.special.ndtr (= scipy.stats.norm.cdf), Cephes `ndtr`. */
export function normalCdf(a: number): number {
  if (Number.isNaN(a)) return NaN;
  const x = a * Math.SQRT1_2;
  const z = Math.abs(x);
  if (z < 1) return 0.5 + 0.5 * erf(x);
  const y = 0.5 * erfc(z);
  return x > 0 ? 1 - y : y;
}

/** Standard normal survival function, ndtr(−x) (scipy.stats.norm.sf). */
export function normalSf(x: number): number {
  return normalCdf(-x);
}

// Cephes gamma.c: Stirling series (A) and the rational approximation on [2, 3] (B / C).
const LGAM_A = [0.0008116141674705085, -0.0005950619042843014, 0.0007936503404577169, -0.002777777777300997, 0.08333333333333319];
const LGAM_B = [-1378.2515256912086, -38801.631513463784, -331612.9927388712, -1162370.974927623, -1721737.0082083966, -853555.6642457654];
const LGAM_C = [
  -351.81570143652345, -17064.210665188115, -220528.59055385445, -1139334.4436798252, -2532523.0717758294, -2018891.4143353277,
];

/**
 * log Γ(x) for x > 0: Cephes `lgam` (xsf `cephes/gamma.h`). The drift code only
 * needs positive arguments, so the reflection branch for x < −34 is left out.
 */
export function logGamma(x: number): number {
  if (Number.isNaN(x) || x <= 0) return x === 0 ? Infinity : NaN;
  if (!Number.isFinite(x)) return x;
  if (x < 13) {
    let z = 1;
    let p = 0;
    let u = x;
    while (u >= 3) {
      p -= 1;
      u = x + p;
      z *= u;
    }
    while (u < 2) {
      z /= u;
      p += 1;
      u = x + p;
    }
    if (u === 2) return Math.log(z);
    p -= 2;
    const y = x + p;
    return Math.log(z) + (y * polevl(y, LGAM_B)) / p1evl(y, LGAM_C);
  }
  const q = (x - 0.5) * Math.log(x) - x + LS2PI;
  if (x >= 1000) {
    if (x > 1e8) return q;
    const p = 1 / (x * x);
    return q + ((0.0007936507936507937 * p - 0.002777777777777778) * p + 0.08333333333333333) / x;
  }
  const p = 1 / (x * x);
  return q + polevl(p, LGAM_A) / x;
}

/**
 * ζ(n) for n = 0…41 (index n), the coefficients of Cephes `lgam1p_taylor`: partial
 * sum to 9 plus the Euler–Maclaurin tail at N = 10 (six Bernoulli terms), which is
 * exact to double precision from n = 2 up.
 */
const ZETA: Float64Array = (() => {
  const z = new Float64Array(42);
  const bernoulliOverFactorial = [1 / 6 / 2, -1 / 30 / 24, 1 / 42 / 720, -1 / 30 / 40320, 5 / 66 / 3628800, -691 / 2730 / 479001600];
  const N = 10;
  for (let s = 2; s < 42; s++) {
    let sum = 0;
    for (let k = N - 1; k >= 1; k--) sum += k ** -s;
    let tail = N ** (1 - s) / (s - 1) + N ** -s / 2;
    let rising = s;
    for (let j = 1; j <= bernoulliOverFactorial.length; j++) {
      tail += (bernoulliOverFactorial[j - 1] as number) * rising * N ** (-s - 2 * j + 1);
      rising *= (s + 2 * j - 1) * (s + 2 * j);
    }
    z[s] = sum + tail;
  }
  return z;
})();

/** log Γ(1 + x) near x = 0 by its Taylor series: Cephes `lgam1p_taylor`. */
function logGamma1pTaylor(x: number): number {
  if (x === 0) return 0;
  let res = -EULER * x;
  let xfac = -x;
  for (let n = 2; n < 42; n++) {
    xfac *= -x;
    const coeff = ((ZETA[n] as number) * xfac) / n;
    res += coeff;
    if (Math.abs(coeff) < MACHEP * Math.abs(res)) break;
  }
  return res;
}

/** log Γ(1 + x): Cephes `lgam1p`. */
export function logGamma1p(x: number): number {
  if (Math.abs(x) <= 0.5) return logGamma1pTaylor(x);
  if (Math.abs(x - 1) < 0.5) return Math.log(x) + logGamma1pTaylor(x - 1);
  return logGamma(x + 1);
}

/** log(1 + x) − x: Cephes `log1pmx`. */
export function log1pmx(x: number): number {
  if (Math.abs(x) < 0.5) {
    let xfac = x;
    let res = 0;
    for (let n = 2; n < 500; n++) {
      xfac *= -x;
      const term = xfac / n;
      res += term;
      if (Math.abs(term) < MACHEP * Math.abs(res)) break;
    }
    return res;
  }
  return Math.log1p(x) - x;
}

// Lanczos approximation (N = 13, g ≈ 6.0247) as Cephes `lanczos.h` takes it from Boost.
const LANCZOS_G = 6.02468004077673;
const LANCZOS_EXPG_SCALED_NUM = [
  0.006061842346248907, 0.5098416655656676, 19.519927882476175, 449.9445569063168, 6955.999602515376, 75999.29304014542, 601859.6171681099,
  3481712.154980646, 14605578.087685067, 43338889.32467614, 86363131.2881386, 103794043.11634454, 56906521.913471565,
];
const LANCZOS_EXPG_SCALED_DENOM = [1, 66, 1925, 32670, 357423, 2637558, 13339535, 45995730, 105258076, 150917976, 120543840, 39916800, 0];

/** Cephes `ratevl`: a rational function, evaluated in 1/x when |x| > 1. */
function ratevl(x: number, num: readonly number[], denom: readonly number[]): number {
  const big = Math.abs(x) > 1;
  const y = big ? 1 / x : x;
  const M = num.length - 1;
  const N = denom.length - 1;
  let n = (big ? num[M] : num[0]) as number;
  for (let i = 1; i <= M; i++) n = n * y + (num[big ? M - i : i] as number);
  let d = (big ? denom[N] : denom[0]) as number;
  for (let i = 1; i <= N; i++) d = d * y + (denom[big ? N - i : i] as number);
  return big ? (x ** (M - N) * n) / d : n / d;
}

/** x^a·e^(−x)/Γ(a): Cephes `igam_fac`. */
function igamFac(a: number, x: number): number {
  if (Math.abs(a - x) > 0.4 * Math.abs(a)) {
    const ax = a * Math.log(x) - x - logGamma(a);
    return ax < -MAXLOG ? 0 : Math.exp(ax);
  }
  const fac = a + LANCZOS_G - 0.5;
  let res = Math.sqrt(fac / Math.exp(1)) / ratevl(a, LANCZOS_EXPG_SCALED_NUM, LANCZOS_EXPG_SCALED_DENOM);
  if (a < 200 && x < 200) {
    res *= Math.exp(a - x) * (x / fac) ** a;
  } else {
    const num = x - a - LANCZOS_G + 0.5;
    res *= Math.exp(a * log1pmx(num / fac) + (x * (0.5 - LANCZOS_G)) / fac);
  }
  return res;
}

/** Q(a, x) by its continued fraction (DLMF 8.9.2): Cephes `igamc_continued_fraction`. */
function igamcContinuedFraction(a: number, x: number, maxIter: number): number {
  const ax = igamFac(a, x);
  if (ax === 0) return 0;
  const big = 4.503599627370496e15;
  const biginv = 2.220446049250313e-16;
  let y = 1 - a;
  let z = x + y + 1;
  let c = 0;
  let pkm2 = 1;
  let qkm2 = x;
  let pkm1 = x + 1;
  let qkm1 = z * x;
  let ans = pkm1 / qkm1;
  for (let i = 0; i < maxIter; i++) {
    c += 1;
    y += 1;
    z += 2;
    const yc = y * c;
    const pk = pkm1 * z - pkm2 * yc;
    const qk = qkm1 * z - qkm2 * yc;
    let t: number;
    if (qk !== 0) {
      const r = pk / qk;
      t = Math.abs((ans - r) / r);
      ans = r;
    } else {
      t = 1;
    }
    pkm2 = pkm1;
    pkm1 = pk;
    qkm2 = qkm1;
    qkm1 = qk;
    if (Math.abs(pk) > big) {
      pkm2 *= biginv;
      pkm1 *= biginv;
      qkm2 *= biginv;
      qkm1 *= biginv;
    }
    if (t <= MACHEP) break;
  }
  return ans * ax;
}

/** P(a, x) by its power series (DLMF 8.11.4): Cephes `igam_series`. */
function igamSeries(a: number, x: number, maxIter: number): number {
  const ax = igamFac(a, x);
  if (ax === 0) return 0;
  let r = a;
  let c = 1;
  let ans = 1;
  for (let i = 0; i < maxIter; i++) {
    r += 1;
    c *= x / r;
    ans += c;
    if (c <= MACHEP * ans) break;
  }
  return (ans * ax) / a;
}

/** Q(a, x) for small x (DLMF 8.7.3): Cephes `igamc_series`. */
function igamcSeries(a: number, x: number): number {
  let fac = 1;
  let sum = 0;
  for (let n = 1; n < IGAM_MAXITER; n++) {
    fac *= -x / n;
    const term = fac / (a + n);
    sum += term;
    if (Math.abs(term) <= MACHEP * Math.abs(sum)) break;
  }
  const logx = Math.log(x);
  const term = -Math.expm1(a * logx - logGamma1p(a));
  return term - Math.exp(a * logx - logGamma(a)) * sum;
}

/**
 * Regularized upper incomplete gamma Q(a, x): Cephes `igamc` (xsf `cephes/igam.h`),
 * branch for branch, except one: where a and x are close and a > 20, Cephes switches
 * to Temme's uniform asymptotic expansion (a 25×25 coefficient table); here the
 * series / continued fraction it would otherwise use run there too, with an
 * iteration budget that grows with √a. Both converge in that region; the results
 * agree with scipy to ~1e-13 relative (see special-functions.test.ts).
 */
export function upperRegularizedGamma(a: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(x)) return NaN;
  if (x < 0 || a < 0) return NaN;
  if (a === 0) return x > 0 ? 0 : NaN;
  if (x === 0) return 1;
  if (!Number.isFinite(a)) return Number.isFinite(x) ? 1 : NaN;
  if (!Number.isFinite(x)) return 0;
  const relGap = Math.abs(x - a) / a;
  const temmeRegion = (a > 20 && a < 200 && relGap < 0.3) || (a > 200 && relGap < 4.5 / Math.sqrt(a));
  const maxIter = temmeRegion ? IGAM_MAXITER + Math.ceil(40 * Math.sqrt(a)) : IGAM_MAXITER;
  if (x > 1.1) return x < a ? 1 - igamSeries(a, x, maxIter) : igamcContinuedFraction(a, x, maxIter);
  if (x <= 0.5) return -0.4 / Math.log(x) < a ? 1 - igamSeries(a, x, maxIter) : igamcSeries(a, x);
  return x * 1.1 < a ? 1 - igamSeries(a, x, maxIter) : igamcSeries(a, x);
}

/** Chi-square survival function: scipy.stats.chi2.sf = scipy.special.chdtrc(df, x) = Q(df/2, x/2). */
export function chi2Sf(x: number, df: number): number {
  if (x < 0) return NaN;
  return upperRegularizedGamma(df / 2, x / 2);
}

/** numpy.round / Python's round on a float: halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const diff = x - f;
  if (diff < 0.5) return f;
  if (diff > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

/** x·2^e without intermediate overflow or underflow (C `ldexp`). */
export function ldexp(x: number, e: number): number {
  let r = x;
  let k = e;
  while (k > 1000) {
    r *= 2 ** 1000;
    k -= 1000;
  }
  while (k < -1000) {
    r *= 2 ** -1000;
    k += 1000;
  }
  return r * 2 ** k;
}
