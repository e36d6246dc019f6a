import assert from 'node:assert/strict';
import path from 'node:path';
import { before, test } from 'node:test';
import type { EvidenceDetail } from '../../domain/schemas/evidence.schemas.ts';
import type { MonitoringRun, MonitoringRunSummary, RaisedMonitoringRisk, Trend } from '../../domain/schemas/monitoring.schemas.ts';
import type { Risk } from '../../domain/schemas/risk.schemas.ts';
import { as, newOrganization, type SignedIn, type TestContext } from '../../test/harness.ts';
import { runEvaluation, type EvaluationResult } from '../metrics/evaluation.ts';
import {
  base,
  counts,
  createdRun,
  describeMonitoringSuite,
  expectStatus,
  fairnessSpec,
  golden,
  goldenDir,
  groupParity,
  newPlan,
  newSystem,
  sexParity,
} from './monitoring-test-kit.ts';

/*
 * Runs posted as JSON — computed by the CLI on the team's machine, or as confusion counts — and
 * what a breach leads to: alerts, acknowledgements, risks; and a plan's trend.
 */

const goldenSexParity = golden.features.sex?.aggregates.demographic_parity_ratio?.between_groups;

/** What `trellis evaluate fairness` computes from the golden file, as the CLI would post it. */
let cliReport: { result: EvaluationResult; inputs: unknown[] };
before(async () => {
  cliReport = await runEvaluation(fairnessSpec, { data: { kind: 'file', path: path.join(goldenDir, 'synthetic-small.csv') } });
});

function postCliRun(ctx: TestContext, who: SignedIn, body: Record<string, unknown>) {
  return as(ctx, who).post(`${base(who)}/runs`, {
    spec: fairnessSpec,
    result: cliReport.result,
    inputs: cliReport.inputs,
    source: 'cli',
    ...body,
  });
}

/** Counts with selection rates 0.5 (F) and 0.4 (M). */
const sexCounts = {
  sensitive: ['sex'],
  cells: [
    { group: { sex: 'F' }, tp: 30, fp: 20, tn: 25, fn: 25 },
    { group: { sex: 'M' }, tp: 20, fp: 20, tn: 30, fn: 30 },
  ],
};

