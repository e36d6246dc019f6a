import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AiSystem } from '../../domain/schemas/inventory.schemas.ts';
import type { Risk, RiskAssessment, RiskCriteriaContent } from '../../domain/schemas/risk.schemas.ts';
import { as, describeEachDatabase, newMember, newOrganization, upload, type SignedIn, type TestContext } from '../../test/harness.ts';
import { DEFAULT_CRITERIA } from './risk-levels.ts';

async function system(ctx: TestContext, who: SignedIn, name: string): Promise<AiSystem> {
  const res = await as(ctx, who).post(`/api/orgs/${who.orgSlug}/systems`, { name, stage: 'deployed', euRoles: ['deployer'] });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

async function risk(ctx: TestContext, who: SignedIn, body: Record<string, unknown>): Promise<Risk> {
  const res = await as(ctx, who).post(`/api/orgs/${who.orgSlug}/risks`, body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

describeEachDatabase('AI risk management API', (ctx) => {
  test('a full cycle: criteria → risk → treatment with controls → residual acceptance → approved assessment, frozen', async () => {
    const owner = await newOrganization(ctx());
    const api = as(ctx(), owner);
    const base = `/api/orgs/${owner.orgSlug}`;

    // The built-in default until the organization saves its own criteria.
    const initial = (await api.get(`${base}/risk-criteria`)).json();
    assert.equal(initial.isDefault, true);
    assert.equal(initial.number, 0);
    const own: RiskCriteriaContent = { ...DEFAULT_CRITERIA, acceptanceThreshold: 'low', reviewIntervalMonths: 6 };
    const saved = await api.put(`${base}/risk-criteria`, { content: own, note: 'Lower appetite for the first year' });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.json().number, 1);

    const cv = await system(ctx(), owner, 'CV screening assistant');
    const created = await risk(ctx(), owner, {
      title: 'Ranking disadvantages older applicants',
      riskSource: 'C.3.5',
      systemIds: [cv.id],
      consequencesIndividuals: 'Qualified applicants over 55 are not shortlisted',
      likelihood: 4,
      impact: 4,
      owner: 'head.of.people@example.com',
    });
    assert.equal(created.ref, 'RSK-0001');
    assert.deepEqual(created.inherentLevel, { id: 'high', label: 'High', colour: '#f76707', rank: 2 });
    assert.equal(created.criteriaNumber, 1);
    assert.equal(created.aboveThreshold, true);
    assert.equal(created.needsAttention, true);
    assert.deepEqual(
      created.systems.map((s) => s.ref),
      [cv.ref],
    );
    assert.deepEqual(created.origin, { type: 'manual', id: null, label: 'Entered in the register' });

    // Accepting before deciding a treatment is refused.
    const early = await api.post(`${base}/risks/${created.id}/acceptance`, { comment: 'fine', version: created.version });
    assert.equal(early.statusCode, 422);
    assert.match(early.json().error.message, /decide its treatment/);

    const treated = await api.put(`${base}/risks/RSK-0001/treatment`, {
      option: 'modify',
      plan: 'Remove age proxies from features; human review of every rejection',
      controls: [
        { framework: 'iso42001-2023', control: 'A.7.4', note: 'Data quality checks for proxies of age' },
        { framework: 'iso42001-2023', control: 'A.6.2.4', note: 'Bias test before each release' },
      ],
      actions: [
        { title: 'Drop graduation year feature', owner: 'ml-team@example.com', due: '2020-01-01' },
        { title: 'Monthly selection-rate report by age band', owner: 'hr@example.com', due: '2099-01-01', done: false },
      ],
      residualLikelihood: 2,
      residualImpact: 3,
      version: created.version,
    });
    assert.equal(treated.statusCode, 200, treated.body);
    const t: Risk = treated.json();
    assert.equal(t.status, 'treatment-planned');
    assert.deepEqual(
      t.treatment.controls.map((c) => [c.control, c.title !== null]),
      [
        ['A.6.2.4', true],
        ['A.7.4', true],
      ],
    );
    assert.equal(t.treatment.residualLevel?.id, 'medium');
    assert.equal(t.treatmentOverdue, true, 'an open action is past its due date');
    assert.equal(t.needsAttention, true);

    const badControl = await api.put(`${base}/risks/${t.id}/treatment`, {
      option: 'modify',
      controls: [{ framework: 'iso42001-2023', control: 'A.99' }],
      version: t.version,
    });
    assert.equal(badControl.statusCode, 400);
    assert.equal(badControl.json().error.details.issues[0].path, 'body.controls.0.control');
    const clause = await api.put(`${base}/risks/${t.id}/treatment`, {
      option: 'modify',
      controls: [{ framework: 'iso42001-2023', control: '6.1.2' }],
      version: t.version,
    });
    assert.equal(clause.statusCode, 400, 'a clause is not a control');
    const offScale = await api.put(`${base}/risks/${t.id}/treatment`, {
      option: 'modify',
      residualLikelihood: 6,
      residualImpact: 1,
      version: t.version,
    });
    assert.equal(offScale.statusCode, 400);
    assert.equal(offScale.json().error.details.issues[0].path, 'body.residualLikelihood');

    // A contributor may not accept a medium residual risk under these criteria; an AIMS manager may.
    const contributor = await newMember(ctx(), owner, 'contributor');
    const refused = await as(ctx(), contributor).post(`${base}/risks/${t.id}/acceptance`, { comment: 'ok', version: t.version });
    assert.equal(refused.statusCode, 403);
    assert.match(refused.json().error.message, /Medium residual risk may be accepted by: owner, aims-manager/);
    const manager = await newMember(ctx(), owner, 'aims-manager');
    const accepted = await as(ctx(), manager).post(`${base}/risks/${t.id}/acceptance`, {
      comment: 'Accepted with monthly monitoring',
      version: t.version,
    });
    assert.equal(accepted.statusCode, 200, accepted.body);
    const a: Risk = accepted.json();
    assert.equal(a.acceptance?.role, 'aims-manager');
    assert.equal(a.acceptance?.level.id, 'medium');
    assert.equal(a.acceptance?.comment, 'Accepted with monthly monitoring');
    assert.equal(a.needsAttention, false);

    // The assessment run: live while a draft, frozen when approved.
    const run = await api.post(`${base}/risk-assessments`, {
      title: 'AI risk assessment Q4',
      scope: 'systems',
      systemIds: [cv.id],
      participants: ['Head of People', 'ML lead', 'DPO'],
      method: 'Workshop using the criteria v1',
      performedOn: '2026-11-20',
    });
    assert.equal(run.statusCode, 201, run.body);
    const draft: RiskAssessment = run.json();
    assert.equal(draft.ref, 'RA-0001');
    assert.deepEqual(
      draft.results.map((r) => [r.ref, r.inherentLevel?.id, r.residualLevel?.id, r.accepted, r.controls]),
      [['RSK-0001', 'high', 'medium', true, ['A.6.2.4', 'A.7.4']]],
    );
    assert.equal(
      (await as(ctx(), contributor).post(`${base}/risk-assessments/${draft.id}/approve`, { version: draft.version })).statusCode,
      403,
    );
    const approved = await api.post(`${base}/risk-assessments/RA-0001/approve`, { version: draft.version });
    assert.equal(approved.statusCode, 200, approved.body);
    assert.equal(approved.json().status, 'approved');
    assert.equal(approved.json().nextDue, '2027-05-20');

    // Later changes to the risk do not change the approved results.
    const rescored = await api.patch(`${base}/risks/${t.id}`, { likelihood: 5, impact: 5, version: a.version });
    assert.equal(rescored.statusCode, 200, rescored.body);
    assert.equal(rescored.json().inherentLevel.id, 'critical');
    assert.equal(rescored.json().acceptance, null, 'new scores withdraw the acceptance');
    assert.equal(rescored.json().needsAttention, true);
    const frozen: RiskAssessment = (await api.get(`${base}/risk-assessments/${draft.id}`)).json();
    assert.equal(frozen.results[0]?.inherentLevel?.id, 'high');
    assert.equal(frozen.results[0]?.accepted, true);
    const edit = await api.patch(`${base}/risk-assessments/${draft.id}`, { title: 'Changed', version: frozen.version });
    assert.equal(edit.statusCode, 409);
    assert.match(edit.json().error.message, /frozen/);
    assert.equal((await api.delete(`${base}/risk-assessments/${draft.id}`)).statusCode, 409);

    const history = (await api.get(`${base}/risks/${t.id}/history`)).json();
    assert.deepEqual(
      history.map((h: { action: string }) => h.action),
      ['risk.updated-acceptance-withdrawn', 'risk.residual-accepted', 'risk.treatment-changed', 'risk.created'],
    );
  });

  test('criteria changes keep earlier results comparable; heat map and filters', async () => {
    const owner = await newOrganization(ctx());
    const api = as(ctx(), owner);
    const base = `/api/orgs/${owner.orgSlug}`;
    const s = await system(ctx(), owner, 'Chatbot');
    const r1 = await risk(ctx(), owner, {
      title: 'Hallucinated account advice',
      likelihood: 3,
      impact: 4,
      systemIds: [s.id],
      reviewDue: '2020-01-01',
    });
    await risk(ctx(), owner, { title: 'Prompt injection leaks data', likelihood: 3, impact: 4 });
    await risk(ctx(), owner, { title: 'Unscored idea' });
    assert.equal(r1.inherentLevel?.id, 'high');
    assert.equal(r1.criteriaNumber, 0);

    // A 3 × 3 matrix replaces the default; the old risks keep their levels and version.
    const three: RiskCriteriaContent = {
      likelihood: DEFAULT_CRITERIA.likelihood.slice(0, 3),
      impact: DEFAULT_CRITERIA.impact.slice(0, 3),
      levels: DEFAULT_CRITERIA.levels.slice(0, 3),
      matrix: [
        ['low', 'low', 'medium'],
        ['low', 'medium', 'high'],
        ['medium', 'high', 'high'],
      ],
      acceptanceThreshold: 'medium',
      acceptance: { low: ['owner', 'aims-manager'], medium: ['owner', 'aims-manager'], high: ['owner'] },
      reviewIntervalMonths: 12,
    };
    const bad = await api.put(`${base}/risk-criteria`, { content: { ...three, matrix: three.matrix.slice(0, 2) } });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.details.issues[0].path, 'body.content.matrix');
    const contributor = await newMember(ctx(), owner, 'contributor');
    assert.equal((await as(ctx(), contributor).put(`${base}/risk-criteria`, { content: three })).statusCode, 403);
    assert.equal((await api.put(`${base}/risk-criteria`, { content: three })).statusCode, 200);
    const kept: Risk = (await api.get(`${base}/risks/${r1.id}`)).json();
    assert.equal(kept.inherentLevel?.id, 'high');
    assert.equal(kept.criteriaNumber, 0);
    const offScale = await api.patch(`${base}/risks/${r1.id}`, { likelihood: 3, impact: 4, version: kept.version });
    assert.equal(offScale.statusCode, 200, 'unchanged scores are not re-validated');
    const rescore = await api.patch(`${base}/risks/${r1.id}`, { likelihood: 3, impact: 5, version: offScale.json().version });
    assert.equal(rescore.statusCode, 400, 'the new scale has 3 impact steps');
    assert.equal(rescore.json().error.details.issues[0].path, 'body.impact');
    const rescored = await api.patch(`${base}/risks/${r1.id}`, { likelihood: 2, impact: 3, version: offScale.json().version });
    assert.equal(rescored.json().criteriaNumber, 1);
    assert.equal(rescored.json().inherentLevel.id, 'high');

    const map = (await api.get(`${base}/risks/heat-map`)).json();
    assert.equal(map.criteriaNumber, 1);
    assert.equal(map.inherent.length, 3);
    assert.equal(map.inherent[1][2], 1, 'r1 at likelihood 2, impact 3');
    assert.equal(map.unscored, 2, 'one risk without scores and one scored on the old 5 × 5 grid beyond it');
    assert.equal(map.levels[2][2].id, 'high');
    assert.equal(map.total, 3);
    assert.equal(map.reviewOverdue, 1);
    const forSystem = (await api.get(`${base}/risks/heat-map?systemId=${s.id}`)).json();
    assert.equal(forSystem.total, 1);

    const cell = (await api.get(`${base}/risks?likelihood=2&impact=3`)).json();
    assert.deepEqual(
      cell.items.map((r: Risk) => r.title),
      ['Hallucinated account advice'],
    );
    const bySystem = (await api.get(`${base}/risks?systemId=${s.id}`)).json();
    assert.equal(bySystem.total, 1);
    const attention = (await api.get(`${base}/risks?needsAttention=true&sort=inherent&order=desc`)).json();
    assert.deepEqual(
      attention.items.map((r: Risk) => r.ref),
      ['RSK-0001', 'RSK-0002'],
    );
    const search = (await api.get(`${base}/risks?q=injection`)).json();
    assert.equal(search.total, 1);
    assert.equal((await api.get(`${base}/risks?status=open`)).statusCode, 400);
  });

  test('roles and isolation: auditors and viewers read only; other organizations see nothing', async () => {
    const owner = await newOrganization(ctx());
    const other = await newOrganization(ctx());
    const base = `/api/orgs/${owner.orgSlug}`;
    const r = await risk(ctx(), owner, { title: 'Model drift', likelihood: 2, impact: 2 });
    for (const role of ['auditor', 'viewer'] as const) {
      const member = await newMember(ctx(), owner, role);
      assert.equal((await as(ctx(), member).get(`${base}/risks/${r.id}`)).statusCode, 200);
      assert.equal((await as(ctx(), member).post(`${base}/risks`, { title: 'x' })).statusCode, 403);
      assert.equal((await as(ctx(), member).patch(`${base}/risks/${r.id}`, { title: 'x', version: r.version })).statusCode, 403);
      assert.equal((await as(ctx(), member).post(`${base}/risks/${r.id}/acceptance`, { version: r.version })).statusCode, 403);
      assert.equal((await as(ctx(), member).post(`${base}/risk-assessments`, { title: 'x', performedOn: '2026-01-01' })).statusCode, 403);
    }
    assert.equal((await as(ctx(), other).get(`/api/orgs/${other.orgSlug}/risks/${r.id}`)).statusCode, 404);
    assert.equal((await as(ctx(), other).get(`/api/orgs/${other.orgSlug}/risks/RSK-0001`)).statusCode, 404);
    const foreign = await system(ctx(), owner, 'Owner system');
    const cross = await as(ctx(), other).post(`/api/orgs/${other.orgSlug}/risks`, { title: 'x', systemIds: [foreign.id] });
    assert.equal(cross.statusCode, 400);
    assert.equal(cross.json().error.details.issues[0].path, 'body.systemIds.0');
    assert.equal((await as(ctx(), other).get(`/api/orgs/${other.orgSlug}/risks`)).json().total, 0);
    // A low risk within the threshold may be accepted by a contributor without treatment.
    const contributor = await newMember(ctx(), owner, 'contributor');
    const ok = await as(ctx(), contributor).post(`${base}/risks/${r.id}/acceptance`, { comment: 'Within appetite', version: r.version });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().acceptance.level.id, 'low');
  });

  test('reassessment falls due after a significant change to an in-scope AI system', async () => {
    const owner = await newOrganization(ctx());
    const api = as(ctx(), owner);
    const base = `/api/orgs/${owner.orgSlug}`;
    const s = await system(ctx(), owner, 'Credit pre-check');
    assert.equal((await api.get(`${base}/risk-assessments/status`)).json().due, true, 'nothing approved yet');
    const run = (
      await api.post(`${base}/risk-assessments`, { title: 'Baseline', performedOn: new Date().toISOString().slice(0, 10) })
    ).json();
    assert.equal((await api.post(`${base}/risk-assessments/${run.id}/approve`, { version: run.version })).statusCode, 200);
    const calm = (await api.get(`${base}/risk-assessments/status`)).json();
    assert.equal(calm.due, false, JSON.stringify(calm));
    assert.equal(calm.lastApproved.ref, 'RA-0001');

    // Editing the purpose is not significant; moving the stage is.
    const edited = await api.patch(`${base}/systems/${s.id}`, { purpose: 'Pre-checks credit applications', version: s.version });
    assert.equal((await api.get(`${base}/risk-assessments/status`)).json().due, false);
    await api.patch(`${base}/systems/${s.id}`, { stage: 'retired', version: edited.json().version });
    const due = (await api.get(`${base}/risk-assessments/status`)).json();
    assert.equal(due.due, true);
    assert.deepEqual(
      due.changedSystems.map((c: { ref: string }) => c.ref),
      [s.ref],
    );
    assert.match(due.reasons[0], /changed significantly/);

    // Assessing that one system again covers the change; the AIMS-wide interval is untouched.
    const focused = (
      await api.post(`${base}/risk-assessments`, {
        title: 'Credit pre-check retired',
        scope: 'systems',
        systemIds: [s.id],
        performedOn: '2026-11-27',
      })
    ).json();
    await api.post(`${base}/risk-assessments/${focused.id}/approve`, { version: focused.version });
    const covered = (await api.get(`${base}/risk-assessments/status`)).json();
    assert.equal(covered.due, false, JSON.stringify(covered));
    assert.equal(covered.lastApproved.ref, 'RA-0001', 'the interval runs from the whole-AIMS assessment');
  });

  test('risks import from CSV: all rows or none, rows name AI systems by ref, refs update', async () => {
    const owner = await newOrganization(ctx());
    const api = as(ctx(), owner);
    const base = `/api/orgs/${owner.orgSlug}`;
    const a = await system(ctx(), owner, 'Chatbot');
    const b = await system(ctx(), owner, 'Scoring');
    const file = [
      'ref,title,systems,likelihood,impact,risk_source,status,owner',
      `,Hallucinated advice,${a.ref},4,4,C.3.4,identified,cs@example.com`,
      `R-7,Score drift,${a.ref}; ${b.ref},2,3,,analysed,`,
      ',Unscored concern,,,,,,',
    ].join('\n');
    const dry = await upload(ctx(), owner, `${base}/risks/import?dryRun=true`, file, 'text/csv');
    assert.equal(dry.statusCode, 200, dry.body);
    assert.deepEqual([dry.json().created, dry.json().updated, dry.json().errors.length], [3, 0, 0]);
    assert.equal((await api.get(`${base}/risks`)).json().total, 0);

    const bad = file + '\n,Bad row,AIS-0999,9,1,,open,';
    const refused = await upload(ctx(), owner, `${base}/risks/import`, bad, 'text/csv');
    assert.equal(refused.statusCode, 400);
    assert.deepEqual(
      refused.json().error.details.result.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`),
      ['5:systems', '5:likelihood', '5:status'],
    );
    assert.equal((await api.get(`${base}/risks`)).json().total, 0, 'nothing was imported');

    const done = await upload(ctx(), owner, `${base}/risks/import`, file, 'text/csv');
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json().created, 3);
    const listed: Risk[] = (await api.get(`${base}/risks?sort=title`)).json().items;
    const drift = listed.find((r) => r.ref === 'R-7');
    assert.deepEqual(
      drift?.systems.map((s) => s.ref),
      [a.ref, b.ref],
    );
    assert.equal(drift?.origin.type, 'import');
    assert.equal(listed.find((r) => r.title === 'Hallucinated advice')?.inherentLevel?.id, 'high');

    const again = await upload(ctx(), owner, `${base}/risks/import`, 'ref,title,likelihood,impact\nR-7,Score drift,5,5\n', 'text/csv');
    assert.deepEqual([again.json().created, again.json().updated], [0, 1]);
    assert.equal((await api.get(`${base}/risks/R-7`)).json().inherentLevel.id, 'critical');
  });
});
