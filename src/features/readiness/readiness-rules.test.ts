import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import type { SoaRow } from '../../domain/schemas/controls.schemas.ts';
import { ReadinessRuleSchema, readinessCheckKinds, type ReadinessRule } from '../../domain/schemas/readiness.schemas.ts';
import { loadBuiltInCatalog } from '../../server/app.ts';
import { DOC_END, DOC_PATH, DOC_START, rulesMarkdown } from './readiness-doc.ts';
import { evaluateReadiness, fixPathFor, scoreOf, type ReadinessFacts } from './readiness-engine.ts';
import { READINESS_FRAMEWORK, readinessGroups, readinessRules, validateRules } from './readiness-rules.ts';

const catalog = loadBuiltInCatalog();
const iso = catalog.framework(READINESS_FRAMEWORK);

test('every rule validates; ids are unique; every check kind is used', () => {
  for (const rule of readinessRules) assert.deepEqual(ReadinessRuleSchema.parse(rule), rule, rule.id);
  assert.equal(new Set(readinessRules.map((r) => r.id)).size, readinessRules.length);
  assert.deepEqual(new Set(readinessRules.map((r) => r.check.kind)), new Set(readinessCheckKinds));
  assert.throws(() => validateRules([readinessRules[0] as ReadinessRule, readinessRules[0] as ReadinessRule]), /duplicate id/);
  const broken = { ...(readinessRules[0] as ReadinessRule), id: 'x', check: { kind: 'evidence' as const, requirements: [] } };
  assert.throws(() => validateRules([broken]), /names no clause/);
});

test('every clause 4–10 appears, with each requirement an auditor asks about', () => {
  const groups = new Set(readinessRules.map((r) => r.group));
  for (const g of readinessGroups.clauses) assert.ok(groups.has(g.id), `clause ${g.id}`);
  const requirements = new Set(readinessRules.map((r) => r.requirement));
  for (const id of [
    '4.1',
    '4.2',
    '4.3',
    '4.4',
    '5.1',
    '5.2',
    '5.3',
    '6.1.1',
    '6.1.2',
    '6.1.3',
    '6.1.4',
    '6.2',
    '6.3',
    '7.1',
    '7.2',
    '7.3',
    '7.4',
    '7.5',
    '8.1',
    '8.2',
    '8.3',
    '8.4',
    '9.1',
    '9.2',
    '9.3',
    '10.1',
    '10.2',
  ]) {
    assert.ok(requirements.has(id), `no rule for clause ${id}`);
  }
  // Every clause a rule names, and every clause an evidence check accepts, is a clause of the catalog.
  for (const rule of readinessRules.filter((r) => !r.group.startsWith('A.'))) {
    assert.equal(iso.items.get(rule.requirement)?.kind, 'clause', rule.id);
    for (const c of rule.check.requirements ?? []) assert.equal(iso.items.get(c)?.kind, 'clause', `${rule.id}: ${c}`);
  }
  // The groups and their titles are those of the catalog.
  for (const g of [...readinessGroups.clauses, ...readinessGroups.annexA]) {
    const title = iso.framework.groups.find((x) => x.id === g.id)?.title.replace(/^Annex A\s*[—–-]\s*/, '');
    assert.equal(title, g.title, g.id);
  }
});

test('every Annex A control of the catalog (38) has its decision and operation rules, in catalog order', () => {
  const controls = iso.framework.items.filter((i) => i.kind === 'control');
  assert.equal(controls.length, 38);
  const annex = readinessRules.filter((r) => r.group.startsWith('A.'));
  assert.deepEqual(
    annex.map((r) => r.id),
    controls.flatMap((c) => [`${c.id}-decision`, `${c.id}-operating`]),
  );
  for (const r of annex) {
    const control = controls.find((c) => c.id === r.requirement);
    assert.ok(control, r.id);
    assert.equal(r.group, control.group, r.id);
    assert.equal(r.check.control, control.id);
    assert.equal(r.title.split(':')[0], control.title, r.id);
  }
});

test('the user guide lists every rule, generated from the rules', () => {
  const doc = fs.readFileSync(DOC_PATH, 'utf8');
  const section = doc.slice(doc.indexOf(DOC_START) + DOC_START.length, doc.indexOf(DOC_END));
  // Prettier pads the tables; compare without the padding.
  const normal = (text: string) =>
    text
      .split('\n')
      .map((l) => l.replace(/-{3,}/g, '---').replace(/\s+/g, ' ').trim())
      .filter(Boolean)
      .join('\n');
  assert.equal(normal(section), normal(rulesMarkdown()), 'stale: run node --import tsx src/features/readiness/readiness-doc.ts');
  for (const rule of readinessRules) assert.ok(section.includes(`\`${rule.id}\``), rule.id);
});

