import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { addDays } from '../../domain/evidence-state.ts';
import type {
  ControlImplementationDetail,
  ControlImplementationList,
  SoaComparison,
  SoaDocument,
  SoaRow,
  SoaVersionListItem,
} from '../../domain/schemas/controls.schemas.ts';
import type { AiSystem } from '../../domain/schemas/inventory.schemas.ts';
import type { Risk } from '../../domain/schemas/risk.schemas.ts';
import { as, describeEachDatabase, newMember, newOrganization, type SignedIn, type TestContext } from '../../test/harness.ts';
import { soaContentHash } from './soa.service.ts';

const A = 'iso42001-2023';
const today = new Date().toISOString().slice(0, 10);

async function system(ctx: TestContext, who: SignedIn, name: string): Promise<AiSystem> {
  const res = await as(ctx, who).post(`/api/orgs/${who.orgSlug}/systems`, { name, stage: 'deployed' });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

/** A risk whose treatment names `controls` (Annex A ids). */
async function treatedRisk(ctx: TestContext, who: SignedIn, title: string, controls: string[], systemIds: string[] = []): Promise<Risk> {
  const api = as(ctx, who);
  const base = `/api/orgs/${who.orgSlug}`;
  const created = await api.post(`${base}/risks`, { title, likelihood: 3, impact: 3, systemIds });
  assert.equal(created.statusCode, 201, created.body);
  const treated = await api.put(`${base}/risks/${created.json().id}/treatment`, {
    option: 'modify',
    controls: controls.map((control) => ({ framework: A, control })),
    version: created.json().version,
  });
  assert.equal(treated.statusCode, 200, treated.body);
  return treated.json();
}

async function soa(ctx: TestContext, who: SignedIn): Promise<SoaDocument> {
  const res = await as(ctx, who).get(`/api/orgs/${who.orgSlug}/soa`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

function row(doc: SoaDocument, control: string, framework = A): SoaRow {
  const found = doc.rows.find((r) => r.framework === framework && r.control === control);
  assert.ok(found, `no SoA row for ${control}`);
  return found;
}

const codes = (r: SoaRow) => r.flags.map((f) => f.code);

async function put(ctx: TestContext, who: SignedIn, control: string, body: object, query = '') {
  return as(ctx, who).put(`/api/orgs/${who.orgSlug}/controls/${A}/${control}${query}`, body);
}

/** Evidence rows written straight into the database (the evidence API is another area). */
async function evidence(ctx: TestContext, orgId: string, ref: string, reviewDue: string | null, controls: string[]): Promise<string> {
  const id = randomUUID();
  const now = new Date().toISOString();
  await ctx.db.kysely
    .insertInto('evidence')
    .values({
      id,
      org_id: orgId,
      ref,
      ref_seq: Number(ref.replace(/\D/g, '')),
      title: `Evidence ${ref}`,
      kind: 'note',
      description: '',
      owner: '',
      effective_date: '2026-01-01',
      review_due: reviewDue,
      current_version: 1,
      created_at: now,
      created_by: null,
      updated_at: now,
      version: 1,
    })
    .execute();
  await ctx.db.kysely
    .insertInto('evidence_links')
    .values(controls.map((target) => ({ evidence_id: id, org_id: orgId, target_type: 'control', framework: A, target })))
    .execute();
  return id;
}

describeEachDatabase('Controls and the Statement of Applicability API', (ctx) => {
  test('a risk treated with controls makes them applicable with the risk as justification; 38 Annex A rows', async () => {
    const owner = await newOrganization(ctx());
    const r1 = await treatedRisk(ctx(), owner, 'Ranking disadvantages older applicants', ['A.6.2.4', 'A.7.4']);
    const r2 = await treatedRisk(ctx(), owner, 'Drift goes unnoticed', ['A.6.2.4']);
    await treatedRisk(ctx(), owner, 'Old concern', ['A.8.2']);
    const closedRisk = (await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/risks?q=concern`)).json().items[0] as Risk;
    const closed = await as(ctx(), owner).patch(`/api/orgs/${owner.orgSlug}/risks/${closedRisk.id}`, {
      status: 'closed',
      version: closedRisk.version,
    });
    assert.equal(closed.statusCode, 200, closed.body);

    const doc = await soa(ctx(), owner);
    assert.equal(doc.rows.length, 38);
    assert.equal(doc.rows.filter((r) => r.framework === A).length, 38);
    assert.deepEqual([doc.rows[0]?.control, doc.rows.at(-1)?.control], ['A.2.2', 'A.10.4']);
    assert.equal(doc.version, null);
    assert.equal(doc.organization.slug, owner.orgSlug);
    assert.equal(doc.framework.id, A);

    const v = row(doc, 'A.6.2.4');
    assert.equal(v.applicable, true);
    assert.equal(v.derived, true);
    assert.equal(v.basis.riskCount, 2);
    assert.deepEqual(
      v.basis.risks.map((r) => r.ref),
      [r1.ref, r2.ref],
    );
    assert.match(v.justification, /^Treats 2 risks: RSK-0001 Ranking disadvantages older applicants; RSK-0002 Drift goes unnoticed\.$/);
    assert.equal(v.status, 'not-started');
    assert.equal(v.area, 'A.6');
    assert.equal(v.areaTitle, 'AI system life cycle');
    assert.deepEqual(codes(v), []);
    assert.equal(row(doc, 'A.7.4').basis.riskCount, 1);
    // A closed risk no longer needs its controls.
    const gone = row(doc, 'A.8.2');
    assert.equal(gone.applicable, null);
    assert.equal(gone.basis.riskCount, 0);
    assert.deepEqual(codes(gone), ['undecided']);
    assert.deepEqual(doc.summary, {
      controls: 38,
      applicable: 2,
      excluded: 0,
      undecided: 36,
      flagged: 36,
      byStatus: { 'not-started': 38, planned: 0, 'partially-implemented': 0, implemented: 0, 'not-applicable': 0 },
    });
    // Reuse across frameworks through the crosswalks.
    const policy = row(doc, 'A.2.2');
    assert.ok(policy.alsoSupports.some((s) => s.framework === 'iso27001-2022' && s.item === 'A.5.1'));
    assert.ok(policy.alsoSupports.some((s) => s.framework === 'nist-ai-rmf-1.0'));

    // The organization's own controls follow Annex A.
    const own = await as(ctx(), owner).post(`/api/orgs/${owner.orgSlug}/catalog/controls`, { id: 'OWN-1', title: 'Model cards' });
    assert.equal(own.statusCode, 201, own.body);
    const withOwn = await soa(ctx(), owner);
    assert.equal(withOwn.rows.length, 39);
    assert.deepEqual(
      [withOwn.rows.at(-1)?.framework, withOwn.rows.at(-1)?.control, withOwn.rows.at(-1)?.area],
      ['org-controls', 'OWN-1', 'org-controls'],
    );
    const ownPut = await as(ctx(), owner).put(`/api/orgs/${owner.orgSlug}/controls/org-controls/OWN-1`, {
      applicable: true,
      inclusionReasons: [{ kind: 'interested-party', text: 'Customers ask for model cards' }],
    });
    assert.equal(ownPut.statusCode, 200, ownPut.body);
    const ownRow = row(await soa(ctx(), owner), 'OWN-1', 'org-controls');
    assert.equal(ownRow.justification, 'Interested-party need: Customers ask for model cards.');
    assert.deepEqual(codes(ownRow), []);
  });

  test('excluding needs a justification (422 naming the field); exclusions risks need and inclusions without basis are flagged', async () => {
    const owner = await newOrganization(ctx());
    const base = `/api/orgs/${owner.orgSlug}`;
    await treatedRisk(ctx(), owner, 'Unverified model release', ['A.6.2.4']);

    const refused = await put(ctx(), owner, 'A.6.2.4', { applicable: false });
    assert.equal(refused.statusCode, 422, refused.body);
    assert.equal(refused.json().error.details.issues[0].path, 'body.exclusionJustification');
    const blank = await put(ctx(), owner, 'A.6.2.4', { applicable: false, exclusionJustification: '   ' });
    assert.equal(blank.statusCode, 422);
    const badStatus = await put(ctx(), owner, 'A.6.2.4', { applicable: false, exclusionJustification: 'x', status: 'implemented' });
    assert.equal(badStatus.statusCode, 422);
    assert.equal(badStatus.json().error.details.issues[0].path, 'body.status');
    const naStatus = await put(ctx(), owner, 'A.6.2.4', { status: 'not-applicable' });
    assert.equal(naStatus.statusCode, 422);
    assert.equal(naStatus.json().error.details.issues[0].path, 'body.status');
    const badDate = await put(ctx(), owner, 'A.6.2.4', { reviewDue: 'next week' });
    assert.equal(badDate.statusCode, 400);
    assert.equal(badDate.json().error.details.issues[0].path, 'body.reviewDue');
    assert.equal((await as(ctx(), owner).get(`${base}/controls`)).json().total, 0, 'nothing was recorded');

    const excluded = await put(ctx(), owner, 'A.6.2.4', {
      applicable: false,
      exclusionJustification: 'We only deploy third-party models; the supplier verifies them.',
      owner: 'aims@example.com',
    });
    assert.equal(excluded.statusCode, 200, excluded.body);
    const ex: ControlImplementationDetail = excluded.json();
    assert.deepEqual([ex.applicable, ex.status, ex.version, ex.riskCount], [false, 'not-applicable', 1, 1]);
    let doc = await soa(ctx(), owner);
    const exRow = row(doc, 'A.6.2.4');
    assert.deepEqual([exRow.applicable, exRow.derived], [false, false]);
    assert.equal(exRow.justification, 'We only deploy third-party models; the supplier verifies them.');
    assert.deepEqual(codes(exRow), ['excluded-but-needed']);

    // Version rules: a change needs the version read; none or a stale one is refused.
    assert.equal((await put(ctx(), owner, 'A.6.2.4', { owner: 'x' })).statusCode, 409);
    assert.equal((await put(ctx(), owner, 'A.6.2.4', { owner: 'x', version: 7 })).statusCode, 409);
    assert.equal((await put(ctx(), owner, 'A.2.2', { owner: 'x', version: 1 })).statusCode, 409, 'nothing recorded yet');

    // Including again drops the exclusion and its status.
    const back = await put(ctx(), owner, 'A.6.2.4', { applicable: true, version: ex.version });
    assert.equal(back.statusCode, 200, back.body);
    assert.deepEqual([back.json().applicable, back.json().status, back.json().exclusionJustification], [true, 'not-started', null]);

    const bare = await put(ctx(), owner, 'A.3.3', { applicable: true, status: 'planned', owner: 'hr@example.com' });
    assert.equal(bare.statusCode, 200, bare.body);
    doc = await soa(ctx(), owner);
    assert.deepEqual(codes(row(doc, 'A.3.3')), ['inclusion-without-basis']);
    assert.equal(row(doc, 'A.3.3').justification, 'Included, but no risk, requirement or reason is recorded.');
    const reasoned = await put(ctx(), owner, 'A.3.3', {
      inclusionReasons: [{ kind: 'legal', text: 'Whistle-blower protection law applies' }],
      reviewDue: '2020-01-31',
      version: bare.json().version,
    });
    assert.equal(reasoned.statusCode, 200, reasoned.body);
    doc = await soa(ctx(), owner);
    assert.equal(row(doc, 'A.3.3').justification, 'Legal requirement: Whistle-blower protection law applies.');
    assert.deepEqual(codes(row(doc, 'A.3.3')), ['review-overdue']);

    // Unknown controls and frameworks: 404 naming the parameter.
    const unknown = await as(ctx(), owner).get(`${base}/controls/${A}/A.99`);
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().error.details.issues[0].path, 'params.control');
    assert.equal((await put(ctx(), owner, '6.1.2', { applicable: true })).statusCode, 404, 'a clause is not a control');
    const otherFw = await as(ctx(), owner).put(`${base}/controls/iso27001-2022/A.5.1`, { applicable: true });
    assert.equal(otherFw.statusCode, 404);
    assert.equal(otherFw.json().error.details.issues[0].path, 'params.framework');

    const history = (await as(ctx(), owner).get(`${base}/controls/${A}/A.6.2.4/history`)).json();
    assert.deepEqual(
      history.map((h: { action: string; entityType: string }) => `${h.entityType} ${h.action}`),
      ['control-implementation control-implementation.updated', 'control-implementation control-implementation.created'],
    );
    assert.deepEqual((await as(ctx(), owner).get(`${base}/controls/${A}/A.5.5/history`)).json(), []);
    const blankOne: ControlImplementationDetail = (await as(ctx(), owner).get(`${base}/controls/${A}/A.5.5`)).json();
    assert.deepEqual([blankOne.id, blankOne.version, blankOne.applicable, blankOne.title], [null, null, null, 'Impacts on society']);
  });

  test('approved SoA versions are frozen; compare shows what changed', async () => {
    const owner = await newOrganization(ctx());
    const base = `/api/orgs/${owner.orgSlug}`;
    const api = as(ctx(), owner);
    const policy = await put(ctx(), owner, 'A.2.2', {
      applicable: true,
      inclusionReasons: [{ kind: 'contractual', text: 'Customer contracts require an AI policy' }],
      owner: 'ceo@example.com',
      status: 'implemented',
    });
    assert.equal(policy.statusCode, 200, policy.body);

    const contributor = await newMember(ctx(), owner, 'contributor');
    assert.equal((await as(ctx(), contributor).post(`${base}/soa/versions`, { comment: 'ok' })).statusCode, 403);
    assert.equal((await api.post(`${base}/soa/versions`, {})).statusCode, 400, 'a comment is required');
    const first = await api.post(`${base}/soa/versions`, { comment: 'First SoA for the stage 1 audit' });
    assert.equal(first.statusCode, 201, first.body);
    const v1: SoaVersionListItem = first.json();
    assert.equal(v1.number, 1);
    assert.equal(v1.approvedRole, 'owner');
    assert.match(v1.contentHash, /^[0-9a-f]{64}$/);
    const frozen1: SoaDocument = (await api.get(`${base}/soa/versions/1`)).json();
    assert.equal(frozen1.version?.number, 1);
    assert.equal(frozen1.version?.comment, 'First SoA for the stage 1 audit');
    assert.equal(soaContentHash(frozen1), v1.contentHash, 'the hash covers the frozen rows and summary');
    assert.equal(row(frozen1, 'A.2.2').owner, 'ceo@example.com');

    // Later edits change the live SoA, never the approved version.
    const changed = await put(ctx(), owner, 'A.2.2', { owner: 'aims@example.com', version: policy.json().version });
    assert.equal(changed.statusCode, 200, changed.body);
    await put(ctx(), owner, 'A.2.3', { applicable: false, exclusionJustification: 'No other management system policies exist' });
    await treatedRisk(ctx(), owner, 'Data poisoning', ['A.7.5']);
    assert.deepEqual((await api.get(`${base}/soa/versions/1`)).json(), frozen1);
    assert.equal(row(await soa(ctx(), owner), 'A.2.2').owner, 'aims@example.com');

    const second = await api.post(`${base}/soa/versions`, { comment: 'After the policy owner changed' });
    assert.equal(second.json().number, 2);
    assert.notEqual(second.json().contentHash, v1.contentHash);
    const versions: SoaVersionListItem[] = (await api.get(`${base}/soa/versions`)).json();
    assert.deepEqual(
      versions.map((v) => [v.number, v.summary.excluded]),
      [
        [2, 1],
        [1, 0],
      ],
    );

    const diff: SoaComparison = (await api.get(`${base}/soa/compare?from=1&to=2`)).json();
    assert.equal(diff.from.version?.number, 1);
    assert.equal(diff.to.version?.number, 2);
    const byControl = new Map(diff.changed.map((c) => [c.control, c.changes]));
    assert.deepEqual(byControl.get('A.2.2'), [{ field: 'owner', from: 'ceo@example.com', to: 'aims@example.com' }]);
    assert.deepEqual(
      byControl.get('A.2.3')?.map((c) => [c.field, c.from, c.to]),
      [
        ['applicable', null, false],
        ['status', 'not-started', 'not-applicable'],
        ['justification', 'Not decided yet; no open risk in the register names this control.', 'No other management system policies exist'],
        ['flags', ['undecided'], []],
      ],
    );
    assert.deepEqual(
      byControl.get('A.7.5')?.map((c) => c.field),
      ['applicable', 'justification', 'flags'],
    );
    assert.equal(diff.changed.length, 3);
    assert.equal(diff.unchanged, 35);
    assert.deepEqual([diff.added, diff.removed], [[], []]);
    const toLive: SoaComparison = (await api.get(`${base}/soa/compare?from=2`)).json();
    assert.deepEqual([toLive.to.ref, toLive.to.version, toLive.changed.length], ['live', null, 0]);
    const missing = await api.get(`${base}/soa/compare?from=9&to=live`);
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.details.issues[0].path, 'querystring.from');
    assert.equal((await api.get(`${base}/soa/compare?from=first`)).statusCode, 400);
    assert.equal((await api.get(`${base}/soa/versions/3`)).statusCode, 404);

    // Exports: the live SoA as a draft, an approved version by number; always an attachment.
    const magic = { xlsx: 'PK', docx: 'PK', pdf: '%PDF', oscal: '{' } as const;
    for (const format of ['xlsx', 'pdf', 'docx', 'oscal'] as const) {
      const file = await api.get(`${base}/soa/export?format=${format}&version=1`);
      assert.equal(file.statusCode, 200, file.body);
      assert.equal(file.rawPayload.subarray(0, magic[format].length).toString('latin1'), magic[format], format);
      const ext = format === 'oscal' ? 'oscal.json' : format;
      assert.equal(file.headers['content-disposition'], `attachment; filename="${owner.orgSlug}-soa-v1.${ext}"`);
    }
    const oscal = (await api.get(`${base}/soa/export?format=oscal`)).body;
    assert.ok(oscal.includes('A.7.5'), 'the live SoA has every control');
    const live = await api.get(`${base}/soa/export?format=xlsx`);
    assert.match(String(live.headers['content-disposition']), /^attachment; filename=".+-soa-draft-\d{4}-\d{2}-\d{2}\.xlsx"$/);
    assert.equal((await api.get(`${base}/soa/export?format=csv`)).statusCode, 400);
    const noVersion = await api.get(`${base}/soa/export?format=pdf&version=9`);
    assert.equal(noVersion.statusCode, 404);
    assert.equal(noVersion.json().error.details.issues[0].path, 'querystring.version');

    const audit = (await api.get(`${base}/audit-log?action=soa.`)).json();
    assert.deepEqual(
      audit.items.map((e: { action: string; entityType: string }) => `${e.entityType} ${e.action}`),
      ['soa-version soa.approved', 'soa-version soa.approved'],
    );
  });

  test('evidence: counts and states per control, expired evidence flags the row', async () => {
    const owner = await newOrganization(ctx());
    const other = await newOrganization(ctx());
    const monitored = await put(ctx(), owner, 'A.6.2.6', {
      applicable: true,
      status: 'implemented',
      inclusionReasons: [{ kind: 'other', text: 'Monitoring is how drift is found' }],
    });
    assert.equal(monitored.statusCode, 200, monitored.body);
    assert.deepEqual(codes(row(await soa(ctx(), owner), 'A.6.2.6')), ['applicable-without-evidence']);

    const current = await evidence(ctx(), owner.orgId, 'EV-0001', null, ['A.6.2.6', 'A.6.2.8']);
    const expiring = await evidence(ctx(), owner.orgId, 'EV-0002', addDays(today, 10), ['A.6.2.6']);
    const expired = await evidence(ctx(), owner.orgId, 'EV-0003', '2020-06-30', ['A.6.2.6']);
    await evidence(ctx(), other.orgId, 'EV-0001', '2020-01-01', ['A.6.2.6']);

    let r = row(await soa(ctx(), owner), 'A.6.2.6');
    assert.deepEqual([r.evidenceCount, r.evidenceCurrent, r.evidenceExpired], [3, 2, 1]);
    assert.deepEqual(
      r.evidence.map((e) => [e.id, e.state]),
      [
        [current, 'current'],
        [expiring, 'expiring'],
        [expired, 'expired'],
      ],
    );
    assert.deepEqual(codes(r), ['evidence-expired']);
    assert.equal(row(await soa(ctx(), owner), 'A.6.2.8').evidenceCount, 1);
    assert.equal(row(await soa(ctx(), other), 'A.6.2.6').evidenceExpired, 1, 'each organization sees its own evidence');

    // When the current items expire too, the implemented control has no current evidence left.
    await ctx().db.kysely.updateTable('evidence').set({ review_due: '2021-01-01' }).where('id', 'in', [current, expiring]).execute();
    r = row(await soa(ctx(), owner), 'A.6.2.6');
    assert.deepEqual([r.evidenceCount, r.evidenceCurrent, r.evidenceExpired], [3, 0, 3]);
    assert.deepEqual(codes(r), ['applicable-without-evidence', 'evidence-expired']);
    // Renewing one clears the first flag.
    await ctx()
      .db.kysely.updateTable('evidence')
      .set({ review_due: addDays(today, 365) })
      .where('id', '=', current)
      .execute();
    r = row(await soa(ctx(), owner), 'A.6.2.6');
    assert.deepEqual([r.evidenceCurrent, r.evidenceExpired, r.evidence[0]?.id], [1, 2, current]);
    assert.deepEqual(codes(r), ['evidence-expired']);
  });

  test('implementations per AI system are recorded, listed and counted on the SoA row', async () => {
    const owner = await newOrganization(ctx());
    const base = `/api/orgs/${owner.orgSlug}`;
    const api = as(ctx(), owner);
    const cv = await system(ctx(), owner, 'CV screening');
    const chat = await system(ctx(), owner, 'Support chatbot');
    await treatedRisk(ctx(), owner, 'Used beyond its purpose', ['A.9.4'], [cv.id]);

    const onCv = await put(
      ctx(),
      owner,
      'A.9.4',
      { applicable: true, status: 'implemented', owner: 'people@example.com' },
      `?systemId=${cv.ref}`,
    );
    assert.equal(onCv.statusCode, 200, onCv.body);
    const cvImpl: ControlImplementationDetail = onCv.json();
    assert.deepEqual([cvImpl.system?.ref, cvImpl.riskCount], [cv.ref, 1]);
    const onChat = await put(
      ctx(),
      owner,
      'A.9.4',
      { applicable: false, exclusionJustification: 'Answers only public FAQ content' },
      `?systemId=${chat.id}`,
    );
    assert.equal(onChat.statusCode, 200, onChat.body);
    assert.equal(onChat.json().riskCount, 0, 'no risk of the chatbot names it');
    await put(ctx(), owner, 'A.9.2', { applicable: true, status: 'planned' }, `?systemId=${cv.id}`);
    await put(ctx(), owner, 'A.9.2', { applicable: true, inclusionReasons: [{ kind: 'other', text: 'Policy' }] });
    // Recorded out of catalog order: the list still follows the catalog (A.4.2 before A.5.2, not as text).
    await put(ctx(), owner, 'A.5.2', { applicable: true, inclusionReasons: [{ kind: 'legal', text: 'FRIA' }] });
    await put(ctx(), owner, 'A.4.2', { applicable: true, inclusionReasons: [{ kind: 'other', text: 'Inventory' }] });
    assert.equal((await put(ctx(), owner, 'A.9.4', { applicable: true }, '?systemId=AIS-0999')).statusCode, 404);

    const r = row(await soa(ctx(), owner), 'A.9.4');
    assert.deepEqual(r.systems, { applicable: 1, excluded: 1, implemented: 1 });
    assert.deepEqual([r.applicable, r.derived, r.implementationId], [true, true, null], 'the organization level is derived from the risk');
    assert.deepEqual(row(await soa(ctx(), owner), 'A.9.2').systems, { applicable: 1, excluded: 0, implemented: 0 });

    const all: ControlImplementationList = (await api.get(`${base}/controls`)).json();
    assert.deepEqual(
      all.items.map((i) => [i.control, i.system?.ref ?? null]),
      [
        ['A.4.2', null],
        ['A.5.2', null],
        ['A.9.2', null],
        ['A.9.2', cv.ref],
        ['A.9.4', cv.ref],
        ['A.9.4', chat.ref],
      ],
    );
    assert.equal(all.total, 6);
    const bySystem: ControlImplementationList = (await api.get(`${base}/controls?systemId=${chat.ref}`)).json();
    assert.deepEqual(
      bySystem.items.map((i) => [i.control, i.applicable, i.status]),
      [['A.9.4', false, 'not-applicable']],
    );
    assert.equal((await api.get(`${base}/controls?scope=organization`)).json().total, 3);
    assert.equal((await api.get(`${base}/controls?scope=systems&status=implemented`)).json().total, 1);
    assert.equal((await api.get(`${base}/controls?applicable=false`)).json().total, 1);
    const paged: ControlImplementationList = (await api.get(`${base}/controls?pageSize=2&page=3`)).json();
    assert.deepEqual(
      paged.items.map((i) => i.system?.ref),
      [cv.ref, chat.ref],
    );
    assert.equal((await api.get(`${base}/controls?framework=iso27001-2022`)).statusCode, 400);
    assert.equal((await api.get(`${base}/controls?status=done`)).statusCode, 400);

    const detail: ControlImplementationDetail = (await api.get(`${base}/controls/${A}/A.9.4?systemId=${cv.ref}`)).json();
    assert.deepEqual([detail.status, detail.owner, detail.system?.name], ['implemented', 'people@example.com', 'CV screening']);
    const orgLevel: ControlImplementationDetail = (await api.get(`${base}/controls/${A}/A.9.4`)).json();
    assert.deepEqual([orgLevel.id, orgLevel.system, orgLevel.riskCount], [null, null, 1]);
  });

  test('roles and isolation: viewers and auditors read only, contributors cannot approve, other organizations see nothing', async () => {
    const owner = await newOrganization(ctx());
    const other = await newOrganization(ctx());
    const base = `/api/orgs/${owner.orgSlug}`;
    const saved = await put(ctx(), owner, 'A.4.2', { applicable: true, inclusionReasons: [{ kind: 'other', text: 'Inventory' }] });
    assert.equal(saved.statusCode, 200, saved.body);
    await as(ctx(), owner).post(`${base}/soa/versions`, { comment: 'v1' });

    for (const role of ['viewer', 'auditor'] as const) {
      const member = as(ctx(), await newMember(ctx(), owner, role));
      assert.equal((await member.get(`${base}/soa`)).statusCode, 200);
      assert.equal((await member.get(`${base}/controls`)).statusCode, 200);
      assert.equal((await member.get(`${base}/controls/${A}/A.4.2`)).statusCode, 200);
      assert.equal((await member.get(`${base}/soa/versions/1`)).statusCode, 200);
      assert.equal((await member.get(`${base}/soa/compare?from=1`)).statusCode, 200);
      assert.equal((await member.get(`${base}/soa/export?format=oscal&version=1`)).statusCode, 200);
      assert.equal((await member.put(`${base}/controls/${A}/A.4.2`, { owner: 'x', version: 1 })).statusCode, 403);
      assert.equal((await member.put(`${base}/controls/${A}/A.4.3`, { applicable: true })).statusCode, 403);
      assert.equal((await member.post(`${base}/soa/versions`, { comment: 'x' })).statusCode, 403);
    }
    const contributor = as(ctx(), await newMember(ctx(), owner, 'contributor'));
    assert.equal((await contributor.put(`${base}/controls/${A}/A.4.2`, { owner: 'x', version: 1 })).statusCode, 200);
    assert.equal((await contributor.post(`${base}/soa/versions`, { comment: 'x' })).statusCode, 403);
    const manager = as(ctx(), await newMember(ctx(), owner, 'aims-manager'));
    assert.equal((await manager.post(`${base}/soa/versions`, { comment: 'Reviewed by the AIMS manager' })).statusCode, 201);

    const outsider = as(ctx(), other);
    assert.equal((await outsider.get(`${base}/soa`)).statusCode, 404);
    assert.equal((await outsider.get(`${base}/controls/${A}/A.4.2`)).statusCode, 404);
    assert.equal((await outsider.put(`${base}/controls/${A}/A.4.2`, { owner: 'x', version: 2 })).statusCode, 404);
    assert.equal((await outsider.get(`${base}/soa/versions/1`)).statusCode, 404);
    assert.equal((await outsider.get(`${base}/soa/export?format=xlsx`)).statusCode, 404);
    const theirs = `/api/orgs/${other.orgSlug}`;
    assert.equal((await outsider.get(`${theirs}/controls`)).json().total, 0);
    assert.equal((await outsider.get(`${theirs}/soa/versions/1`)).statusCode, 404);
    assert.equal(row(await soa(ctx(), other), 'A.4.2').applicable, null);
    const foreignSystem = await system(ctx(), owner, 'Owner system');
    assert.equal((await outsider.get(`${theirs}/controls/${A}/A.4.2?systemId=${foreignSystem.id}`)).statusCode, 404);
  });
});
