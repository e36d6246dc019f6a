import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SoaDocument } from '../../domain/schemas/controls.schemas.ts';
import type { EvidenceDetail, EvidenceList } from '../../domain/schemas/evidence.schemas.ts';
import type { MonitoringPlan, MonitoringRun, MonitoringRunSummary } from '../../domain/schemas/monitoring.schemas.ts';
import { as, newMember, newOrganization } from '../../test/harness.ts';
import { addPeriod } from './monitoring-schedule.ts';
import {
  base,
  counts,
  createdRun,
  describeMonitoringSuite,
  driftCurrent,
  driftReference,
  expectStatus,
  fairnessSpec,
  golden,
  groupParity,
  MAX_UPLOAD,
  newPlan,
  newSystem,
  sendParts,
  sexParity,
  synthetic,
  uploadData,
  uploadDirs,
} from './monitoring-test-kit.ts';

const today = new Date().toISOString().slice(0, 10);

describeMonitoringSuite('Monitoring plans and uploaded runs', (ctx) => {
  test('plans: create, read, list with filters, change with the version read (409 when stale), delete; each step audited', async () => {
    const owner = await newOrganization(ctx());
    const api = as(ctx(), owner);
    const system = await newSystem(ctx(), owner, 'Loan scoring');
    const other = await newSystem(ctx(), owner, 'Chat assistant');

    const plan = await newPlan(ctx(), owner, {
      systemId: system.ref,
      spec: fairnessSpec,
      thresholds: [{ key: groupParity, op: '>=', value: 0.8 }],
      owner: 'ml-lead@example.test',
      controls: ['A.9.2'],
      requirements: ['iso42001-2023:9.3'],
    });
    assert.equal(plan.ref, 'MON-0001');
    assert.deepEqual(plan.system, { id: system.id, ref: system.ref, name: 'Loan scoring' });
    assert.equal(plan.metric, 'fairness');
    assert.equal(plan.status, 'active');
    assert.equal(plan.spec.metric === 'fairness' && plan.spec.minGroupSize, 30, 'the spec is stored with its defaults');
    assert.equal(plan.nextDue, today, 'the first run is due the day the plan is made');
    assert.equal(plan.overdue, false);
    assert.equal(plan.lastRun, null);
    assert.deepEqual(
      plan.controls.map((c) => [c.framework, c.control, c.title !== null]),
      [['iso42001-2023', 'A.9.2', true]],
    );
    assert.deepEqual(
      plan.requirements.map((r) => [r.framework, r.item]),
      [['iso42001-2023', '9.3']],
    );

    const drift = await newPlan(ctx(), owner, {
      systemId: other.id,
      title: 'Input drift',
      spec: { metric: 'drift' },
      frequency: 'weekly',
      status: 'paused',
    });
    assert.equal(drift.ref, 'MON-0002');

    const list = async (query: string) => (await api.get(`${base(owner)}/plans${query}`)).json<MonitoringPlan[]>().map((p) => p.ref);
    assert.deepEqual(await list(''), ['MON-0001', 'MON-0002']);
    assert.deepEqual(await list(`?systemId=${other.ref}`), ['MON-0002']);
    assert.deepEqual(await list('?status=active'), ['MON-0001']);
    assert.deepEqual(await list('?overdue=true'), []);
    assert.deepEqual(await list('?overdue=false'), ['MON-0001', 'MON-0002']);
    assert.deepEqual(await list('?systemId=AIS-9999'), [], 'an unknown AI system matches nothing');

    // Validation names the field.
    const bad = async (body: Record<string, unknown>, path: string) => {
      const res = await api.post(`${base(owner)}/plans`, {
        systemId: system.id,
        title: 'x',
        spec: fairnessSpec,
        frequency: 'daily',
        ...body,
      });
      expectStatus(res, 400);
      const issues = res.json<{ error: { details: { issues: { path: string }[] } } }>().error.details.issues;
      assert.ok(
        issues.some((i) => i.path === path),
        `${JSON.stringify(issues)} names ${path}`,
      );
    };
    await bad({ frequency: 'hourly' }, 'body.frequency');
    await bad({ spec: { ...fairnessSpec, sensitive: [] } }, 'body.spec.sensitive');
    await bad({ thresholds: [{ key: groupParity, op: '=>', value: 0.8 }] }, 'body.thresholds.0.op');
    await bad({ thresholds: [{ key: 'race:demographic_parity_ratio.between_groups', op: '>=', value: 0.8 }] }, 'body.thresholds.0.key');
    await bad({ systemId: 'AIS-9999' }, 'body.systemId');
    await bad({ controls: ['A.99.1'] }, 'body.controls.0');
    await bad({ controls: ['9.1'] }, 'body.controls.0');
    await bad({ requirements: ['iso42001-2023:99.9'] }, 'body.requirements.0');

    // A change with the version read; the same version again is stale.
    const changed = await api.patch(`${base(owner)}/plans/MON-0001`, {
      version: plan.version,
      frequency: 'quarterly',
      thresholds: [
        { key: groupParity, op: '>=', value: 0.8 },
        { key: sexParity, op: '>=', value: 0.8 },
      ],
    });
    expectStatus(changed, 200);
    const updated = changed.json<MonitoringPlan>();
    assert.equal(updated.version, plan.version + 1);
    assert.equal(updated.frequency, 'quarterly');
    assert.equal(updated.thresholds.length, 2);
    assert.equal(updated.owner, 'ml-lead@example.test', 'fields left out keep their value');
    const stale = await api.patch(`${base(owner)}/plans/MON-0001`, { version: plan.version, title: 'Late edit' });
    expectStatus(stale, 409);
    assert.equal(stale.json<{ error: { code: string } }>().error.code, 'version_conflict');
    const systemChange = await api.patch(`${base(owner)}/plans/MON-0001`, { version: updated.version, systemId: other.id });
    expectStatus(systemChange, 400);
    const badPatch = await api.patch(`${base(owner)}/plans/MON-0001`, { version: updated.version, spec: { metric: 'drift' } });
    expectStatus(badPatch, 400);
    assert.match(badPatch.body, /body\.thresholds\.0\.key/, 'a new spec is checked against the thresholds it keeps');

    expectStatus(await api.delete(`${base(owner)}/plans/MON-0002`), 204);
    expectStatus(await api.get(`${base(owner)}/plans/MON-0002`), 404);

    const history = (await api.get(`${base(owner)}/plans/MON-0001/history`)).json<{ action: string }[]>();
    assert.deepEqual(
      history.map((h) => h.action),
      ['monitoring-plan.updated', 'monitoring-plan.created'],
    );
    const log = (await api.get(`/api/orgs/${owner.orgSlug}/audit-log?entityId=${drift.id}`)).json<{ items: { action: string }[] }>();
    assert.deepEqual(
      log.items.map((e) => e.action),
      ['monitoring-plan.deleted', 'monitoring-plan.created'],
    );
  });

  test('an uploaded run: exact values, judged by the thresholds, kept as evidence linked to A.6.2.6 and shown on the SoA; a breach opens an alert', async () => {
    const owner = await newOrganization(ctx());
    const api = as(ctx(), owner);
    const system = await newSystem(ctx(), owner, 'Loan scoring');
    const plan = await newPlan(ctx(), owner, {
      systemId: system.id,
      spec: fairnessSpec,
      thresholds: [
        { key: groupParity, op: '>=', value: 0.8 },
        { key: sexParity, op: '>=', value: 0.8 },
      ],
      owner: 'ml-lead@example.test',
      controls: ['A.9.2'],
    });
    const dirsBefore = uploadDirs();
    // As if the plan had waited months for its first run.
    await ctx().db.kysely.updateTable('monitoring_plans').set({ next_due: '2026-01-31' }).where('id', '=', plan.id).execute();
    assert.deepEqual(
      (await api.get(`${base(owner)}/plans?overdue=true`)).json<MonitoringPlan[]>().map((p) => [p.ref, p.nextDue, p.overdue]),
      [[plan.ref, '2026-01-31', true]],
    );

    const run = await createdRun(await uploadData(ctx(), owner, plan.ref, synthetic, 'loans-2026-q3.csv'));
    assert.equal(run.ref, 'RUN-0001');
    assert.equal(run.plan?.ref, plan.ref);
    assert.equal(run.system?.ref, system.ref);
    assert.equal(run.source, 'upload');
    assert.equal(run.metric, 'fairness');
    assert.equal(run.values[groupParity], 0.2064814814814815);
    assert.equal(run.values[groupParity], golden.features.group?.aggregates.demographic_parity_ratio?.between_groups);
    assert.equal(run.values[sexParity], golden.features.sex?.aggregates.demographic_parity_ratio?.between_groups);
    assert.deepEqual(
      run.thresholds.map((t) => [t.key, t.actual, t.passed]),
      [
        [groupParity, 0.2064814814814815, false],
        [sexParity, golden.features.sex?.aggregates.demographic_parity_ratio?.between_groups, true],
      ],
    );
    assert.equal(run.status, 'breached');
    assert.equal(run.alert.state, 'open');
    assert.equal(run.inputs.length, 1);
    assert.equal(run.inputs[0]?.name, 'loans-2026-q3.csv');
    assert.equal(run.inputs[0]?.rows, 20000);
    assert.equal(run.inputs[0]?.bytes, synthetic.length);
    assert.equal((run.result as { metric: string }).metric, 'fairness');
    assert.deepEqual(uploadDirs(), dirsBefore, 'the uploaded file was removed');

    // The evidence item, created with the run.
    assert.ok(run.evidence?.ref);
    const evidence = (await api.get(`/api/orgs/${owner.orgSlug}/evidence/${run.evidence.id}`)).json<EvidenceDetail>();
    assert.equal(evidence.kind, 'record');
    assert.equal(evidence.owner, 'ml-lead@example.test');
    assert.deepEqual(evidence.current.record && [evidence.current.record.type, evidence.current.record.id], ['metric-run', run.id]);
    assert.deepEqual(evidence.links.map((l) => `${l.type}:${l.framework}:${l.target}`).sort(), [
      `ai-system::${system.id}`,
      'control:iso42001-2023:A.5.4',
      'control:iso42001-2023:A.6.2.4',
      'control:iso42001-2023:A.6.2.6',
      'control:iso42001-2023:A.9.2',
      'requirement:iso42001-2023:9.1',
    ]);
    const record = evidence.current.record?.data as { values: Record<string, number>; result: unknown };
    assert.equal(record.values[groupParity], 0.2064814814814815);
    assert.ok(record.result, 'the evidence holds the whole report');
    const byControl = (await api.get(`/api/orgs/${owner.orgSlug}/evidence?control=A.6.2.6`)).json<EvidenceList>();
    assert.deepEqual(
      byControl.items.map((i) => i.ref),
      [run.evidence.ref],
    );
    const soa = (await api.get(`/api/orgs/${owner.orgSlug}/soa`)).json<SoaDocument>();
    const row = soa.rows.find((r) => r.framework === 'iso42001-2023' && r.control === 'A.6.2.6');
    assert.deepEqual(
      row?.evidence.map((e) => e.ref),
      [run.evidence.ref],
    );

    // The plan notes its run; the next one is due a month later.
    const after = (await api.get(`${base(owner)}/plans/${plan.ref}`)).json<MonitoringPlan>();
    assert.deepEqual(after.lastRun, { id: run.id, at: run.createdAt, ref: run.ref, status: 'breached', alertState: 'open' });
    assert.equal(after.nextDue, addPeriod(run.createdAt, 'monthly'));
    assert.equal(after.overdue, false);
    assert.equal(after.version, plan.version, 'a run is not a change of the plan');
    assert.deepEqual((await api.get(`${base(owner)}/plans?overdue=true`)).json(), []);

    // Listed, and as an open alert.
    const runs = (await api.get(`${base(owner)}/runs?planId=${plan.ref}`)).json<{ items: MonitoringRunSummary[] }>();
    assert.deepEqual(
      runs.items.map((r) => r.ref),
      ['RUN-0001'],
    );
    assert.equal('result' in (runs.items[0] ?? {}), false, 'the list leaves the reports out');
    const alerts = (await api.get(`${base(owner)}/alerts`)).json<MonitoringRunSummary[]>();
    assert.deepEqual(
      alerts.map((a) => a.ref),
      ['RUN-0001'],
    );
    const history = (await api.get(`${base(owner)}/runs/RUN-0001/history`)).json<{ action: string }[]>();
    assert.deepEqual(
      history.map((h) => h.action),
      ['monitoring-run.created'],
    );

    // Deleting the plan keeps the run and its evidence.
    expectStatus(await api.delete(`${base(owner)}/plans/${plan.ref}`), 204);
    const kept = (await api.get(`${base(owner)}/runs/RUN-0001`)).json<MonitoringRun>();
    assert.equal(kept.plan?.ref, plan.ref);
    assert.equal(kept.plan?.title, null);
    assert.equal(kept.evidence?.ref, run.evidence.ref);
    expectStatus(await api.get(`/api/orgs/${owner.orgSlug}/evidence/${run.evidence.id}`), 200);
  });

  test('a drift run takes a reference and a current file and is evidence for A.7.4', async () => {
    const owner = await newOrganization(ctx());
    const system = await newSystem(ctx(), owner, 'Fraud model');
    const plan = await newPlan(ctx(), owner, {
      systemId: system.id,
      title: 'Transaction drift',
      spec: { metric: 'drift' },
      thresholds: [{ key: 'drift:share', op: '<=', value: 0.5 }],
    });
    const run = await createdRun(
      await sendParts(ctx(), owner, `${base(owner)}/plans/${plan.ref}/runs`, [
        { name: 'reference', filename: 'drift-ref.csv', content: driftReference },
        { name: 'current', filename: 'drift-cur.csv', content: driftCurrent },
      ]),
    );
    assert.equal(run.status, 'passed');
    assert.equal(run.alert.state, 'none');
    assert.equal(run.values['drift:share'], 1 / 3);
    assert.deepEqual(
      run.inputs.map((i) => [i.role, i.name, i.rows]),
      [
        ['reference', 'drift-ref.csv', 20000],
        ['current', 'drift-cur.csv', 15000],
      ],
    );
    const evidence = (await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/evidence/${run.evidence?.id}`)).json<EvidenceDetail>();
    assert.deepEqual(
      evidence.links.filter((l) => l.type === 'control').map((l) => l.target),
      ['A.6.2.6', 'A.7.4'],
    );
    const oneFile = await sendParts(ctx(), owner, `${base(owner)}/plans/${plan.ref}/runs`, [
      { name: 'data', filename: 'x.csv', content: driftReference },
    ]);
    expectStatus(oneFile, 400);
    assert.match(oneFile.body, /"path":"data"/);
  });

  test('bad uploads are refused naming the field, and store nothing', async () => {
    const owner = await newOrganization(ctx());
    const system = await newSystem(ctx(), owner, 'Loan scoring');
    const plan = await newPlan(ctx(), owner, {
      systemId: system.id,
      spec: fairnessSpec,
      thresholds: [{ key: groupParity, op: '>=', value: 0.8 }],
    });
    const before = await counts(ctx(), owner);
    const dirsBefore = uploadDirs();
    const refused = async (res: Awaited<ReturnType<typeof uploadData>>, status: number, path: string, message: RegExp) => {
      expectStatus(res, status);
      const error = res.json<{ error: { message: string; details: { issues: { path: string }[] } } }>().error;
      assert.match(error.message, message);
      assert.ok(
        error.details.issues.some((i) => i.path === path),
        `${JSON.stringify(error.details.issues)} names ${path}`,
      );
      assert.doesNotMatch(error.message, /SELECT|FROM src|\.ts:/);
    };

    const noGroup = Buffer.from(synthetic.toString('utf8').replace(/^group,/, 'segment,'));
    await refused(await uploadData(ctx(), owner, plan.ref, noGroup), 400, 'sensitive', /no column "group"/);
    await refused(await uploadData(ctx(), owner, plan.ref, Buffer.alloc(0), 'empty.csv'), 400, 'data', /empty/);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(4000, 0xfe)]);
    await refused(await uploadData(ctx(), owner, plan.ref, png, 'chart.png'), 400, 'data', /chart\.png: not a readable CSV file/);
    await refused(
      await sendParts(ctx(), owner, `${base(owner)}/plans/${plan.ref}/runs`, [
        { name: 'data', filename: 'a.csv', content: synthetic },
        { name: 'data', filename: 'b.csv', content: synthetic },
      ]),
      400,
      'body',
      /send only the file part "data"/,
    );
    await refused(
      await sendParts(ctx(), owner, `${base(owner)}/plans/${plan.ref}/runs`, [{ name: 'file', filename: 'a.csv', content: synthetic }]),
      400,
      'file',
      /"data"/,
    );
    await refused(
      await sendParts(ctx(), owner, `${base(owner)}/plans/${plan.ref}/runs`, [{ name: 'note', value: 'hello' }]),
      400,
      'body',
      /data/,
    );
    await refused(await as(ctx(), owner).post(`${base(owner)}/plans/${plan.ref}/runs`, { data: 'a,b' }), 400, 'body', /multipart/);
    const big = Buffer.concat([synthetic, Buffer.alloc(MAX_UPLOAD, 0x31)]);
    await refused(await uploadData(ctx(), owner, plan.ref, big), 413, 'data', /larger than the upload limit of 1 MB/);

    assert.deepEqual(await counts(ctx(), owner), before, 'no run and no evidence item was stored');
    assert.deepEqual(uploadDirs(), dirsBefore, 'no uploaded file was left behind');
    const fine = await createdRun(await uploadData(ctx(), owner, plan.ref, synthetic));
    assert.equal(fine.ref, 'RUN-0001', 'the refusals took no reference');
  });

  test('viewers and auditors read but cannot write; another organization sees nothing', async () => {
    const owner = await newOrganization(ctx());
    const system = await newSystem(ctx(), owner, 'Loan scoring');
    const plan = await newPlan(ctx(), owner, {
      systemId: system.id,
      spec: fairnessSpec,
      thresholds: [{ key: groupParity, op: '>=', value: 0.8 }],
    });
    const run = await createdRun(await uploadData(ctx(), owner, plan.ref, synthetic));
    const stranger = await newOrganization(ctx());

    for (const role of ['viewer', 'auditor'] as const) {
      const member = await newMember(ctx(), owner, role);
      const api = as(ctx(), member);
      expectStatus(await api.get(`${base(owner)}/plans`), 200);
      expectStatus(await api.get(`${base(owner)}/plans/${plan.ref}`), 200);
      expectStatus(await api.get(`${base(owner)}/runs/${run.ref}`), 200);
      expectStatus(await api.get(`${base(owner)}/alerts`), 200);
      expectStatus(await api.get(`${base(owner)}/plans/${plan.ref}/trend?key=${groupParity}`), 200);
      expectStatus(
        await api.post(`${base(owner)}/plans`, { systemId: system.id, title: 'x', spec: fairnessSpec, frequency: 'daily' }),
        403,
      );
      expectStatus(await api.patch(`${base(owner)}/plans/${plan.ref}`, { version: plan.version, title: 'x' }), 403);
      expectStatus(await api.delete(`${base(owner)}/plans/${plan.ref}`), 403);
      expectStatus(await uploadData(ctx(), member, plan.ref, synthetic), 403);
      expectStatus(await api.post(`${base(owner)}/runs/${run.ref}/acknowledge`, { note: 'seen' }), 403);
      expectStatus(await api.post(`${base(owner)}/runs/${run.ref}/raise-risk`), 403);
    }

    const api = as(ctx(), stranger);
    const own = await newSystem(ctx(), stranger, 'Their system');
    expectStatus(await api.get(`${base(stranger)}/plans/${plan.id}`), 404);
    expectStatus(await api.get(`${base(stranger)}/runs/${run.id}`), 404);
    expectStatus(await api.get(`${base(stranger)}/plans/${plan.id}/trend`), 404);
    expectStatus(await api.patch(`${base(stranger)}/plans/${plan.id}`, { version: plan.version, title: 'x' }), 404);
    expectStatus(await uploadData(ctx(), stranger, plan.id, synthetic), 404);
    expectStatus(await api.post(`${base(stranger)}/runs/${run.id}/raise-risk`), 404);
    expectStatus(await api.get(`${base(owner)}/plans`), 404);
    const theirs = await api.post(`${base(stranger)}/plans`, { systemId: system.id, title: 'x', spec: fairnessSpec, frequency: 'daily' });
    expectStatus(theirs, 400);
    assert.match(theirs.body, /body\.systemId/, "another organization's AI system is unknown here");
    assert.deepEqual((await api.get(`${base(stranger)}/alerts`)).json(), []);
    assert.deepEqual((await api.get(`${base(stranger)}/runs?systemId=${own.id}`)).json<{ items: unknown[] }>().items, []);
  });
});