test('scores are floor(passed / total × 100); fix paths get the organization', () => {
  assert.equal(scoreOf(0, 0), 0);
  assert.equal(scoreOf(29, 100), 29);
  assert.equal(scoreOf(2, 3), 66);
  assert.equal(scoreOf(106, 107), 99);
  assert.equal(scoreOf(7, 7), 100);
  assert.equal(
    fixPathFor('/orgs/:org/evidence/new?requirement=iso42001-2023:5.2', 'acme co'),
    '/orgs/acme%20co/evidence/new?requirement=iso42001-2023:5.2',
  );
  assert.equal(fixPathFor('/orgs/:org', 'acme'), '/orgs/acme');
});

function facts(over: Partial<ReadinessFacts> = {}): ReadinessFacts {
  return {
    asOf: '2027-01-10',
    criteriaNumber: 0,
    risks: { open: 0, unscored: 0, untreated: 0, needsAttention: 0, overdueActions: 0 },
    assessment: { lastApproved: null, nextDue: null, due: false, reasons: [] },
    systems: {
      inScope: 0,
      incomplete: 0,
      withoutImpact: 0,
      withImpact: 0,
      impactStale: 0,
      deployed: 0,
      unmonitored: 0,
      monitoringOverdue: 0,
      openAlerts: 0,
      examples: { incomplete: [], withoutImpact: [], impactStale: [], unmonitored: [], monitoringOverdue: [] },
    },
    objectives: { total: 0, overdue: 0, undated: 0, unevaluated: 0, examples: { overdue: [], undated: [], unevaluated: [] } },
    requirementEvidence: new Map(),
    soaRows: [],
    approvedSoa: null,
    ...over,
  };
}

function soaRow(control: string, over: Partial<SoaRow>): SoaRow {
  return {
    framework: READINESS_FRAMEWORK,
    control,
    title: control,
    area: control.split('.').slice(0, 2).join('.'),
    areaTitle: '',
    applicable: true,
    derived: false,
    basis: { risks: [], riskCount: 0, reasons: [{ kind: 'legal', text: 'AI Act' }], exclusion: null },
    justification: 'Legal requirement: AI Act.',
    status: 'implemented',
    owner: '',
    description: '',
    reviewDue: null,
    implementationId: null,
    implementationVersion: null,
    systems: { applicable: 0, excluded: 0, implemented: 0 },
    evidence: [],
    evidenceCount: 1,
    evidenceCurrent: 1,
    evidenceExpired: 0,
    alsoSupports: [],
    flags: [],
    ...over,
  };
}

