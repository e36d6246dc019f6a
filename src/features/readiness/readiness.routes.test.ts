import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays } from '../../domain/evidence-state.ts';
import type { Readiness, ReadinessCheck, ReadinessRule } from '../../domain/schemas/readiness.schemas.ts';
import { DEFAULT_CRITERIA } from '../risk/risk-levels.ts';
import { as, describeEachDatabase, newMember, newOrganization, type SignedIn, type TestContext } from '../../test/harness.ts';
import { readinessRules } from './readiness-rules.ts';

const A = 'iso42001-2023';
const today = new Date().toISOString().slice(0, 10);

const hiring = {
  name: 'CV screening assistant',
  purpose: 'Ranks job applications for recruiters',
  intendedUse: 'Shortlisting; a recruiter reads every application it ranks low',
  foreseeableMisuse: 'Used to reject applicants without a human look',
  affectedPersons: 'Job applicants',
  users: 'Recruiters in HR',
  automation: 'human-in-the-loop',
  humanOversight: 'A recruiter confirms every shortlist',
  deploymentContext: 'Applicant tracking system, EU offices',
  jurisdictions: ['DE', 'EU'],
  euRoles: ['deployer'],
  stage: 'deployed',
  owner: 'head.of.hr@example.com',
};

async function readiness(ctx: TestContext, who: SignedIn, asOf?: string): Promise<Readiness> {
  const res = await as(ctx, who).get(`/api/orgs/${who.orgSlug}/readiness${asOf ? `?asOf=${asOf}` : ''}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

function check(r: Readiness, ruleId: string): ReadinessCheck {
  const found = r.checks.find((c) => c.ruleId === ruleId);
  assert.ok(found, `no check ${ruleId}`);
  return found;
}

const status = (r: Readiness, ruleId: string) => check(r, ruleId).status;

async function ok<T = { id: string; ref: string; version: number }>(res: { statusCode: number; body: string; json: () => unknown }) {
  assert.ok(res.statusCode < 300, `${res.statusCode} ${res.body}`);
  return res.json() as T;
}

/** An evidence note linked to clauses and controls, with an optional review date. */
async function note(
  ctx: TestContext,
  who: SignedIn,
  title: string,
  links: { requirements?: string[]; controls?: string[] },
  reviewDue?: string,
) {
  return ok(
    await as(ctx, who).post(`/api/orgs/${who.orgSlug}/evidence`, {
      kind: 'note',
      title,
      note: `${title}: approved and filed`,
      effectiveDate: today,
      ...(reviewDue ? { reviewDue } : {}),
      links: { requirements: links.requirements ?? [], controls: links.controls ?? [] },
    }),
  );
}

/** The figure for a group recomputed from the checks: floor(passed / total × 100). */
function expectedScore(r: Readiness, group: string) {
  const mine = r.checks.filter((c) => c.group === group);
  const passed = mine.filter((c) => c.status === 'pass').length;
  return { passed, total: mine.length, score: Math.floor((passed * 100) / mine.length) };
}

describeEachDatabase('Certification readiness API', (ctx) => {
  test('a new organization: every check is a gap, unbuilt areas included; figures, order and fix paths', async () => {
    const owner = await newOrganization(ctx());
    const r = await readiness(ctx(), owner);
    assert.equal(r.asOf, today);
    assert.equal(r.total, readinessRules.length);
    assert.equal(r.checks.length, readinessRules.length);
    assert.deepEqual(
      r.checks.map((c) => c.ruleId),
      readinessRules.map((rule) => rule.id),
      'checks in catalog order',
    );
    assert.deepEqual([r.overall, r.passed, r.gaps.length], [0, 0, readinessRules.length]);
    assert.deepEqual(
      r.clauses.map((c) => c.id),
      ['4', '5', '6', '7', '8', '9', '10'],
    );
    assert.deepEqual(
      r.annexA.map((c) => c.id),
      ['A.2', 'A.3', 'A.4', 'A.5', 'A.6', 'A.7', 'A.8', 'A.9', 'A.10'],
    );
    assert.equal(
      r.annexA.reduce((n, a) => n + a.total, 0),
      76,
      '38 controls × (decision, operation)',
    );
    for (const s of [...r.clauses, ...r.annexA]) assert.deepEqual([s.score, s.passed], [0, 0]);

    // Areas Trellis keeps no records for are gaps until evidence is linked, never passes.
    for (const id of [
      '4.3-scope-statement',
      '5.2-ai-policy',
      '7.2-competence',
      '9.2-internal-audit',
      '9.3-management-review',
      '10.2-nonconformity',
    ]) {
      const c = check(r, id);
      assert.equal(c.status, 'gap', id);
      assert.match(c.detail, /No evidence is linked to clause/);
      assert.equal(c.fix.path, `/orgs/${owner.orgSlug}/evidence/new?requirement=${A}:${c.requirement}`);
    }
    assert.equal(check(r, 'A.6.2.4-decision').fix.path, `/orgs/${owner.orgSlug}/controls/${A}/A.6.2.4`);
    assert.equal(check(r, '6.1.1-risk-criteria').fix.path, `/orgs/${owner.orgSlug}/risks/criteria`);

    // Gaps: priority first, then catalog order.
    const priorities = r.gaps.map((g) => g.priority);
    assert.deepEqual(
      priorities,
      [...priorities].sort((a, b) => a - b),
    );
    assert.equal(r.gaps[0]?.ruleId, '4.3-scope-statement');
    const p1 = r.gaps.filter((g) => g.priority === 1).map((g) => g.ruleId);
    assert.deepEqual(
      p1,
      readinessRules.filter((rule) => rule.priority === 1).map((rule) => rule.id),
    );
    assert.equal(r.gaps.at(-1)?.ruleId, 'A.10.4-operating');
  });

  test('readiness moves from gap to pass as each record is created, and back when evidence expires', async () => {
    const owner = await newOrganization(ctx());
    const api = as(ctx(), owner);
    const base = `/api/orgs/${owner.orgSlug}`;
    let r = await readiness(ctx(), owner);
    const start = r.overall;

    // 6.1.1: the organization's own criteria.
    assert.equal(status(r, '6.1.1-risk-criteria'), 'gap');
    await ok(await api.put(`${base}/risk-criteria`, { content: DEFAULT_CRITERIA, note: 'Our appetite' }));
    r = await readiness(ctx(), owner);
    assert.equal(status(r, '6.1.1-risk-criteria'), 'pass');

    // 4.3 inventory: an in-scope system with an owner and a purpose; its impact assessment is still missing.
    const system = await ok(await api.post(`${base}/systems`, hiring));
    r = await readiness(ctx(), owner);
    assert.equal(status(r, '4.3-ai-system-inventory'), 'pass');
    assert.equal(status(r, '6.1.4-impact-assessments'), 'gap');
    assert.match(
      check(r, '6.1.4-impact-assessments').detail,
      new RegExp(`1 in-scope AI system of 1 has no approved impact assessment \\(${system.ref}\\)`),
    );

    // 6.1.2 / 6.1.3: a scored risk above the threshold needs a treatment and an accepted residual risk.
    const risk = await ok(
      await api.post(`${base}/risks`, { title: 'Older applicants ranked lower', likelihood: 4, impact: 4, systemIds: [system.id] }),
    );
    r = await readiness(ctx(), owner);
    assert.equal(status(r, '6.1.2-risks-analysed'), 'pass');
    assert.equal(status(r, '6.1.3-risk-treatment'), 'gap');
    assert.equal(status(r, '8.3-treatment-actions'), 'pass');
    const treated = await ok(
      await api.put(`${base}/risks/${risk.id}/treatment`, {
        option: 'modify',
        controls: [{ framework: A, control: 'A.6.2.4' }],
        actions: [{ title: 'Bias test before release', due: addDays(today, 20) }],
        residualLikelihood: 1,
        residualImpact: 2,
        version: risk.version,
      }),
    );
    r = await readiness(ctx(), owner);
    assert.equal(status(r, '6.1.3-risk-treatment'), 'gap', 'treated, but the residual risk is not accepted yet');
    await ok(await api.post(`${base}/risks/${risk.id}/acceptance`, { comment: 'Accepted', version: treated.version }));
    r = await readiness(ctx(), owner);
    assert.equal(status(r, '6.1.3-risk-treatment'), 'pass');
    // The risk treatment makes A.6.2.4 applicable: the decision passes, the operation does not yet.
    assert.equal(status(r, 'A.6.2.4-decision'), 'pass');
    assert.match(check(r, 'A.6.2.4-decision').detail, /^Included \(through risk treatment\): Treats 1 risk/);
    assert.equal(status(r, 'A.6.2.4-operating'), 'gap');

    // 6.1.2 results and 8.2: an approved assessment of the whole AIMS.
    assert.equal(status(r, '6.1.2-risk-assessment'), 'gap');
    assert.equal(status(r, '8.2-risk-reassessment'), 'gap');
    const run = await ok(
      await api.post(`${base}/risk-assessments`, { title: 'AIMS risk assessment', scope: 'aims', method: 'Workshop', performedOn: today }),
    );
    await ok(await api.post(`${base}/risk-assessments/${run.id}/approve`, { version: run.version }));
    r = await readiness(ctx(), owner);
    assert.equal(status(r, '6.1.2-risk-assessment'), 'pass');
    assert.equal(status(r, '8.2-risk-reassessment'), 'pass');

    // 6.1.4 / 8.4: an approved impact assessment for the in-scope system.
    const ia = await ok(
      await api.post(`${base}/impact-assessments`, {
        systemId: system.id,
        templateId: 'aisia-42001',
        title: 'CV screening',
        reviewDue: addDays(today, 90),
        answers: {
          'assessment-scope': 'Use in all EU offices',
          'vulnerable-groups': false,
          criticality: 'high',
          'data-sensitivity': ['personal-data'],
          conclusion: 'Acceptable with the mitigations planned',
          assessors: 'HR lead, DPO',
        },
      }),
    );
    const submitted = await ok(await api.post(`${base}/impact-assessments/${ia.id}/submit`, { version: ia.version }));
    await ok(await api.post(`${base}/impact-assessments/${ia.id}/approve`, { version: submitted.version }));
    r = await readiness(ctx(), owner);
    assert.equal(status(r, '6.1.4-impact-assessments'), 'pass');
    assert.equal(status(r, '8.4-impact-assessments-current'), 'pass');

    // A.6.2.4 operates once implemented with current evidence.
    await ok(await api.put(`${base}/controls/${A}/A.6.2.4`, { applicable: true, status: 'implemented' }));
    r = await readiness(ctx(), owner);
    assert.match(check(r, 'A.6.2.4-operating').detail, /no evidence is linked/);
    await note(ctx(), owner, 'Bias test report', { controls: ['A.6.2.4'] }, addDays(today, 30));
    r = await readiness(ctx(), owner);
    assert.equal(status(r, 'A.6.2.4-operating'), 'pass');

    // 6.1.3 SoA: approved, then out of date after a change.
    assert.equal(status(r, '6.1.3-soa-approved'), 'gap');
    await ok(await api.post(`${base}/soa/versions`, { comment: 'First SoA' }));
    r = await readiness(ctx(), owner);
    assert.equal(status(r, '6.1.3-soa-approved'), 'pass');
    assert.equal(status(r, '6.1.3-soa-current'), 'pass');
    await ok(await api.put(`${base}/controls/${A}/A.2.3`, { applicable: false, exclusionJustification: 'No other policies yet' }));
    r = await readiness(ctx(), owner);
    assert.equal(status(r, '6.1.3-soa-current'), 'gap');
    assert.match(check(r, '6.1.3-soa-current').detail, /Version 1 differs from the live SoA on 1 control \(A\.2\.3\)/);
    assert.equal(status(r, 'A.2.3-decision'), 'pass');
    assert.equal(status(r, 'A.2.3-operating'), 'pass', 'an excluded control has nothing to operate');

    // Unbuilt areas pass only with current evidence linked to the clause (or a sub-clause).
    const policyDue = addDays(today, 40);
    await note(ctx(), owner, 'AI policy v1', { requirements: [`${A}:5.2`] }, policyDue);
    await note(ctx(), owner, 'Management review minutes', { requirements: [`${A}:9.3.3`] });
    r = await readiness(ctx(), owner);
    assert.equal(status(r, '5.2-ai-policy'), 'pass');
    assert.match(check(r, '5.2-ai-policy').detail, /^1 current evidence item linked to clause 5\.2\.$/);
    assert.equal(status(r, '9.3-management-review'), 'pass');
    assert.equal(status(r, '9.2-internal-audit'), 'gap');
    assert.ok(r.overall > start);

    // Figures: floor(passed / total × 100) per group and overall.
    for (const s of [...r.clauses, ...r.annexA])
      assert.deepEqual({ passed: s.passed, total: s.total, score: s.score }, expectedScore(r, s.id));
    assert.equal(r.passed, r.checks.filter((c) => c.status === 'pass').length);
    assert.equal(r.overall, Math.floor((r.passed * 100) / r.total));
    assert.equal(r.gaps.length, r.total - r.passed);

    // As of a day past the review dates: the evidence has expired, and more falls due.
    const later = addDays(policyDue, 1);
    const audit = await readiness(ctx(), owner, later);
    assert.equal(audit.asOf, later);
    assert.equal(status(audit, '5.2-ai-policy'), 'gap');
    assert.match(check(audit, '5.2-ai-policy').detail, new RegExp(`^The one linked evidence item is expired as of ${later}\\.$`));
    assert.equal(status(audit, '9.3-management-review'), 'pass', 'evidence without a review date does not expire');
    assert.equal(status(audit, 'A.6.2.4-operating'), 'gap');
    assert.match(check(audit, 'A.6.2.4-operating').detail, /^Included, but the one linked evidence item is expired as of/);
    assert.equal(status(audit, '8.3-treatment-actions'), 'gap', 'the treatment action falls due before the audit');
    assert.ok(audit.overall < r.overall);
    const farther = await readiness(ctx(), owner, addDays(today, 91));
    assert.equal(status(farther, '8.4-impact-assessments-current'), 'gap');
    // Today's view is unchanged.
    assert.equal(status(await readiness(ctx(), owner), '5.2-ai-policy'), 'pass');
  });

  test('asOf: a past day or a malformed date is refused with the field path', async () => {
    const owner = await newOrganization(ctx());
    const past = await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/readiness?asOf=${addDays(today, -1)}`);
    assert.equal(past.statusCode, 400, past.body);
    assert.equal(past.json().error.details.issues[0].path, 'querystring.asOf');
    const bad = await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/readiness?asOf=2027-02-30`);
    assert.equal(bad.statusCode, 400, bad.body);
    assert.equal(bad.json().error.details.issues[0].path, 'querystring.asOf');
  });

  test('organization isolation; every member reads, auditors included; rules are templates', async () => {
    const a = await newOrganization(ctx());
    const b = await newOrganization(ctx());
    await note(ctx(), a, 'AI policy', { requirements: [`${A}:5.2`] });
    await ok(await as(ctx(), a).post(`/api/orgs/${a.orgSlug}/systems`, hiring));
    const ra = await readiness(ctx(), a);
    const rb = await readiness(ctx(), b);
    assert.equal(status(ra, '5.2-ai-policy'), 'pass');
    assert.equal(status(ra, '4.3-ai-system-inventory'), 'pass');
    assert.equal(status(rb, '5.2-ai-policy'), 'gap', "another organization's evidence does not count");
    assert.equal(status(rb, '4.3-ai-system-inventory'), 'gap');
    assert.equal(rb.overall, 0);

    // Not a member: the organization is invisible.
    assert.equal((await as(ctx(), b).get(`/api/orgs/${a.orgSlug}/readiness`)).statusCode, 404);
    assert.equal((await as(ctx(), b).get(`/api/orgs/${a.orgSlug}/readiness/rules`)).statusCode, 404);
    assert.equal((await ctx().app.inject({ method: 'GET', url: `/api/orgs/${a.orgSlug}/readiness` })).statusCode, 401);

    for (const role of ['auditor', 'viewer', 'contributor'] as const) {
      const member = await newMember(ctx(), a, role);
      const seen = await readiness(ctx(), member);
      assert.equal(seen.overall, ra.overall, role);
      assert.equal(status(seen, '5.2-ai-policy'), 'pass', role);
    }
    const auditor = await newMember(ctx(), a, 'auditor');
    const rules = await as(ctx(), auditor).get(`/api/orgs/${a.orgSlug}/readiness/rules`);
    assert.equal(rules.statusCode, 200, rules.body);
    const list = rules.json<ReadinessRule[]>();
    assert.deepEqual(list, JSON.parse(JSON.stringify(readinessRules)));
    assert.equal(list.find((rule) => rule.id === '5.2-ai-policy')?.fix.path, `/orgs/:org/evidence/new?requirement=${A}:5.2`);
  });
});