describeMonitoringSuite('Monitoring runs posted as JSON, alerts and trends', (ctx) => {
  test('a breach is an open alert: acknowledged with a note, or raised once as a risk linked to the run', async () => {
    const owner = await newOrganization(ctx());
    const api = as(ctx(), owner);
    const system = await newSystem(ctx(), owner, 'Loan scoring');
    const plan = await newPlan(ctx(), owner, {
      systemId: system.ref,
      spec: fairnessSpec,
      thresholds: [{ key: groupParity, op: '>=', value: 0.8 }],
      owner: 'ml-lead@example.test',
      controls: ['A.9.2'],
    });
    const first = await createdRun(await postCliRun(ctx(), owner, { planId: plan.ref }));
    const second = await createdRun(await postCliRun(ctx(), owner, { planId: plan.id }));
    assert.equal(second.status, 'breached');
    const open = async () => (await api.get(`${base(owner)}/alerts`)).json<MonitoringRunSummary[]>().map((a) => a.ref);
    assert.deepEqual(await open(), [second.ref, first.ref], 'newest first');

    // Acknowledged: with a note, once.
    expectStatus(await api.post(`${base(owner)}/runs/${first.ref}/acknowledge`, {}), 400);
    const acknowledged = await api.post(`${base(owner)}/runs/${first.ref}/acknowledge`, {
      note: 'Group E has 3 rows; retraining is planned.',
    });
    expectStatus(acknowledged, 200);
    const ack = acknowledged.json<MonitoringRunSummary>();
    assert.equal(ack.alert.state, 'acknowledged');
    assert.equal(ack.alert.note, 'Group E has 3 rows; retraining is planned.');
    assert.equal(ack.alert.by, owner.email);
    expectStatus(await api.post(`${base(owner)}/runs/${first.ref}/acknowledge`, { note: 'again' }), 409);
    assert.deepEqual(await open(), [second.ref]);
    assert.deepEqual(
      (await api.get(`${base(owner)}/alerts?state=acknowledged`)).json<MonitoringRunSummary[]>().map((a) => a.ref),
      [first.ref],
    );

    // Raised as a risk: named after the breach, linked both ways, once.
    const raised = await api.post(`${base(owner)}/runs/${second.ref}/raise-risk`);
    expectStatus(raised, 201);
    const { run, risk } = raised.json<RaisedMonitoringRisk>();
    assert.deepEqual(risk.origin, { type: 'monitoring', id: second.id, label: 'Raised from a monitoring breach' });
    assert.match(risk.title, new RegExp(`${second.ref}`));
    assert.match(risk.title, /Fairness of loan decisions/);
    assert.ok(risk.description.includes(`${groupParity} >= 0.8 failed: measured 0.206481`), risk.description);
    assert.ok(risk.description.includes(second.evidence?.ref ?? '?'));
    assert.deepEqual(
      risk.systems.map((s) => s.ref),
      [system.ref],
    );
    assert.equal(risk.owner, 'ml-lead@example.test');
    assert.deepEqual(
      risk.treatment.controls.map((c) => `${c.framework}:${c.control}`),
      ['iso42001-2023:A.5.4', 'iso42001-2023:A.6.2.4', 'iso42001-2023:A.6.2.6', 'iso42001-2023:A.9.2'],
    );
    assert.match(risk.treatment.controls[0]?.note ?? '', new RegExp(`${plan.ref}.*${second.ref}`));
    assert.equal(run.alert.state, 'risk-raised');
    assert.deepEqual(run.alert.risk, { id: risk.id, ref: risk.ref });
    const fromRegister = (await api.get(`/api/orgs/${owner.orgSlug}/risks/${risk.ref}`)).json<Risk>();
    assert.deepEqual(fromRegister.origin, risk.origin);
    const evidence = (await api.get(`/api/orgs/${owner.orgSlug}/evidence/${second.evidence?.id}`)).json<EvidenceDetail>();
    assert.deepEqual(
      evidence.links.filter((l) => l.type === 'risk').map((l) => l.ref),
      [risk.ref],
    );

    const again = await api.post(`${base(owner)}/runs/${second.ref}/raise-risk`);
    expectStatus(again, 409);
    assert.match(again.body, new RegExp(risk.ref));
    expectStatus(await api.post(`${base(owner)}/runs/${second.ref}/acknowledge`, { note: 'late' }), 409);
    assert.deepEqual(await open(), []);
    const history = (await api.get(`${base(owner)}/runs/${second.ref}/history`)).json<{ action: string }[]>();
    assert.deepEqual(
      history.map((h) => h.action),
      ['monitoring-run.risk-raised', 'monitoring-run.created'],
    );

    // An acknowledged alert can still be raised; a deleted risk can be raised again.
    const raisedFromAck = await api.post(`${base(owner)}/runs/${first.ref}/raise-risk`);
    expectStatus(raisedFromAck, 201);
    const fromAck = raisedFromAck.json<RaisedMonitoringRisk>();
    assert.equal(fromAck.run.alert.note, 'Group E has 3 rows; retraining is planned.', 'the acknowledgement is kept');
    expectStatus(await api.delete(`/api/orgs/${owner.orgSlug}/risks/${fromAck.risk.ref}`), 204);
    expectStatus(await api.post(`${base(owner)}/runs/${first.ref}/raise-risk`), 201);

    // A run that passed has no alert.
    const passing = await createdRun(await postCliRun(ctx(), owner, { systemId: system.id }));
    assert.equal(passing.status, 'passed');
    expectStatus(await api.post(`${base(owner)}/runs/${passing.ref}/raise-risk`), 422);
    expectStatus(await api.post(`${base(owner)}/runs/${passing.ref}/acknowledge`, { note: 'fine' }), 422);
  });

  test('a CLI run: judged by the plan on values recomputed from its report; a bad one is refused and stores nothing', async () => {
    const owner = await newOrganization(ctx());
    const api = as(ctx(), owner);
    const system = await newSystem(ctx(), owner, 'Loan scoring');
    const other = await newSystem(ctx(), owner, 'Chat assistant');
    const plan = await newPlan(ctx(), owner, {
      systemId: system.id,
      spec: fairnessSpec,
      thresholds: [{ key: sexParity, op: '>=', value: 0.9 }],
    });

    const judged = await createdRun(await postCliRun(ctx(), owner, { planId: plan.ref }));
    assert.equal(judged.source, 'cli');
    assert.equal(judged.system?.ref, system.ref, "the plan's AI system");
    assert.equal(judged.values[groupParity], 0.2064814814814815);
    assert.deepEqual(
      judged.thresholds.map((t) => [t.key, t.actual, t.passed]),
      [[sexParity, goldenSexParity, true]],
    );
    assert.equal(judged.status, 'passed');
    assert.deepEqual(judged.inputs, cliReport.inputs);

    // The same report with a doctored number: the server reads the number from the report itself.
    const doctored = structuredClone(cliReport.result) as unknown as {
      features: Record<string, { aggregates: Record<string, Record<string, number>> }>;
    };
    const sexAggregates = doctored.features.sex?.aggregates.demographic_parity_ratio;
    if (sexAggregates) sexAggregates.between_groups = 0.5;
    const lowered = await createdRun(await postCliRun(ctx(), owner, { planId: plan.ref, result: doctored }));
    assert.equal(lowered.values[sexParity], 0.5);
    assert.equal(lowered.status, 'breached');

    const adHoc = await createdRun(await postCliRun(ctx(), owner, { systemId: other.ref }));
    assert.equal(adHoc.plan, null);
    assert.deepEqual(adHoc.thresholds, []);
    assert.equal(adHoc.status, 'passed');
    const evidence = (await api.get(`/api/orgs/${owner.orgSlug}/evidence/${adHoc.evidence?.id}`)).json<EvidenceDetail>();
    assert.deepEqual(
      evidence.links.map((l) => `${l.type}:${l.target}`).sort(),
      ['ai-system:' + other.id, 'control:A.5.4', 'control:A.6.2.4', 'control:A.6.2.6', 'requirement:9.1'].sort(),
    );

    const before = await counts(ctx(), owner);
    const refused = async (body: Record<string, unknown>, path: string) => {
      const res = await postCliRun(ctx(), owner, body);
      expectStatus(res, 400);
      assert.ok(
        res.json<{ error: { details: { issues: { path: string }[] } } }>().error.details.issues.some((i) => i.path === path),
        `${res.body} names ${path}`,
      );
    };
    await refused({}, 'body.systemId');
    await refused({ planId: 'MON-0999' }, 'body.planId');
    await refused({ systemId: 'AIS-0999' }, 'body.systemId');
    await refused({ planId: plan.ref, systemId: other.id }, 'body.systemId');
    await refused({ planId: plan.ref, spec: { metric: 'drift' } }, 'body.spec.metric');
    await refused({ systemId: system.id, result: { ...cliReport.result, metric: 'performance' } }, 'body.result.metric');
    await refused({ systemId: system.id, result: { metric: 'fairness', features: 'none' } }, 'body.result');
    const stringly = structuredClone(doctored) as unknown as {
      features: { sex: { aggregates: { demographic_parity_ratio: Record<string, unknown> } } };
    };
    stringly.features.sex.aggregates.demographic_parity_ratio.between_groups = '0.9';
    await refused({ systemId: system.id, result: stringly }, 'body.result');
    await refused({ systemId: system.id, source: 'upload' }, 'body.source');
    await refused({ systemId: system.id, values: { [sexParity]: 1 } }, 'body');
    assert.deepEqual(await counts(ctx(), owner), before);
  });

  test('a counts run for a fairness plan; a plan of another metric refuses counts', async () => {
    const owner = await newOrganization(ctx());
    const api = as(ctx(), owner);
    const system = await newSystem(ctx(), owner, 'Loan scoring');
    const plan = await newPlan(ctx(), owner, {
      systemId: system.id,
      spec: { ...fairnessSpec, sensitive: ['sex'] },
      thresholds: [{ key: sexParity, op: '>=', value: 0.9 }],
    });
    const run = await createdRun(await api.post(`${base(owner)}/plans/${plan.ref}/runs/counts`, sexCounts));
    assert.equal(run.source, 'counts');
    assert.equal(run.values[sexParity], 0.4 / 0.5);
    assert.equal(run.status, 'breached');
    assert.deepEqual(
      run.inputs.map((i) => [i.role, i.format, i.rows]),
      [['counts', 'counts', 200]],
    );
    const invalid = await api.post(`${base(owner)}/plans/${plan.ref}/runs/counts`, {
      ...sexCounts,
      cells: [{ group: { sex: 'F' }, tp: -1, fp: 0, tn: 0, fn: 0 }],
    });
    expectStatus(invalid, 400);
    assert.match(invalid.body, /body\.cells\.0\.tp/);
    const drift = await newPlan(ctx(), owner, { systemId: system.id, title: 'Drift', spec: { metric: 'drift' } });
    expectStatus(await api.post(`${base(owner)}/plans/${drift.ref}/runs/counts`, sexCounts), 422);
  });

  test("a plan's trend: one metric across its runs in time order; runs page by page, newest first", async () => {
    const owner = await newOrganization(ctx());
    const api = as(ctx(), owner);
    const system = await newSystem(ctx(), owner, 'Loan scoring');
    const plan = await newPlan(ctx(), owner, { systemId: system.id, spec: fairnessSpec });
    const runs: MonitoringRun[] = [];
    runs.push(await createdRun(await postCliRun(ctx(), owner, { planId: plan.ref })));
    runs.push(await createdRun(await api.post(`${base(owner)}/plans/${plan.ref}/runs/counts`, sexCounts)));
    runs.push(await createdRun(await postCliRun(ctx(), owner, { planId: plan.ref })));
    await createdRun(await postCliRun(ctx(), owner, { systemId: system.id }));

    const trend = (await api.get(`${base(owner)}/plans/${plan.ref}/trend?key=${encodeURIComponent(sexParity)}`)).json<Trend>();
    assert.equal(trend.key, sexParity);
    assert.deepEqual(
      trend.points.map((p) => [p.ref, p.value]),
      [
        [runs[0]?.ref, goldenSexParity],
        [runs[1]?.ref, 0.4 / 0.5],
        [runs[2]?.ref, goldenSexParity],
      ],
    );
    assert.deepEqual(
      trend.points.map((p) => p.at),
      runs.map((r) => r.createdAt),
    );
    const groupTrend = (await api.get(`${base(owner)}/plans/${plan.ref}/trend?key=${encodeURIComponent(groupParity)}`)).json<Trend>();
    assert.deepEqual(
      groupTrend.points.map((p) => p.ref),
      [runs[0]?.ref, runs[2]?.ref],
      'the counts run has no group metric',
    );
    const keysOnly = (await api.get(`${base(owner)}/plans/${plan.ref}/trend`)).json<Trend>();
    assert.equal(keysOnly.key, null);
    assert.deepEqual(keysOnly.points, []);
    assert.ok(keysOnly.keys.includes(sexParity) && keysOnly.keys.includes(groupParity) && keysOnly.keys.includes('performance:accuracy'));

    const page1 = (await api.get(`${base(owner)}/runs?limit=3`)).json<{ items: MonitoringRunSummary[]; nextCursor: string | null }>();
    assert.deepEqual(
      page1.items.map((r) => r.ref),
      ['RUN-0004', 'RUN-0003', 'RUN-0002'],
    );
    assert.ok(page1.nextCursor);
    const page2 = (await api.get(`${base(owner)}/runs?limit=3&cursor=${page1.nextCursor}`)).json<{
      items: MonitoringRunSummary[];
      nextCursor: string | null;
    }>();
    assert.deepEqual(
      page2.items.map((r) => r.ref),
      ['RUN-0001'],
    );
    assert.equal(page2.nextCursor, null);
    const filtered = async (query: string) =>
      (await api.get(`${base(owner)}/runs?${query}`)).json<{ items: MonitoringRunSummary[] }>().items.map((r) => r.ref);
    assert.deepEqual(await filtered(`planId=${plan.ref}&status=passed`), ['RUN-0003', 'RUN-0002', 'RUN-0001']);
    assert.deepEqual(await filtered(`systemId=${system.ref}&status=breached`), []);
  });
});