test('the engine: each kind of check passes only on what it needs', () => {
  const at = (f: ReadinessFacts, id: string) => evaluateReadiness(readinessRules, f, 'acme', 'now').checks.find((c) => c.ruleId === id);
  assert.equal(at(facts(), '7.5-documented-information')?.status, 'gap');
  const evidence = new Map([['7.5.3', { total: 2, expired: 1 }]]);
  assert.equal(at(facts({ requirementEvidence: evidence }), '7.5-documented-information')?.status, 'pass', 'a sub-clause counts');
  assert.equal(
    at(facts({ requirementEvidence: new Map([['7.5', { total: 2, expired: 2 }]]) }), '7.5-documented-information')?.detail,
    'All 2 linked evidence items are expired as of 2027-01-10.',
  );

  const risks = { open: 3, unscored: 0, untreated: 0, needsAttention: 1, overdueActions: 0 };
  assert.equal(at(facts({ risks }), '6.1.3-risk-treatment')?.detail, '1 risk whose residual risk is not accepted.');
  assert.equal(at(facts({ risks: { ...risks, needsAttention: 0 } }), '6.1.3-risk-treatment')?.status, 'pass');
  assert.equal(
    at(facts({ risks: { ...risks, unscored: 2 } }), '6.1.2-risks-analysed')?.detail,
    '2 open risks of 3 have no likelihood or impact.',
  );

  const monitored = (over: Partial<ReadinessFacts['systems']>) => {
    const base = facts().systems;
    return at(facts({ systems: { ...base, inScope: 3, deployed: 2, ...over } }), '9.1-monitoring-in-operation');
  };
  assert.equal(at(facts(), '9.1-monitoring-in-operation')?.status, 'gap', 'nothing deployed, nothing monitored');
  assert.equal(monitored({})?.status, 'pass');
  assert.equal(
    monitored({
      unmonitored: 1,
      monitoringOverdue: 1,
      openAlerts: 2,
      examples: { ...facts().systems.examples, unmonitored: ['AIS-0002'], monitoringOverdue: ['AIS-0001'] },
    })?.detail,
    '1 deployed AI system has no active monitoring plan (AIS-0002); 1 deployed AI system has a monitoring plan past its due date (AIS-0001); 2 threshold breaches not yet acknowledged or raised as a risk.',
  );
  assert.equal(monitored({ openAlerts: 1 })?.status, 'gap');

  const objectives = (over: Partial<ReadinessFacts['objectives']>) =>
    at(facts({ objectives: { ...facts().objectives, total: 2, ...over } }), '6.2-objectives');
  assert.equal(at(facts(), '6.2-objectives')?.detail, 'No AI objective is recorded.');
  assert.equal(
    at(facts({ requirementEvidence: new Map([['6.2', { total: 3, expired: 0 }]]) }), '6.2-objectives')?.status,
    'gap',
    'evidence linked to the clause is no substitute for objectives',
  );
  assert.equal(objectives({})?.status, 'pass');
  assert.equal(
    objectives({
      overdue: 1,
      undated: 2,
      unevaluated: 1,
      examples: { overdue: ['OBJ-0001'], undated: ['OBJ-0002', 'OBJ-0003'], unevaluated: ['OBJ-0003'] },
    })?.detail,
    '1 objective past its target date on 2027-01-10 (OBJ-0001); 2 open objectives without a target date (OBJ-0002, OBJ-0003); 1 open objective with neither a measure nor a way to evaluate the result (OBJ-0003).',
  );

  const assessment = {
    lastApproved: { ref: 'RA-0001', approvedAt: '2026-11-01T10:00:00Z' },
    nextDue: '2027-01-10',
    due: false,
    reasons: [],
  };
  assert.equal(at(facts({ assessment }), '6.1.2-risk-assessment')?.status, 'pass');
  assert.equal(at(facts({ assessment }), '8.2-risk-reassessment')?.status, 'gap', 'due on the day evaluated');
  assert.equal(at(facts({ assessment: { ...assessment, nextDue: '2027-01-11' } }), '8.2-risk-reassessment')?.status, 'pass');

  const rows = [
    soaRow('A.2.2', {}),
    soaRow('A.2.3', { applicable: false, justification: 'No other policies', flags: [] }),
    soaRow('A.2.4', {
      applicable: false,
      justification: 'Excluded without a justification.',
      flags: [{ code: 'exclusion-without-justification', message: 'Excluded without a justification: say why it is not needed.' }],
    }),
    soaRow('A.3.2', { evidenceCurrent: 0, evidenceExpired: 1 }),
    soaRow('A.3.3', { reviewDue: '2027-01-09' }),
    soaRow('A.4.2', { applicable: null }),
  ];
  const f = facts({ soaRows: rows });
  assert.deepEqual(
    ['A.2.2', 'A.2.3', 'A.2.4', 'A.3.2', 'A.3.3', 'A.4.2'].map((c) => [at(f, `${c}-decision`)?.status, at(f, `${c}-operating`)?.status]),
    [
      ['pass', 'pass'],
      ['pass', 'pass'],
      ['gap', 'pass'],
      ['pass', 'gap'],
      ['pass', 'gap'],
      ['gap', 'gap'],
    ],
  );
  assert.equal(at(f, 'A.3.3-operating')?.detail, 'Included, but its review was due on 2027-01-09.');
  assert.equal(at(f, 'A.4.3-decision')?.detail, 'The control is not in your catalog of Annex A.');

  const frozen = rows.map((r) => ({
    framework: r.framework,
    control: r.control,
    applicable: r.applicable,
    justification: r.justification,
    status: r.status,
  }));
  const approvedSoa = { number: 2, approvedAt: '2026-12-01T00:00:00Z', rows: frozen };
  assert.equal(at(facts({ soaRows: rows, approvedSoa }), '6.1.3-soa-current')?.status, 'pass');
  const changed = facts({ soaRows: rows.map((r) => (r.control === 'A.3.2' ? { ...r, status: 'planned' as const } : r)), approvedSoa });
  assert.equal(at(changed, '6.1.3-soa-current')?.detail, 'Version 2 differs from the live SoA on 1 control (A.3.2).');
});
