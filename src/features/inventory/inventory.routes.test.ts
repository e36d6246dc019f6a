import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import type { AiSystem, SystemImportResult } from '../../domain/schemas/inventory.schemas.ts';
import { as, describeEachDatabase, newMember, newOrganization, upload, type SignedIn, type TestContext } from '../../test/harness.ts';
import { verifyAuditChains } from '../audit-log/audit-log.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const hiring = {
  name: 'CV screening assistant',
  purpose: 'Ranks job applications for recruiters',
  intendedUse: 'Shortlisting; a recruiter reads every application it ranks low',
  euRoles: ['deployer'],
  isoRoles: ['customer'],
  stage: 'deployed',
  owner: 'head.of.hr@example.com',
  businessUnit: 'HR',
  automation: 'human-in-the-loop',
  jurisdictions: ['DE', 'EU'],
  reviewDue: '2020-01-31',
};

async function register(ctx: TestContext, who: SignedIn, body: Record<string, unknown>): Promise<AiSystem> {
  const res = await as(ctx, who).post(`/api/orgs/${who.orgSlug}/systems`, body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

function csv(rows: string[][]): string {
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return rows.map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

const header = ['name', 'purpose', 'stage', 'eu_roles', 'owner', 'business_unit', 'in_scope', 'scope_reason', 'review_due'];
function generated(n: number, from = 1): string[][] {
  const stages = ['idea', 'design', 'development', 'verification', 'deployed', 'retired'];
  return Array.from({ length: n }, (_, i) => {
    const k = from + i;
    return [
      `System ${String(k).padStart(5, '0')}`,
      `Purpose of system ${k}`,
      stages[k % stages.length] ?? 'idea',
      k % 3 === 0 ? 'provider; deployer' : 'deployer',
      `owner${k % 17}@example.com`,
      `Unit ${k % 7}`,
      k % 10 === 0 ? 'no' : 'yes',
      k % 10 === 0 ? 'Pilot outside the AIMS boundary' : '',
      k % 4 === 0 ? '2021-06-30' : '2099-12-31',
    ];
  });
}

describeEachDatabase('AI system inventory API', (ctx) => {
  test('registers a system with an assigned ref, reads it by ref, and keeps its history', async () => {
    const owner = await newOrganization(ctx());
    const a = await register(ctx(), owner, hiring);
    const b = await register(ctx(), owner, { name: 'Support chatbot' });
    assert.equal(a.ref, 'AIS-0001');
    assert.equal(b.ref, 'AIS-0002');
    assert.equal(a.riskClass, null);
    assert.equal(a.reviewOverdue, true);
    assert.deepEqual(a.jurisdictions, ['DE', 'EU']);
    assert.equal(b.stage, 'idea');
    assert.equal(b.inScope, true);

    const byRef = await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/systems/AIS-0001`);
    assert.equal(byRef.json().id, a.id);

    const changed = await as(ctx(), owner).patch(`/api/orgs/${owner.orgSlug}/systems/${a.id}`, { stage: 'retired', version: a.version });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.json().version, 2);
    assert.equal(changed.json().reviewOverdue, false, 'a retired system is not due for review');
    assert.deepEqual(
      { ...(changed.json() as AiSystem), stage: 'deployed', reviewOverdue: true, version: 1, updatedAt: a.updatedAt },
      a,
      'a patch changes only the fields it names',
    );
    const stale = await as(ctx(), owner).patch(`/api/orgs/${owner.orgSlug}/systems/${a.id}`, { stage: 'deployed', version: a.version });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, 'version_conflict');

    const history = (await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/systems/${a.id}/history`)).json();
    assert.deepEqual(
      history.map((h: { action: string }) => h.action),
      ['ai-system.updated', 'ai-system.created'],
    );
    assert.equal(history[0].before.stage, 'deployed');
    assert.equal(history[0].after.stage, 'retired');

    // A chosen ref in the assigned form moves the sequence on.
    const c = await register(ctx(), owner, { name: 'Forecasting', ref: 'AIS-0040' });
    const d = await register(ctx(), owner, { name: 'Translation' });
    assert.equal(c.ref, 'AIS-0040');
    assert.equal(d.ref, 'AIS-0041');
    const clash = await as(ctx(), owner).post(`/api/orgs/${owner.orgSlug}/systems`, { name: 'Other', ref: 'AIS-0040' });
    assert.equal(clash.statusCode, 409);
    assert.equal(clash.json().error.details.issues[0].path, 'body.ref');
  });

  test('bad input gets 400 naming the field, and nothing is stored', async () => {
    const owner = await newOrganization(ctx());
    const base = `/api/orgs/${owner.orgSlug}/systems`;
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'body.name'],
      [{ name: 'x', stage: 'live' }, 'body.stage'],
      [{ name: 'x', euRoles: ['owner'] }, 'body.euRoles.0'],
      [{ name: 'x', reviewDue: '31/01/2027' }, 'body.reviewDue'],
      [{ name: 'x', jurisdictions: ['Germany'] }, 'body.jurisdictions.0'],
      [{ name: 'x', inScope: false }, 'body.scopeReason'],
      [{ name: 'x', colour: 'red' }, 'body'],
    ];
    for (const [body, path] of cases) {
      const res = await as(ctx(), owner).post(base, body);
      assert.equal(res.statusCode, 400, JSON.stringify(body));
      assert.ok(
        res.json().error.details.issues.some((i: { path: string }) => i.path === path),
        `${JSON.stringify(body)} → ${JSON.stringify(res.json().error.details.issues)}`,
      );
    }
    assert.equal((await as(ctx(), owner).get(base)).json().total, 0);
  });

  test('the list filters, sorts and pages on the server; the summary counts', async () => {
    const owner = await newOrganization(ctx());
    const base = `/api/orgs/${owner.orgSlug}/systems`;
    const imported = await upload(ctx(), owner, `${base}/import`, csv([header, ...generated(120)]), 'text/csv');
    assert.equal(imported.statusCode, 200, imported.body);

    const page2 = (await as(ctx(), owner).get(`${base}?sort=name&order=desc&page=2&pageSize=25`)).json();
    assert.equal(page2.total, 120);
    assert.equal(page2.items.length, 25);
    assert.equal(page2.items[0].name, 'System 00095');

    const deployed = (await as(ctx(), owner).get(`${base}?stage=deployed&stage=verification&pageSize=500`)).json();
    assert.equal(deployed.total, 40);
    assert.ok(deployed.items.every((s: AiSystem) => ['deployed', 'verification'].includes(s.stage)));

    const providers = (await as(ctx(), owner).get(`${base}?euRole=provider&pageSize=1`)).json();
    assert.equal(providers.total, 40);
    const outOfScope = (await as(ctx(), owner).get(`${base}?inScope=false`)).json();
    assert.equal(outOfScope.total, 12);
    const overdue = (await as(ctx(), owner).get(`${base}?reviewOverdue=true&pageSize=500`)).json();
    // every 4th is overdue, except the retired ones (k % 6 === 5 → retired)
    const expectedOverdue = Array.from({ length: 120 }, (_, i) => i + 1).filter((k) => k % 4 === 0 && k % 6 !== 5).length;
    assert.equal(overdue.total, expectedOverdue);
    const search = (await as(ctx(), owner).get(`${base}?q=${encodeURIComponent('system 0011')}`)).json();
    assert.equal(search.total, 10);
    const percent = (await as(ctx(), owner).get(`${base}?q=${encodeURIComponent('%')}`)).json();
    assert.equal(percent.total, 0, 'a % in the search is a character, not a wildcard');
    const unclassified = (await as(ctx(), owner).get(`${base}?riskClass=unclassified&pageSize=1`)).json();
    assert.equal(unclassified.total, 120);
    assert.equal((await as(ctx(), owner).get(`${base}?sort=colour`)).statusCode, 400);
    assert.equal((await as(ctx(), owner).get(`${base}?pageSize=5000`)).statusCode, 400);

    const summary = (await as(ctx(), owner).get(`${base}/summary`)).json();
    assert.equal(summary.total, 120);
    assert.equal(summary.inScope, 108);
    assert.equal(summary.byRiskClass.unclassified, 120);
    assert.equal(summary.byStage.deployed, 20);
    assert.equal(summary.byEuRole.provider, 40);
    assert.equal(summary.byEuRole.deployer, 120);
    assert.equal(summary.reviewOverdue, expectedOverdue);
  });

  test('roles: viewers and auditors read only; contributors write but do not delete', async () => {
    const owner = await newOrganization(ctx());
    const system = await register(ctx(), owner, hiring);
    const base = `/api/orgs/${owner.orgSlug}/systems`;
    for (const role of ['viewer', 'auditor'] as const) {
      const member = await newMember(ctx(), owner, role);
      assert.equal((await as(ctx(), member).get(`${base}/${system.id}`)).statusCode, 200);
      assert.equal((await as(ctx(), member).get(`${base}/${system.id}/history`)).statusCode, 200);
      assert.equal((await as(ctx(), member).post(base, { name: 'x' })).statusCode, 403);
      assert.equal((await as(ctx(), member).patch(`${base}/${system.id}`, { name: 'y', version: 1 })).statusCode, 403);
      assert.equal((await upload(ctx(), member, `${base}/import`, csv([['name'], ['z']]), 'text/csv')).statusCode, 403);
      assert.equal((await as(ctx(), member).post(`/api/orgs/${owner.orgSlug}/suppliers`, { name: 's' })).statusCode, 403);
    }
    const contributor = await newMember(ctx(), owner, 'contributor');
    assert.equal((await as(ctx(), contributor).post(base, { name: 'By a contributor' })).statusCode, 201);
    assert.equal((await as(ctx(), contributor).delete(`${base}/${system.id}`)).statusCode, 403);
    assert.equal((await as(ctx(), owner).delete(`${base}/${system.id}`)).statusCode, 204);
    assert.equal((await as(ctx(), owner).get(`${base}/${system.id}`)).statusCode, 404);
    const history = (await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/audit-log?entityId=${system.id}`)).json();
    assert.equal(history.items[0].action, 'ai-system.deleted');
    assert.equal(history.items[0].before.name, hiring.name);
  });

  test("organizations are isolated: another organization's records are not found and cannot be related", async () => {
    const a = await newOrganization(ctx());
    const b = await newOrganization(ctx());
    const system = await register(ctx(), a, hiring);
    const supplier = (await as(ctx(), a).post(`/api/orgs/${a.orgSlug}/suppliers`, { name: 'Vendor A' })).json();
    assert.equal((await as(ctx(), b).get(`/api/orgs/${b.orgSlug}/systems/${system.id}`)).statusCode, 404);
    assert.equal((await as(ctx(), b).get(`/api/orgs/${b.orgSlug}/systems/${system.ref}`)).statusCode, 404);
    assert.equal((await as(ctx(), b).patch(`/api/orgs/${b.orgSlug}/systems/${system.id}`, { name: 'x', version: 1 })).statusCode, 404);
    assert.equal((await as(ctx(), b).delete(`/api/orgs/${b.orgSlug}/systems/${system.id}`)).statusCode, 404);
    assert.equal((await as(ctx(), b).get(`/api/orgs/${b.orgSlug}/suppliers/${supplier.id}`)).statusCode, 404);
    assert.equal((await as(ctx(), b).get(`/api/orgs/${a.orgSlug}/systems`)).statusCode, 404, 'not a member of a');
    const own = await register(ctx(), b, { name: 'B system' });
    const cross = await as(ctx(), b).post(`/api/orgs/${b.orgSlug}/relations`, {
      relation: 'supplied-by',
      fromId: own.id,
      toId: supplier.id,
    });
    assert.equal(cross.statusCode, 400);
    assert.equal(cross.json().error.details.issues[0].path, 'body.toId');
    const data = await as(ctx(), b).post(`/api/orgs/${b.orgSlug}/datasets`, { name: 'B data', supplierId: supplier.id });
    assert.equal(data.statusCode, 400);
    assert.equal((await as(ctx(), b).get(`/api/orgs/${b.orgSlug}/systems`)).json().total, 1);
  });

  test('suppliers, data sets and models relate to systems, both ways', async () => {
    const owner = await newOrganization(ctx());
    const api = as(ctx(), owner);
    const base = `/api/orgs/${owner.orgSlug}`;
    const system = await register(ctx(), owner, hiring);
    const vendor = (
      await api.post(`${base}/suppliers`, {
        name: 'HireTech GmbH',
        suppliesWhat: 'The CV ranking service (SaaS)',
        responsibilities: 'Vendor: model training and bias testing; we: human review of rankings',
        dueDiligenceStatus: 'in-progress',
        contractEnd: '2027-06-30',
      })
    ).json();
    assert.equal(vendor.dueDiligenceStatus, 'in-progress');
    const data = await api.post(`${base}/datasets`, {
      name: 'Past applications 2019-2024',
      source: 'Applicant tracking system export',
      categories: ['personal', 'sensitive'],
      knownBiases: 'Under-represents applicants over 55',
      supplierId: vendor.id,
    });
    assert.equal(data.statusCode, 201, data.body);
    const model = (
      await api.post(`${base}/models`, { name: 'Ranker', modelVersion: '3.2', modelType: 'gradient-boosted trees', supplierId: vendor.id })
    ).json();

    for (const [relation, fromId, toId] of [
      ['supplied-by', system.id, vendor.id],
      ['uses-dataset', system.id, data.json().id],
      ['uses-model', system.id, model.id],
      ['trained-on', model.id, data.json().id],
    ] as const) {
      const res = await api.post(`${base}/relations`, { relation, fromId, toId, note: relation });
      assert.equal(res.statusCode, 201, res.body);
    }
    const twice = await api.post(`${base}/relations`, { relation: 'uses-model', fromId: system.id, toId: model.id });
    assert.equal(twice.statusCode, 409);
    const wrongKind = await api.post(`${base}/relations`, { relation: 'uses-model', fromId: system.id, toId: data.json().id });
    assert.equal(wrongKind.statusCode, 400);

    const ofSystem = (await api.get(`${base}/systems/${system.ref}/relations`)).json();
    assert.deepEqual(ofSystem.map((r: { relation: string; toName: string }) => `${r.relation}:${r.toName}`).sort(), [
      'supplied-by:HireTech GmbH',
      'uses-dataset:Past applications 2019-2024',
      'uses-model:Ranker',
    ]);
    const ofData = (await api.get(`${base}/datasets/${data.json().id}/relations`)).json();
    assert.deepEqual(ofData.map((r: { fromName: string }) => r.fromName).sort(), ['CV screening assistant', 'Ranker']);

    // A supplier still named by a data set or model cannot go; relations go with a deleted record.
    const refused = await api.delete(`${base}/suppliers/${vendor.id}`);
    assert.equal(refused.statusCode, 409);
    assert.match(refused.json().error.message, /Past applications/);
    assert.equal((await api.delete(`${base}/models/${model.id}`)).statusCode, 204);
    assert.equal((await api.get(`${base}/systems/${system.id}/relations`)).json().length, 2);

    const patched = await api.patch(`${base}/datasets/${data.json().id}`, { retention: 'Deleted 3 years after the campaign', version: 1 });
    assert.equal(patched.json().retention, 'Deleted 3 years after the campaign');
    assert.deepEqual(patched.json().categories, ['personal', 'sensitive']);
    const history = (await api.get(`${base}/datasets/${data.json().id}/history`)).json();
    assert.deepEqual(
      history.map((h: { action: string }) => h.action),
      ['dataset.updated', 'dataset.created'],
    );
  });

  test('imports 10,000 systems from CSV in one go, every one audit-logged', async () => {
    const owner = await newOrganization(ctx());
    const base = `/api/orgs/${owner.orgSlug}/systems`;
    const file = csv([header, ...generated(10_000)]);
    const dry = await upload(ctx(), owner, `${base}/import?dryRun=true`, file, 'text/csv');
    assert.equal(dry.statusCode, 200, dry.body);
    assert.equal(dry.json().created, 10_000);
    assert.equal(dry.json().preview.length, 200);
    assert.equal((await as(ctx(), owner).get(base)).json().total, 0, 'a dry run writes nothing');

    const res = await upload(ctx(), owner, `${base}/import`, file, 'text/csv');
    assert.equal(res.statusCode, 200, res.body);
    const result: SystemImportResult = res.json();
    assert.equal(result.committed, true);
    assert.equal(result.created, 10_000);
    const list = (await as(ctx(), owner).get(`${base}?sort=ref&order=desc&pageSize=1`)).json();
    assert.equal(list.total, 10_000);
    assert.equal(list.items[0].ref, 'AIS-10000');
    const audit = (await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/audit-log?limit=2`)).json();
    assert.equal(audit.items[0].action, 'ai-system.imported');
    assert.equal(audit.items[0].after.created, 10_000);
    const verified = await verifyAuditChains(ctx().db, { chain: owner.orgId });
    assert.equal(verified.ok, true);
    assert.ok(verified.entries >= 10_001);
  });

  test('an import with one bad row changes nothing and names the row and column', async () => {
    const owner = await newOrganization(ctx());
    const base = `/api/orgs/${owner.orgSlug}/systems`;
    await register(ctx(), owner, hiring);
    const rows = generated(3000);
    const bad = rows[1499];
    assert.ok(bad);
    bad[2] = 'in production';
    const res = await upload(ctx(), owner, `${base}/import`, csv([header, ...rows]), 'text/csv');
    assert.equal(res.statusCode, 400);
    const result: SystemImportResult = res.json().error.details.result;
    assert.equal(result.committed, false);
    assert.deepEqual(
      result.errors.map((e) => [e.row, e.column]),
      [[1501, 'stage']],
    );
    assert.match(result.errors[0]?.message ?? '', /idea|deployed/);
    assert.match(res.json().error.message, /row 1501/);
    assert.equal((await as(ctx(), owner).get(base)).json().total, 1, 'nothing was imported');

    const problems = await upload(
      ctx(),
      owner,
      `${base}/import?dryRun=true`,
      csv([
        ['name', 'colour', 'in_scope', 'review_due', 'ref'],
        ['A', 'red', 'maybe', '2027-01-01', 'X-1'],
        ['', 'blue', 'yes', 'tomorrow', 'X-1'],
      ]),
      'text/csv',
    );
    assert.equal(problems.statusCode, 200);
    const issues = problems.json().errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`);
    assert.deepEqual(issues, ['1:colour', '2:in_scope', '3:review_due', '3:ref', '3:name']);
    assert.equal(problems.json().errors.at(-1).message, 'required: this column may not be empty');

    for (const [content, type] of [
      ['', 'text/csv'],
      ['name\n', 'text/csv'],
      ['name,"unclosed\nrow', 'text/csv'],
      ['PK not really a zip', XLSX],
    ] as const) {
      const r = await upload(ctx(), owner, `${base}/import`, content, type);
      assert.equal(r.statusCode, 400, `${JSON.stringify(content)} → ${r.body}`);
      assert.doesNotMatch(r.body, /at .*\.ts|SQL|stack/i);
    }
    assert.equal((await as(ctx(), owner).get(base)).json().total, 1);
  });

  test('export → import round trip (CSV and XLSX), with formula cells escaped', async () => {
    const a = await newOrganization(ctx());
    const b = await newOrganization(ctx());
    await register(ctx(), a, hiring);
    await register(ctx(), a, {
      name: '=HYPERLINK("http://evil.example","click")',
      purpose: '+1 line, with "quotes"\nand a second line',
      owner: '@ops',
      inScope: false,
      scopeReason: '-only a prototype',
      isoRoles: ['provider', 'producer'],
    });
    const exportedCsv = await as(ctx(), a).get(`/api/orgs/${a.orgSlug}/systems/export?format=csv`);
    assert.equal(exportedCsv.statusCode, 200);
    assert.match(exportedCsv.headers['content-disposition'] as string, /attachment; filename="ai-systems-.*\.csv"/);
    assert.match(exportedCsv.body, /'=HYPERLINK/);
    assert.match(exportedCsv.body, /'@ops/);
    assert.doesNotMatch(exportedCsv.body, /,=HYPERLINK/);

    const exportedXlsx = await as(ctx(), a).get(`/api/orgs/${a.orgSlug}/systems/export?format=xlsx`);
    assert.equal(exportedXlsx.statusCode, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exportedXlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    assert.ok(sheet);
    assert.equal(sheet.getRow(1).getCell(2).value, 'name');
    assert.equal(sheet.rowCount, 3);

    const strip = (s: AiSystem) => {
      const { id: _i, createdAt: _c, updatedAt: _u, version: _v, ...rest } = s;
      return rest;
    };
    const original = (await as(ctx(), a).get(`/api/orgs/${a.orgSlug}/systems?sort=ref`)).json().items.map(strip);

    // Into another organization: the same systems, refs kept.
    const intoB = await upload(ctx(), b, `/api/orgs/${b.orgSlug}/systems/import`, exportedCsv.rawPayload, 'text/csv');
    assert.equal(intoB.statusCode, 200, intoB.body);
    assert.equal(intoB.json().created, 2);
    const copied = (await as(ctx(), b).get(`/api/orgs/${b.orgSlug}/systems?sort=ref`)).json().items.map(strip);
    assert.deepEqual(copied, original);

    // Back into the same organization, CSV then XLSX: nothing changes.
    for (const [payload, type] of [
      [exportedCsv.rawPayload, 'text/csv'],
      [exportedXlsx.rawPayload, XLSX],
    ] as const) {
      const again = await upload(ctx(), a, `/api/orgs/${a.orgSlug}/systems/import`, payload, type);
      assert.equal(again.statusCode, 200, again.body);
      assert.deepEqual([again.json().created, again.json().updated, again.json().unchanged], [0, 0, 2]);
    }

    // An edited XLSX updates the system its ref names.
    const row = [2, 3].map((n) => sheet.getRow(n)).find((r) => r.getCell(1).value === 'AIS-0001');
    assert.ok(row, 'the export holds AIS-0001');
    row.getCell(8).value = 'retired';
    const edited = Buffer.from(await workbook.xlsx.writeBuffer());
    const update = await upload(ctx(), a, `/api/orgs/${a.orgSlug}/systems/import`, edited, XLSX);
    assert.equal(update.statusCode, 200, update.body);
    assert.deepEqual([update.json().created, update.json().updated], [0, 1]);
    assert.equal((await as(ctx(), a).get(`/api/orgs/${a.orgSlug}/systems/AIS-0001`)).json().stage, 'retired');
  });
});
