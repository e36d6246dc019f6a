import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuditEntryView } from '../audit-log/audit-log.service.ts';
import type { EvidenceDetail, EvidenceList } from '../../domain/schemas/evidence.schemas.ts';
import type { Objective, ObjectiveDetail } from '../../domain/schemas/objectives.schemas.ts';
import { as, newMember, newOrganization, type SignedIn } from '../../test/harness.ts';
import {
  createdRun,
  describeMonitoringSuite,
  expectStatus,
  fairnessSpec,
  golden,
  groupParity,
  newPlan,
  newSystem,
  sexParity,
  synthetic,
  uploadData,
} from '../monitoring/monitoring-test-kit.ts';

const objectivesOf = (who: SignedIn) => `/api/orgs/${who.orgSlug}/objectives`;
const measuredSex = golden.features['sex']?.aggregates['demographic_parity_ratio']?.['between_groups'];
const measuredGroup = golden.features['group']?.aggregates['demographic_parity_ratio']?.['between_groups'];

function issuePaths(body: string): string[] {
  return (JSON.parse(body) as { error: { details: { issues: { path: string }[] } } }).error.details.issues.map((i) => i.path);
}

describeMonitoringSuite('AI objectives (6.2)', (ctx) => {
  test('create, read, list with filters, change with the version read (409 when stale), delete; each step audited', async () => {
    const owner = await newOrganization(ctx());
    const api = as(ctx(), owner);

    const created = await api.post(objectivesOf(owner), {
      title: 'Fair lending decisions',
      description: 'Approval rates must not depend on sex.',
      topics: ['C.2.5', 'C.2.1', 'C.2.5'],
      policyLink: 'AI policy §3: fairness commitment',
      owner: 'head-of-risk@example.test',
      targetDate: '2020-01-31',
      actions: 'Reweigh training data; add a fairness gate to releases.',
      resources: 'Two data scientists for one quarter',
      evaluation: 'Quarterly fairness report to management review',
      status: 'in-progress',
    });
    expectStatus(created, 201);
    const objective = created.json<Objective>();
    assert.equal(objective.ref, 'OBJ-0001');
    assert.deepEqual(
      objective.topics.map((t) => [t.id, t.title !== null]),
      [
        ['C.2.5', true],
        ['C.2.1', true],
      ],
      'topics keep their order, lose duplicates and carry their Annex C title',
    );
    assert.equal(objective.measure, null);
    assert.equal(objective.progress, 'not-measured');
    assert.equal(objective.overdue, true, 'in progress with the target date passed');

    const second = await api.post(objectivesOf(owner), { title: 'Explain decisions to applicants', owner: 'cx@example.test' });
    expectStatus(second, 201);
    const explain = second.json<Objective>();
    assert.equal(explain.ref, 'OBJ-0002');
    assert.equal(explain.status, 'planned');
    assert.equal(explain.targetDate, null);
    assert.equal(explain.overdue, false);

    const list = async (query: string) => (await api.get(`${objectivesOf(owner)}${query}`)).json<Objective[]>().map((o) => o.ref);
    assert.deepEqual(await list(''), ['OBJ-0001', 'OBJ-0002']);
    assert.deepEqual(await list('?status=planned'), ['OBJ-0002']);
    assert.deepEqual(await list('?overdue=true'), ['OBJ-0001']);
    assert.deepEqual(await list('?overdue=false'), ['OBJ-0002']);
    assert.deepEqual(await list('?planId=MON-0404'), [], 'an unknown plan matches nothing');

    // Validation names the field and stores nothing.
    const bad = await api.post(objectivesOf(owner), { title: '', topics: ['C.3.1'], owner: 'x', targetDate: '31/01/2027' });
    expectStatus(bad, 400);
    assert.deepEqual(issuePaths(bad.body).sort(), ['body.targetDate', 'body.title']);
    const badTopic = await api.post(objectivesOf(owner), { title: 'x', topics: ['C.2.5', 'C.3.1'], owner: 'x' });
    expectStatus(badTopic, 400);
    assert.deepEqual(issuePaths(badTopic.body), ['body.topics.1'], 'a risk source (C.3) is not an objective topic');
    const noOwner = await api.post(objectivesOf(owner), { title: 'x' });
    expectStatus(noOwner, 400);
    assert.deepEqual(issuePaths(noOwner.body), ['body.owner']);
    const noPlan = await api.post(objectivesOf(owner), {
      title: 'x',
      owner: 'x',
      measure: { planId: 'MON-0404', key: sexParity, op: '>=', value: 0.8 },
    });
    expectStatus(noPlan, 400);
    assert.deepEqual(issuePaths(noPlan.body), ['body.measure.planId']);
    assert.deepEqual(await list(''), ['OBJ-0001', 'OBJ-0002'], 'nothing stored by the refused requests');

    // Change with the version read; a stale version is 409 and changes nothing.
    const changed = await api.patch(`${objectivesOf(owner)}/${objective.ref}`, {
      version: objective.version,
      status: 'achieved',
      targetDate: null,
    });
    expectStatus(changed, 200);
    const achieved = changed.json<Objective>();
    assert.equal(achieved.status, 'achieved');
    assert.equal(achieved.targetDate, null);
    assert.equal(achieved.overdue, false);
    assert.equal(achieved.title, 'Fair lending decisions', 'fields a patch leaves out keep their value');
    assert.equal(achieved.version, objective.version + 1);
    const stale = await api.patch(`${objectivesOf(owner)}/${objective.ref}`, { version: objective.version, title: 'Other' });
    expectStatus(stale, 409);
    const unchanged = await api.patch(`${objectivesOf(owner)}/${objective.ref}`, { version: achieved.version, status: 'achieved' });
    assert.equal(unchanged.json<Objective>().version, achieved.version, 'a patch that changes nothing is not a new version');

    expectStatus(await api.delete(`${objectivesOf(owner)}/${explain.ref}`), 204);
    expectStatus(await api.get(`${objectivesOf(owner)}/${explain.ref}`), 404);

    const history = (await api.get(`${objectivesOf(owner)}/${objective.ref}/history`)).json<AuditEntryView[]>();
    assert.deepEqual(
      history.map((h) => h.action),
      ['objective.updated', 'objective.created'],
    );
    const log = (await api.get(`/api/orgs/${owner.orgSlug}/audit-log?limit=50`)).json<{ items: { action: string }[] }>();
    assert.ok(
      log.items.some((e) => e.action === 'objective.deleted'),
      'the deletion is in the audit log',
    );
  });

  test('measured by a monitoring plan: each run is evidence for the objective and its latest value says whether the target is met', async () => {
    const owner = await newOrganization(ctx());
    const api = as(ctx(), owner);
    const system = await newSystem(ctx(), owner, 'Loan scoring');
    const plan = await newPlan(ctx(), owner, { systemId: system.ref, spec: fairnessSpec });

    const wrongKey = await api.post(objectivesOf(owner), {
      title: 'x',
      owner: 'x',
      measure: { planId: plan.ref, key: 'age:demographic_parity_ratio.between_groups', op: '>=', value: 0.8 },
    });
    expectStatus(wrongKey, 400);
    assert.deepEqual(issuePaths(wrongKey.body), ['body.measure.key'], "a metric the plan's runs cannot have is refused");

    const sex = (
      await api.post(objectivesOf(owner), {
        title: 'Approval parity by sex',
        owner: 'risk@example.test',
        topics: ['C.2.5'],
        measure: { planId: plan.ref, key: sexParity, op: '>=', value: 0.8 },
        status: 'in-progress',
      })
    ).json<Objective>();
    const group = (
      await api.post(objectivesOf(owner), {
        title: 'Approval parity by group',
        owner: 'risk@example.test',
        measure: { planId: plan.id, key: groupParity, op: '>=', value: 0.8 },
      })
    ).json<Objective>();
    const withdrawn = (
      await api.post(objectivesOf(owner), {
        title: 'An objective no longer pursued',
        owner: 'x',
        measure: { planId: plan.ref, key: sexParity, op: '>=', value: 0.5 },
        status: 'withdrawn',
      })
    ).json<Objective>();
    assert.equal(sex.progress, 'not-measured', 'before the first run');
    assert.deepEqual(sex.measure && { ...sex.measure, latest: null }, {
      planId: plan.id,
      plan: { ref: plan.ref, title: plan.title, status: 'active' },
      system: { id: system.id, ref: system.ref, name: 'Loan scoring' },
      key: sexParity,
      op: '>=',
      value: 0.8,
      latest: null,
    });

    const same = await api.patch(`${objectivesOf(owner)}/${sex.ref}`, {
      version: sex.version,
      measure: { planId: plan.ref, key: sexParity, op: '>=', value: 0.8 },
    });
    assert.equal(
      same.json<Objective>().version,
      sex.version,
      'the same measure again is no change (the target reads back as the number it was)',
    );

    const run = await createdRun(await uploadData(ctx(), owner, plan.ref, synthetic));

    const bySex = (await api.get(`${objectivesOf(owner)}/${sex.ref}`)).json<ObjectiveDetail>();
    assert.equal(bySex.progress, 'met');
    assert.deepEqual(bySex.measure?.latest, { runId: run.id, runRef: run.ref, at: run.createdAt, value: measuredSex, met: true });
    assert.deepEqual(bySex.measurements, [{ runId: run.id, runRef: run.ref, at: run.createdAt, value: measuredSex, met: true }]);
    assert.ok(run.evidence?.id, 'the run is kept as evidence');
    assert.deepEqual(
      bySex.evidence.map((e) => [e.id, e.state]),
      [[run.evidence?.id, 'current']],
    );
    const byGroup = (await api.get(`${objectivesOf(owner)}/${group.ref}`)).json<ObjectiveDetail>();
    assert.equal(byGroup.progress, 'not-met', `group parity ${measuredGroup} is under 0.8`);
    assert.equal(byGroup.measure?.latest?.value, measuredGroup);

    // The run's evidence names both objectives its plan measures, not the withdrawn one.
    const evidence = (await api.get(`/api/orgs/${owner.orgSlug}/evidence/${run.evidence?.id}`)).json<EvidenceDetail>();
    assert.deepEqual(
      evidence.links.filter((l) => l.type === 'objective').map((l) => [l.ref, l.title]),
      [
        [sex.ref, sex.title],
        [group.ref, group.title],
      ],
    );
    const linked = (await api.get(`/api/orgs/${owner.orgSlug}/evidence?objectiveId=${withdrawn.ref}`)).json<EvidenceList>();
    assert.equal(linked.items.length, 0, 'a withdrawn objective collects no new evidence');
    const bySexList = (await api.get(`/api/orgs/${owner.orgSlug}/evidence?objectiveId=${sex.ref}`)).json<EvidenceList>();
    assert.deepEqual(
      bySexList.items.map((i) => i.id),
      [run.evidence?.id],
    );
    assert.deepEqual(
      (await api.get(`${objectivesOf(owner)}?planId=${plan.ref}`)).json<Objective[]>().map((o) => o.ref),
      [sex.ref, group.ref, withdrawn.ref],
    );

    // An objective measured by the plan later takes the runs made so far as evidence too, each link audited.
    const late = await api.post(objectivesOf(owner), {
      title: 'Set after the first run',
      owner: 'x',
      measure: { planId: plan.ref, key: sexParity, op: '>=', value: 0.9 },
    });
    expectStatus(late, 201);
    const lateDetail = (await api.get(`${objectivesOf(owner)}/${late.json<Objective>().ref}`)).json<ObjectiveDetail>();
    assert.deepEqual(
      lateDetail.evidence.map((e) => e.id),
      [run.evidence?.id],
    );
    assert.equal(lateDetail.progress, 'met');
    const runHistory = (await api.get(`/api/orgs/${owner.orgSlug}/evidence/${run.evidence?.id}/history`)).json<AuditEntryView[]>();
    assert.deepEqual(
      runHistory.filter((h) => h.action === 'evidence.linked').map((h) => (h.after as { links: { type: string; target: string }[] }).links),
      [[{ type: 'objective', framework: '', target: late.json<Objective>().id }]],
    );
    // Withdrawn, it took nothing; brought back, it takes the runs so far.
    const revived = await api.patch(`${objectivesOf(owner)}/${withdrawn.ref}`, { version: withdrawn.version, status: 'planned' });
    expectStatus(revived, 200);
    assert.deepEqual(
      (await api.get(`${objectivesOf(owner)}/${withdrawn.ref}`)).json<ObjectiveDetail>().evidence.map((e) => e.id),
      [run.evidence?.id],
    );

    // Other evidence can be linked to an objective by hand; an unknown one names its entry.
    const note = await api.post(`/api/orgs/${owner.orgSlug}/evidence`, {
      kind: 'note',
      title: 'Management review minutes on fairness',
      note: 'Reviewed the parity objective.',
      links: { objectives: [sex.ref] },
    });
    expectStatus(note, 201);
    assert.deepEqual(
      note.json<EvidenceDetail>().links.map((l) => [l.type, l.ref]),
      [['objective', sex.ref]],
    );
    const unknown = await api.post(`/api/orgs/${owner.orgSlug}/evidence/${note.json<EvidenceDetail>().ref}/links`, {
      objectives: ['OBJ-0404'],
    });
    expectStatus(unknown, 400);
    assert.deepEqual(issuePaths(unknown.body), ['body.objectives.0']);

    // Stop measuring: the evidence already linked stays.
    const unmeasured = await api.patch(`${objectivesOf(owner)}/${sex.ref}`, { version: sex.version, measure: null });
    expectStatus(unmeasured, 200);
    assert.equal(unmeasured.json<Objective>().measure, null);
    assert.equal(unmeasured.json<Objective>().progress, 'not-measured');
    const after = (await api.get(`${objectivesOf(owner)}/${sex.ref}`)).json<ObjectiveDetail>();
    assert.equal(after.evidence.length, 2, 'the run and the note');
    assert.deepEqual(after.measurements, []);

    // A deleted plan leaves the objective measured by nothing it can show.
    expectStatus(await api.delete(`/api/orgs/${owner.orgSlug}/monitoring/plans/${plan.ref}`), 204);
    const orphan = (await api.get(`${objectivesOf(owner)}/${group.ref}`)).json<ObjectiveDetail>();
    assert.equal(orphan.measure?.plan, null);
    assert.equal(orphan.progress, 'not-measured');
  });

  test('roles and organizations: readers read, only writers write, and another organization sees nothing', async () => {
    const owner = await newOrganization(ctx());
    const objective = (
      await as(ctx(), owner).post(objectivesOf(owner), { title: 'Keep the AIMS effective', owner: 'ciso@example.test' })
    ).json<Objective>();
    for (const role of ['viewer', 'auditor'] as const) {
      const api = as(ctx(), await newMember(ctx(), owner, role));
      expectStatus(await api.get(objectivesOf(owner)), 200);
      expectStatus(await api.get(`${objectivesOf(owner)}/${objective.ref}`), 200);
      expectStatus(await api.post(objectivesOf(owner), { title: 'x', owner: 'x' }), 403);
      expectStatus(await api.patch(`${objectivesOf(owner)}/${objective.ref}`, { version: objective.version, title: 'x' }), 403);
      expectStatus(await api.delete(`${objectivesOf(owner)}/${objective.ref}`), 403);
    }
    const contributor = as(ctx(), await newMember(ctx(), owner, 'contributor'));
    expectStatus(
      await contributor.patch(`${objectivesOf(owner)}/${objective.ref}`, { version: objective.version, title: 'Keep the AIMS working' }),
      200,
    );
    expectStatus(await contributor.delete(`${objectivesOf(owner)}/${objective.ref}`), 403);

    const stranger = await newOrganization(ctx());
    const api = as(ctx(), stranger);
    expectStatus(await api.get(`${objectivesOf(stranger)}/${objective.id}`), 404);
    expectStatus(await api.patch(`${objectivesOf(stranger)}/${objective.id}`, { version: 2, title: 'x' }), 404);
    expectStatus(await api.delete(`${objectivesOf(stranger)}/${objective.id}`), 404);
    expectStatus(await api.get(objectivesOf(owner)), 404);
    assert.deepEqual((await api.get(objectivesOf(stranger))).json(), []);
  });
});
