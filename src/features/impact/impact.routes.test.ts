import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ImpactTemplateContentSchema, type ImpactAssessment, type ImpactTemplate } from '../../domain/schemas/impact.schemas.ts';
import type { AiSystem } from '../../domain/schemas/inventory.schemas.ts';
import type { Risk } from '../../domain/schemas/risk.schemas.ts';
import { as, describeEachDatabase, newMember, newOrganization, type SignedIn, type TestContext } from '../../test/harness.ts';
import { verifyAuditChains } from '../audit-log/audit-log.service.ts';
import { missingRequired, mergeAnswers } from './impact-answers.ts';
import { builtInTemplates } from './impact-template.service.ts';
import { onScale } from './impact.service.ts';
import { aisia42001 } from './templates/aisia-42001.ts';
import { euFriaArt27 } from './templates/eu-fria-art27.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

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

/** The answers the AISIA still needs for approval once the AI system record has pre-filled its part. */
const remainingAisiaAnswers = {
  'vulnerable-groups': false,
  criticality: 'high',
  'data-sensitivity': ['special-categories', 'personal-data'],
  conclusion: 'Acceptable with the mitigations planned',
  assessors: 'HR lead, DPO, legal counsel',
};

async function registerSystem(ctx: TestContext, who: SignedIn, body: Record<string, unknown> = hiring): Promise<AiSystem> {
  const res = await as(ctx, who).post(`/api/orgs/${who.orgSlug}/systems`, body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

async function start(ctx: TestContext, who: SignedIn, body: Record<string, unknown>): Promise<ImpactAssessment> {
  const res = await as(ctx, who).post(`/api/orgs/${who.orgSlug}/impact-assessments`, body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

test('the built-in templates are valid template data', () => {
  assert.deepEqual(
    builtInTemplates.map((t) => t.id),
    ['aisia-42001', 'eu-fria-art27'],
  );
  for (const template of builtInTemplates) assert.deepEqual(ImpactTemplateContentSchema.parse(template), template);
  assert.deepEqual(
    aisia42001.impactAreas.map((a) => a.id),
    ['legal-position', 'life-opportunities', 'physical-wellbeing', 'psychological-wellbeing', 'human-rights', 'society', 'environment'],
  );
  assert.deepEqual(
    aisia42001.sections.map((s) => s.id),
    ['scope-context', 'affected-parties', 'data-automation', 'evaluation'],
  );
  // Every FRIA question says which provision it answers; (a)–(f) each have a section of their own.
  for (const letter of ['a', 'b', 'c', 'd', 'e', 'f']) {
    const sections = euFriaArt27.sections.filter((s) => s.fields.every((f) => f.ref === `Art. 27(1)(${letter})`));
    assert.equal(sections.length, 1, `one section answers Art. 27(1)(${letter})`);
    assert.ok(sections[0]?.title.startsWith(`(${letter})`));
  }
  assert.ok(euFriaArt27.sections.flatMap((s) => s.fields).every((f) => f.ref !== undefined));
  assert.ok(euFriaArt27.sections.some((s) => s.fields.some((f) => f.ref === 'Art. 27(3)')));
});

test('answers are checked against the template fields; required ones are listed in template order', () => {
  const merged = mergeAnswers(
    aisia42001,
    { conclusion: 'old' },
    {
      criticality: 'medium',
      'data-sensitivity': ['biometric', 'personal-data', 'biometric'],
      conclusion: null,
      'vulnerable-groups': 'no',
      nope: 'x',
    },
  );
  assert.deepEqual(merged.answers, { criticality: 'medium', 'data-sensitivity': ['personal-data', 'biometric'] });
  assert.deepEqual(
    merged.issues.map((i) => i.path),
    ['body.answers.vulnerable-groups', 'body.answers.nope'],
  );
  assert.deepEqual(
    missingRequired(aisia42001, { ...merged.answers, 'assessment-scope': '  ' }).map((m) => m.id),
    [
      'assessment-scope',
      'system-purpose',
      'intended-use',
      'foreseeable-misuse',
      'affected-persons',
      'vulnerable-groups',
      'automation-level',
      'conclusion',
      'assessors',
    ],
  );
  assert.deepEqual(
    [1, 2, 3, 4, 5].map((v) => onScale(v, 5)),
    [1, 2, 3, 4, 5],
  );
  assert.deepEqual(
    [1, 2, 3, 4, 5].map((v) => onScale(v, 3)),
    [1, 2, 2, 3, 3],
  );
});

describeEachDatabase('AI system impact assessments API', (ctx) => {
  test('the built-in templates are listed: the AISIA and the Art. 27 FRIA with sections (a)–(f)', async () => {
    const owner = await newOrganization(ctx());
    const res = await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/impact-templates`);
    assert.equal(res.statusCode, 200, res.body);
    const templates = res.json<ImpactTemplate[]>();
    assert.deepEqual(
      templates.map((t) => [t.id, t.version, t.origin]),
      [
        ['aisia-42001', '1.0', 'built-in'],
        ['eu-fria-art27', '1.0', 'built-in'],
      ],
    );
    const fria = templates[1];
    assert.deepEqual(
      fria?.sections.map((s) => s.id),
      [
        'applicability',
        'a-processes',
        'b-period-frequency',
        'c-affected-persons',
        'd-risks-of-harm',
        'e-human-oversight',
        'f-measures',
        'notification',
      ],
    );
    assert.deepEqual(
      fria?.sections.find((s) => s.id === 'f-measures')?.fields.map((f) => [f.id, f.ref, f.required]),
      [
        ['materialisation-measures', 'Art. 27(1)(f)', true],
        ['internal-governance', 'Art. 27(1)(f)', true],
        ['complaint-mechanism', 'Art. 27(1)(f)', true],
      ],
    );

    // A FRIA for a deployer is pre-filled from the AI system record too.
    const system = await registerSystem(ctx(), owner);
    const started = await start(ctx(), owner, {
      systemId: system.id,
      templateId: 'eu-fria-art27',
      title: 'FRIA before first use',
      triggers: ['legal-requirement'],
      answers: { 'deployer-category': 'public-service', 'first-use': '2027-03-01' },
    });
    assert.equal(started.templateName, 'Fundamental rights impact assessment (EU AI Act Art. 27)');
    assert.deepEqual(started.answers, {
      'deployer-category': 'public-service',
      'first-use': '2027-03-01',
      'system-purpose': hiring.purpose,
      'deployer-processes': hiring.deploymentContext,
      'affected-persons': hiring.affectedPersons,
      'human-oversight': hiring.humanOversight,
    });
    const template = await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/impact-assessments/${started.ref}/template`);
    assert.equal(template.statusCode, 200, template.body);
    assert.equal(template.json().id, 'eu-fria-art27');
    assert.equal(template.json().origin, 'built-in');
  });

  test('an AISIA for a system: pre-filled, answered, impacts, submit → approve with permissions, frozen, revised and superseded', async () => {
    const owner = await newOrganization(ctx());
    const contributor = await newMember(ctx(), owner, 'contributor');
    const base = `/api/orgs/${owner.orgSlug}/impact-assessments`;
    const system = await registerSystem(ctx(), owner);

    const created = await start(ctx(), contributor, {
      systemId: system.id,
      templateId: 'aisia-42001',
      title: 'CV screening: first assessment',
      triggers: ['criticality', 'new-system', 'criticality'],
      answers: { 'assessment-scope': 'Use in all EU offices', users: null },
      reviewDue: '2020-06-30',
    });
    assert.equal(created.ref, 'IA-0001');
    assert.equal(created.status, 'draft');
    assert.equal(created.version, 1);
    assert.deepEqual(created.system, { id: system.id, ref: 'AIS-0001', name: hiring.name });
    assert.deepEqual([created.templateId, created.templateVersion], ['aisia-42001', '1.0']);
    assert.deepEqual(created.triggers, ['criticality', 'new-system']);
    assert.equal(created.reviewOverdue, true);
    // Pre-filled from the inventory, except what the request answered (users: null keeps it empty).
    assert.deepEqual(created.answers, {
      'assessment-scope': 'Use in all EU offices',
      'system-purpose': hiring.purpose,
      'intended-use': hiring.intendedUse,
      'foreseeable-misuse': hiring.foreseeableMisuse,
      'deployment-context': hiring.deploymentContext,
      jurisdictions: 'DE, EU',
      'affected-persons': hiring.affectedPersons,
      'automation-level': 'human-in-the-loop',
      'human-oversight': hiring.humanOversight,
    });
    assert.deepEqual(created.impacts, []);

    const withImpacts = await as(ctx(), contributor).patch(`${base}/${created.id}`, {
      version: 1,
      answers: { criticality: 'high', 'deployment-context': null },
      impacts: [
        {
          area: 'life-opportunities',
          audience: 'groups',
          description: 'Older applicants are ranked lower',
          affected: 'applicants over 55',
          severity: 4,
          likelihood: 3,
          mitigation: 'Bias testing before each model update',
        },
        { area: 'society', audience: 'society', description: 'Faster hiring', severity: 2, likelihood: 4, beneficial: true },
      ],
    });
    assert.equal(withImpacts.statusCode, 200, withImpacts.body);
    const v2 = withImpacts.json<ImpactAssessment>();
    assert.equal(v2.version, 2);
    assert.equal(v2.answers.criticality, 'high');
    assert.equal('deployment-context' in v2.answers, false, 'a null removes an answer');
    assert.equal(v2.answers['assessment-scope'], 'Use in all EU offices', 'answers not named are kept');
    assert.equal(v2.impacts.length, 2);
    assert.match(v2.impacts[0]?.id ?? '', UUID);
    assert.deepEqual(v2.impacts[0], {
      id: v2.impacts[0]?.id,
      area: 'life-opportunities',
      audience: 'groups',
      description: 'Older applicants are ranked lower',
      affected: 'applicants over 55',
      severity: 4,
      likelihood: 3,
      beneficial: false,
      mitigation: 'Bias testing before each model update',
      riskId: null,
      riskRef: null,
    });
    assert.equal(v2.impacts[1]?.beneficial, true);

    const stale = await as(ctx(), contributor).patch(`${base}/${created.id}`, { version: 1, title: 'Other' });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, 'version_conflict');

    // Keeping an entry's id keeps the entry; leaving one out removes it.
    const kept = await as(ctx(), contributor).patch(`${base}/${created.ref}`, {
      version: 2,
      impacts: v2.impacts.slice(0, 1).map(({ riskId: _r, riskRef: _rr, ...e }) => ({ ...e, severity: 5 })),
    });
    assert.equal(kept.statusCode, 200, kept.body);
    const v3 = kept.json<ImpactAssessment>();
    assert.deepEqual(
      v3.impacts.map((i) => [i.id, i.severity]),
      [[v2.impacts[0]?.id, 5]],
    );

    // Viewers and auditors read but cannot write.
    for (const role of ['viewer', 'auditor'] as const) {
      const member = await newMember(ctx(), owner, role);
      assert.equal((await as(ctx(), member).get(`${base}/${created.id}`)).statusCode, 200);
      assert.equal((await as(ctx(), member).patch(`${base}/${created.id}`, { version: 3, title: 'x' })).statusCode, 403);
      assert.equal((await as(ctx(), member).post(`${base}/${created.id}/submit`, { version: 3 })).statusCode, 403);
      assert.equal((await as(ctx(), member).post(base, { systemId: system.id, templateId: 'aisia-42001', title: 'x' })).statusCode, 403);
    }

    // Approving a draft: submit it first.
    const early = await as(ctx(), owner).post(`${base}/${created.id}/approve`, { version: 3 });
    assert.equal(early.statusCode, 422);
    assert.equal(early.json().error.code, 'rule_violated');

    const submitted = await as(ctx(), contributor).post(`${base}/${created.id}/submit`, { version: 3 });
    assert.equal(submitted.statusCode, 200, submitted.body);
    assert.equal(submitted.json().status, 'in-review');
    assert.equal(submitted.json().version, 4);
    assert.equal((await as(ctx(), contributor).post(`${base}/${created.id}/submit`, { version: 4 })).statusCode, 409);

    const byContributor = await as(ctx(), contributor).post(`${base}/${created.id}/approve`, { version: 4 });
    assert.equal(byContributor.statusCode, 403);

    const incomplete = await as(ctx(), owner).post(`${base}/${created.id}/approve`, { version: 4 });
    assert.equal(incomplete.statusCode, 422, incomplete.body);
    assert.equal(incomplete.json().error.code, 'rule_violated');
    assert.deepEqual(
      incomplete.json().error.details.missing.map((m: { id: string }) => m.id),
      ['vulnerable-groups', 'data-sensitivity', 'conclusion', 'assessors'],
    );
    assert.match(incomplete.json().error.message, /"Overall conclusion" \(conclusion\)/);

    // An assessment in review can still be completed.
    const completed = await as(ctx(), contributor).patch(`${base}/${created.id}`, { version: 4, answers: remainingAisiaAnswers });
    assert.equal(completed.statusCode, 200, completed.body);
    assert.equal(completed.json().status, 'in-review');
    assert.deepEqual(completed.json().answers['data-sensitivity'], ['personal-data', 'special-categories'], 'options in template order');

    const approved = await as(ctx(), owner).post(`${base}/${created.id}/approve`, { version: 5 });
    assert.equal(approved.statusCode, 200, approved.body);
    const a1 = approved.json<ImpactAssessment>();
    assert.equal(a1.status, 'approved');
    assert.equal(a1.approvedBy, owner.email);
    assert.ok(a1.approvedAt);

    // Frozen.
    const frozen = await as(ctx(), owner).patch(`${base}/${created.id}`, { version: a1.version, title: 'Changed' });
    assert.equal(frozen.statusCode, 409);
    assert.equal(frozen.json().error.code, 'conflict');
    assert.match(frozen.json().error.message, /approved assessments are frozen; start a revision/);
    assert.equal((await as(ctx(), owner).delete(`${base}/${created.id}`)).statusCode, 409);
    assert.equal((await as(ctx(), owner).post(`${base}/${created.id}/approve`, { version: a1.version })).statusCode, 409);

    // A revision: a new draft copying the approved one.
    const revised = await as(ctx(), contributor).post(`${base}/${created.id}/revise`);
    assert.equal(revised.statusCode, 201, revised.body);
    const r = revised.json<ImpactAssessment>();
    assert.equal(r.ref, 'IA-0002');
    assert.equal(r.status, 'draft');
    assert.equal(r.version, 1);
    assert.equal(r.supersedes, created.id);
    assert.equal(r.approvedBy, null);
    assert.deepEqual(r.answers, a1.answers);
    assert.deepEqual(r.impacts, a1.impacts);
    assert.deepEqual(r.triggers, a1.triggers);
    const second = await as(ctx(), contributor).post(`${base}/${created.id}/revise`);
    assert.equal(second.statusCode, 409);
    assert.match(second.json().error.message, /IA-0002/);

    const changed = await as(ctx(), contributor).patch(`${base}/${r.id}`, {
      version: 1,
      triggers: ['significant-change'],
      answers: { 'significant-change': 'New model version trained on 2027 data' },
    });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal((await as(ctx(), contributor).post(`${base}/${r.id}/submit`, { version: 2 })).statusCode, 200);
    const approvedRevision = await as(ctx(), owner).post(`${base}/${r.id}/approve`, { version: 3 });
    assert.equal(approvedRevision.statusCode, 200, approvedRevision.body);

    const old = (await as(ctx(), owner).get(`${base}/${created.id}`)).json<ImpactAssessment>();
    assert.equal(old.status, 'superseded');
    assert.equal(old.version, a1.version + 1);
    assert.equal(old.reviewOverdue, false, 'a superseded assessment is not due for review');
    assert.equal((await as(ctx(), owner).post(`${base}/${created.id}/revise`)).statusCode, 409);

    const list = (await as(ctx(), owner).get(`${base}?systemId=${system.ref}`)).json<ImpactAssessment[]>();
    assert.deepEqual(
      list.map((a) => [a.ref, a.status]),
      [
        ['IA-0002', 'approved'],
        ['IA-0001', 'superseded'],
      ],
    );
    const superseded = (await as(ctx(), owner).get(`${base}?status=superseded&status=draft`)).json<ImpactAssessment[]>();
    assert.deepEqual(
      superseded.map((a) => a.ref),
      ['IA-0001'],
    );

    const history = (await as(ctx(), owner).get(`${base}/IA-0001/history`)).json<{ action: string; actor: { label: string } }[]>();
    assert.deepEqual(
      history.map((h) => h.action),
      [
        'impact-assessment.superseded',
        'impact-assessment.approved',
        'impact-assessment.updated',
        'impact-assessment.submitted',
        'impact-assessment.updated',
        'impact-assessment.updated',
        'impact-assessment.created',
      ],
    );
    assert.equal(history.at(-1)?.actor.label, contributor.email);
    const verified = await verifyAuditChains(ctx().db, { chain: owner.orgId });
    assert.equal(verified.ok, true);
  });

  test('bad answers and impacts get 400 naming the field, and nothing is stored', async () => {
    const owner = await newOrganization(ctx());
    const base = `/api/orgs/${owner.orgSlug}/impact-assessments`;
    const system = await registerSystem(ctx(), owner);
    const valid = { systemId: system.id, templateId: 'aisia-42001', title: 'Assessment' };
    const impact = { area: 'human-rights', audience: 'individuals', description: 'x', severity: 2, likelihood: 2 };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...valid, title: undefined }, 'body.title'],
      [{ ...valid, templateId: 'no-such-template' }, 'body.templateId'],
      [{ ...valid, answers: { 'no-such-question': 'x' } }, 'body.answers.no-such-question'],
      [{ ...valid, answers: { 'vulnerable-groups': 'no' } }, 'body.answers.vulnerable-groups'],
      [{ ...valid, answers: { 'assessment-scope': true } }, 'body.answers.assessment-scope'],
      [{ ...valid, answers: { criticality: 'extreme' } }, 'body.answers.criticality'],
      [{ ...valid, answers: { 'data-sensitivity': ['personal-data', 'gossip'] } }, 'body.answers.data-sensitivity'],
      [{ ...valid, answers: { 'data-sensitivity': 'personal-data' } }, 'body.answers.data-sensitivity'],
      [{ ...valid, templateId: 'eu-fria-art27', answers: { 'first-use': '2027-02-30' } }, 'body.answers.first-use'],
      [{ ...valid, impacts: [impact, { ...impact, area: 'weather' }] }, 'body.impacts.1.area'],
      [{ ...valid, impacts: [{ ...impact, area: 'dignity' }] }, 'body.impacts.0.area'],
      [{ ...valid, impacts: [{ ...impact, severity: 6 }] }, 'body.impacts.0.severity'],
      [{ ...valid, impacts: [{ ...impact, audience: 'everyone' }] }, 'body.impacts.0.audience'],
      [{ ...valid, impacts: [{ ...impact, id: '00000000-0000-4000-8000-000000000000' }] }, 'body.impacts.0.id'],
      [{ ...valid, triggers: ['whim'] }, 'body.triggers.0'],
    ];
    for (const [body, path] of cases) {
      const res = await as(ctx(), owner).post(base, body);
      assert.equal(res.statusCode, 400, `${JSON.stringify(body)} → ${res.statusCode} ${res.body}`);
      assert.deepEqual(
        res.json().error.details.issues.map((i: { path: string }) => i.path),
        [path],
        JSON.stringify(body),
      );
    }
    assert.deepEqual((await as(ctx(), owner).get(base)).json(), []);

    const created = await start(ctx(), owner, { ...valid, impacts: [impact] });
    const badPatch = await as(ctx(), owner).patch(`${base}/${created.id}`, {
      version: 1,
      answers: { criticality: 'low', conclusion: 7 },
      impacts: [
        { ...impact, id: created.impacts[0]?.id },
        { ...impact, id: created.impacts[0]?.id },
      ],
    });
    assert.equal(badPatch.statusCode, 400);
    assert.deepEqual(
      badPatch.json().error.details.issues.map((i: { path: string }) => i.path),
      ['body.answers.conclusion'],
      'the request schema refuses a number before the template is consulted',
    );
    const duplicate = await as(ctx(), owner).patch(`${base}/${created.id}`, {
      version: 1,
      answers: { criticality: 'low' },
      impacts: [
        { ...impact, id: created.impacts[0]?.id },
        { ...impact, id: created.impacts[0]?.id },
      ],
    });
    assert.equal(duplicate.statusCode, 400);
    assert.deepEqual(
      duplicate.json().error.details.issues.map((i: { path: string }) => i.path),
      ['body.impacts.1.id'],
    );
    const unchanged = (await as(ctx(), owner).get(`${base}/${created.id}`)).json<ImpactAssessment>();
    assert.equal(unchanged.version, 1);
    assert.equal(unchanged.answers.criticality, undefined);
  });

  test('deleting: only drafts, and only with records.delete', async () => {
    const owner = await newOrganization(ctx());
    const contributor = await newMember(ctx(), owner, 'contributor');
    const manager = await newMember(ctx(), owner, 'aims-manager');
    const base = `/api/orgs/${owner.orgSlug}/impact-assessments`;
    const system = await registerSystem(ctx(), owner);
    const a = await start(ctx(), contributor, { systemId: system.id, templateId: 'aisia-42001', title: 'To delete' });
    const b = await start(ctx(), contributor, { systemId: system.id, templateId: 'aisia-42001', title: 'In review' });
    assert.equal((await as(ctx(), contributor).delete(`${base}/${a.id}`)).statusCode, 403);
    assert.equal((await as(ctx(), manager).delete(`${base}/${a.ref}`)).statusCode, 204);
    assert.equal((await as(ctx(), manager).get(`${base}/${a.id}`)).statusCode, 404);
    assert.equal((await as(ctx(), contributor).post(`${base}/${b.id}/submit`, { version: 1 })).statusCode, 200);
    const refused = await as(ctx(), manager).delete(`${base}/${b.id}`);
    assert.equal(refused.statusCode, 409);
    assert.match(refused.json().error.message, /only drafts can be deleted/);
    const history = (await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/audit-log?entityId=${a.id}`)).json();
    assert.deepEqual(
      history.items.map((h: { action: string }) => h.action),
      ['impact-assessment.deleted', 'impact-assessment.created'],
    );
    // The next ref continues after the highest still in use.
    const c = await start(ctx(), contributor, { systemId: system.id, templateId: 'aisia-42001', title: 'Next' });
    assert.equal(c.ref, 'IA-0003');
  });

  test('organization templates: added by owners and AIMS managers, versioned, used; built-in ids reserved', async () => {
    const owner = await newOrganization(ctx());
    const contributor = await newMember(ctx(), owner, 'contributor');
    const url = `/api/orgs/${owner.orgSlug}/impact-templates`;
    const base = `/api/orgs/${owner.orgSlug}/impact-assessments`;
    const own = {
      id: 'vendor-ai-review',
      name: 'Vendor AI review',
      version: '2027.1',
      sections: [
        {
          id: 'vendor',
          title: 'Vendor',
          fields: [
            { id: 'vendor-name', label: 'Vendor', type: 'text', required: true },
            {
              id: 'hosting',
              label: 'Hosting',
              type: 'single',
              options: [
                { value: 'eu', label: 'EU' },
                { value: 'other', label: 'Elsewhere' },
              ],
            },
          ],
        },
      ],
      impactAreas: [{ id: 'customers', label: 'Customers' }],
    };
    assert.equal((await as(ctx(), contributor).post(url, own)).statusCode, 403);
    const added = await as(ctx(), owner).post(url, own);
    assert.equal(added.statusCode, 201, added.body);
    assert.deepEqual(added.json(), {
      ...own,
      description: '',
      basis: [],
      sections: [{ ...own.sections[0], fields: own.sections[0]?.fields.map((f) => ({ required: false, ...f })) }],
      origin: 'organization',
    });

    const again = await as(ctx(), owner).post(url, own);
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.details.issues[0].path, 'body.version');
    const reserved = await as(ctx(), owner).post(url, { ...own, id: 'aisia-42001' });
    assert.equal(reserved.statusCode, 409);
    assert.equal(reserved.json().error.details.issues[0].path, 'body.id');
    const noOptions = await as(ctx(), owner).post(url, {
      ...own,
      version: '3',
      sections: [{ id: 's', title: 'S', fields: [{ id: 'q', label: 'Q', type: 'multi' }] }],
    });
    assert.equal(noOptions.statusCode, 400);
    assert.ok(
      noOptions.json().error.details.issues.some((i: { path: string }) => i.path === 'body.sections.0.fields.0.options'),
      noOptions.body,
    );
    const twice = await as(ctx(), owner).post(url, {
      ...own,
      version: '3',
      sections: [{ id: 's', title: 'S', fields: [own.sections[0]?.fields[0], own.sections[0]?.fields[0]] }],
    });
    assert.equal(twice.statusCode, 400);

    const system = await registerSystem(ctx(), owner, { name: 'Translation service' });
    const first = await start(ctx(), contributor, {
      systemId: system.id,
      templateId: 'vendor-ai-review',
      title: 'Vendor review',
      answers: { 'vendor-name': 'Lingo GmbH', hosting: 'eu' },
      impacts: [{ area: 'customers', audience: 'individuals', description: 'Mistranslated contract terms', severity: 3, likelihood: 2 }],
    });
    assert.deepEqual([first.templateId, first.templateVersion, first.templateName], ['vendor-ai-review', '2027.1', 'Vendor AI review']);

    // A new version becomes the one listed and used; the assessment already started keeps its snapshot.
    const v2 = {
      ...own,
      name: 'Vendor AI review (v2)',
      version: '2027.2',
      sections: [
        { ...own.sections[0], fields: [...(own.sections[0]?.fields ?? []), { id: 'exit-plan', label: 'Exit plan', type: 'textarea' }] },
      ],
    };
    assert.equal((await as(ctx(), owner).post(url, v2)).statusCode, 201);
    const listed = (await as(ctx(), contributor).get(url)).json<ImpactTemplate[]>();
    assert.deepEqual(
      listed.map((t) => [t.id, t.version, t.origin]),
      [
        ['aisia-42001', '1.0', 'built-in'],
        ['eu-fria-art27', '1.0', 'built-in'],
        ['vendor-ai-review', '2027.2', 'organization'],
      ],
    );
    const snapshot = (await as(ctx(), contributor).get(`${base}/${first.id}/template`)).json<ImpactTemplate>();
    assert.equal(snapshot.version, '2027.1');
    assert.equal(snapshot.origin, 'organization');
    const newField = await as(ctx(), contributor).patch(`${base}/${first.id}`, { version: 1, answers: { 'exit-plan': 'Switch vendor' } });
    assert.equal(newField.statusCode, 400);
    assert.equal(newField.json().error.details.issues[0].path, 'body.answers.exit-plan');
    const later = await start(ctx(), contributor, {
      systemId: system.id,
      templateId: 'vendor-ai-review',
      title: 'Vendor review 2',
      answers: { 'exit-plan': 'Switch vendor' },
    });
    assert.equal(later.templateVersion, '2027.2');
    assert.equal(later.templateName, 'Vendor AI review (v2)');

    const audit = (await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/audit-log?entityType=impact-template`)).json();
    assert.deepEqual(
      audit.items.map((e: { action: string; after: { version: string } }) => [e.action, e.after.version]),
      [
        ['impact-template.created', '2027.2'],
        ['impact-template.created', '2027.1'],
      ],
    );
  });

  test("another organization's systems, assessments and templates are invisible (404)", async () => {
    const a = await newOrganization(ctx());
    const b = await newOrganization(ctx());
    const systemA = await registerSystem(ctx(), a);
    const systemB = await registerSystem(ctx(), b);
    await as(ctx(), a).post(`/api/orgs/${a.orgSlug}/impact-templates`, {
      id: 'private-template',
      name: 'Private',
      version: '1',
      sections: [{ id: 's', title: 'S', fields: [{ id: 'q', label: 'Q', type: 'text' }] }],
      impactAreas: [{ id: 'x', label: 'X' }],
    });
    const assessment = await start(ctx(), a, {
      systemId: systemA.id,
      templateId: 'aisia-42001',
      title: 'A only',
      impacts: [{ area: 'society', audience: 'society', description: 'x', severity: 3, likelihood: 3 }],
    });
    const baseB = `/api/orgs/${b.orgSlug}/impact-assessments`;
    const api = as(ctx(), b);
    assert.equal((await api.get(`${baseB}/${assessment.id}`)).statusCode, 404);
    assert.equal((await api.get(`${baseB}/IA-0001`)).statusCode, 404);
    assert.equal((await api.patch(`${baseB}/${assessment.id}`, { version: 1, title: 'mine' })).statusCode, 404);
    assert.equal((await api.post(`${baseB}/${assessment.id}/submit`, { version: 1 })).statusCode, 404);
    assert.equal((await api.post(`${baseB}/${assessment.id}/revise`)).statusCode, 404);
    assert.equal((await api.delete(`${baseB}/${assessment.id}`)).statusCode, 404);
    assert.equal((await api.get(`${baseB}/${assessment.id}/history`)).statusCode, 404);
    assert.equal((await api.post(`${baseB}/${assessment.id}/impacts/${assessment.impacts[0]?.id}/risk`)).statusCode, 404);
    assert.equal((await api.post(baseB, { systemId: systemA.id, templateId: 'aisia-42001', title: 'x' })).statusCode, 404);
    assert.equal((await api.get(`${baseB}?systemId=${systemA.id}`)).statusCode, 404);
    assert.equal((await api.post(baseB, { systemId: systemB.id, templateId: 'private-template', title: 'x' })).statusCode, 400);
    assert.deepEqual((await api.get(baseB)).json(), []);
    assert.deepEqual(
      (await api.get(`/api/orgs/${b.orgSlug}/impact-templates`)).json<ImpactTemplate[]>().map((t) => t.id),
      ['aisia-42001', 'eu-fria-art27'],
    );
    // B's first assessment is IA-0001 of its own.
    assert.equal((await start(ctx(), b, { systemId: systemB.id, templateId: 'aisia-42001', title: 'B' })).ref, 'IA-0001');
    // And A's URL is not reachable by B's member at all.
    assert.equal((await api.get(`/api/orgs/${a.orgSlug}/impact-assessments`)).statusCode, 404);
  });

  test('an impact assessment raising a risk: origin, system and consequences from the impact; once per impact', async () => {
    const owner = await newOrganization(ctx());
    const contributor = await newMember(ctx(), owner, 'contributor');
    const viewer = await newMember(ctx(), owner, 'viewer');
    const org = `/api/orgs/${owner.orgSlug}`;
    const base = `${org}/impact-assessments`;
    const system = await registerSystem(ctx(), owner);
    const assessment = await start(ctx(), contributor, {
      systemId: system.id,
      templateId: 'aisia-42001',
      title: 'CV screening',
      impacts: [
        {
          area: 'life-opportunities',
          audience: 'groups',
          description: 'Older applicants are ranked lower\nSeen in the pilot',
          affected: 'applicants over 55',
          severity: 4,
          likelihood: 3,
          mitigation: 'Bias testing before each model update',
        },
        { area: 'society', audience: 'society', description: 'Narrower labour market access', severity: 2, likelihood: 2 },
        {
          area: 'human-rights',
          audience: 'individuals',
          description: 'Opaque rejection',
          affected: 'rejected applicants',
          severity: 3,
          likelihood: 5,
        },
        { area: 'society', audience: 'society', description: 'Faster hiring', severity: 2, likelihood: 4, beneficial: true },
      ],
    });
    const [groups, society, individuals, beneficial] = assessment.impacts;
    assert.ok(groups && society && individuals && beneficial);

    assert.equal((await as(ctx(), viewer).post(`${base}/${assessment.id}/impacts/${groups.id}/risk`)).statusCode, 403);

    const raised = await as(ctx(), contributor).post(`${base}/${assessment.ref}/impacts/${groups.id}/risk`);
    assert.equal(raised.statusCode, 201, raised.body);
    const { assessment: after, risk } = raised.json<{ assessment: ImpactAssessment; risk: Risk }>();
    assert.equal(risk.ref, 'RSK-0001');
    assert.equal(risk.title, 'Life opportunities: Older applicants are ranked lower');
    assert.deepEqual(risk.origin, { type: 'impact-assessment', id: assessment.id, label: 'Raised from an impact assessment' });
    assert.deepEqual(risk.systems, [{ id: system.id, ref: system.ref, name: system.name }]);
    assert.equal(risk.consequencesIndividuals, 'Group affected: applicants over 55. Older applicants are ranked lower\nSeen in the pilot');
    assert.equal(risk.consequencesSociety, '');
    assert.equal(risk.likelihood, 3);
    assert.equal(risk.impact, 4);
    assert.equal(risk.inherentLevel?.id, 'high');
    assert.equal(risk.owner, hiring.owner);
    assert.equal(risk.status, 'identified');
    assert.match(risk.description, /^Raised from impact assessment IA-0001 "CV screening" of AIS-0001 CV screening assistant/);
    assert.match(risk.description, /Mitigation planned in the impact assessment: Bias testing before each model update/);
    assert.equal(after.version, 2);
    assert.deepEqual(
      after.impacts.map((i) => [i.id, i.riskId, i.riskRef]),
      [
        [groups.id, risk.id, 'RSK-0001'],
        [society.id, null, null],
        [individuals.id, null, null],
        [beneficial.id, null, null],
      ],
    );

    // The register shows it as raised from the assessment, linked to the system.
    const inRegister = await as(ctx(), owner).get(`${org}/risks/${risk.id}`);
    assert.equal(inRegister.statusCode, 200, inRegister.body);
    assert.deepEqual(inRegister.json().origin, { type: 'impact-assessment', id: assessment.id, label: 'Raised from an impact assessment' });
    assert.deepEqual(
      inRegister.json().systems.map((s: { id: string }) => s.id),
      [system.id],
    );

    const again = await as(ctx(), contributor).post(`${base}/${assessment.id}/impacts/${groups.id}/risk`);
    assert.equal(again.statusCode, 409);
    assert.match(again.json().error.message, /RSK-0001/);

    const fromSociety = (await as(ctx(), contributor).post(`${base}/${assessment.id}/impacts/${society.id}/risk`)).json<{ risk: Risk }>()
      .risk;
    assert.equal(fromSociety.consequencesSociety, 'Narrower labour market access');
    assert.equal(fromSociety.consequencesIndividuals, '');
    const fromIndividuals = (await as(ctx(), contributor).post(`${base}/${assessment.id}/impacts/${individuals.id}/risk`)).json<{
      risk: Risk;
    }>().risk;
    assert.equal(fromIndividuals.consequencesIndividuals, 'Individuals affected: rejected applicants. Opaque rejection');
    assert.equal(fromIndividuals.title, 'Human rights: Opaque rejection');

    const opportunity = await as(ctx(), contributor).post(`${base}/${assessment.id}/impacts/${beneficial.id}/risk`);
    assert.equal(opportunity.statusCode, 422);
    const unknown = await as(ctx(), contributor).post(`${base}/${assessment.id}/impacts/00000000-0000-4000-8000-000000000000/risk`);
    assert.equal(unknown.statusCode, 404);

    // Editing the impacts keeps a raised risk on the entry that keeps its id.
    const current = (await as(ctx(), owner).get(`${base}/${assessment.id}`)).json<ImpactAssessment>();
    const edited = await as(ctx(), contributor).patch(`${base}/${assessment.id}`, {
      version: current.version,
      impacts: current.impacts.slice(0, 1).map(({ riskId: _r, riskRef: _rr, ...e }) => ({ ...e, mitigation: 'Quarterly bias tests' })),
    });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.deepEqual(
      edited.json<ImpactAssessment>().impacts.map((i) => [i.id, i.riskRef, i.mitigation]),
      [[groups.id, 'RSK-0001', 'Quarterly bias tests']],
    );

    // A risk deleted from the register no longer counts as raised: it can be raised again.
    assert.equal((await as(ctx(), owner).delete(`${org}/risks/${risk.id}`)).statusCode, 204);
    const cleared = (await as(ctx(), owner).get(`${base}/${assessment.id}`)).json<ImpactAssessment>();
    assert.deepEqual(
      cleared.impacts.map((i) => [i.riskId, i.riskRef]),
      [[null, null]],
    );
    const reraised = await as(ctx(), contributor).post(`${base}/${assessment.id}/impacts/${groups.id}/risk`);
    assert.equal(reraised.statusCode, 201, reraised.body);
    assert.equal(reraised.json().risk.ref, 'RSK-0004');

    const register = (await as(ctx(), owner).get(`${org}/risks?systemId=${system.id}`)).json();
    assert.deepEqual(
      register.items.map((r: Risk) => [r.ref, r.origin.type, r.origin.id]),
      [
        ['RSK-0002', 'impact-assessment', assessment.id],
        ['RSK-0003', 'impact-assessment', assessment.id],
        ['RSK-0004', 'impact-assessment', assessment.id],
      ],
    );
    const history = (await as(ctx(), owner).get(`${base}/${assessment.id}/history`)).json<
      { action: string; after: { riskRef?: string } }[]
    >();
    assert.deepEqual(
      history.filter((h) => h.action === 'impact-assessment.risk-raised').map((h) => h.after.riskRef),
      ['RSK-0004', 'RSK-0003', 'RSK-0002', 'RSK-0001'],
    );
    const verified = await verifyAuditChains(ctx().db, { chain: owner.orgId });
    assert.equal(verified.ok, true);
  });

  test('an AI system with impact assessments cannot be deleted: the assessments are kept', async () => {
    const owner = await newOrganization(ctx());
    const system = await registerSystem(ctx(), owner);
    const ia = await start(ctx(), owner, { systemId: system.id, templateId: 'aisia-42001', title: 'Initial AISIA' });
    const res = await as(ctx(), owner).delete(`/api/orgs/${owner.orgSlug}/systems/${system.id}`);
    assert.equal(res.statusCode, 409);
    assert.match(res.json().error.message, new RegExp(`impact assessments \\(${ia.ref}\\)`));
    assert.equal((await as(ctx(), owner).get(`/api/orgs/${owner.orgSlug}/systems/${system.id}`)).statusCode, 200);
  });
});
