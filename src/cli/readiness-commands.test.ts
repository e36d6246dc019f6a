import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addDays } from '../domain/evidence-state.ts';
import type { Readiness, ReadinessRule } from '../domain/schemas/readiness.schemas.ts';
import { readinessRules } from '../features/readiness/readiness-rules.ts';
import { runCli as cli } from '../test/cli.ts';
import { startCliServer, type CliServer } from '../test/cli-server.ts';

const today = new Date().toISOString().slice(0, 10);

describe('trellis readiness (API-client commands)', () => {
  let server: CliServer;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    server = await startCliServer({ slug: 'cli-ready', name: 'CLI Readiness', email: 'ready@example.com' });
    env = server.env;
    await server.ok('POST', '/evidence', {
      kind: 'note',
      title: 'AI policy',
      note: 'v1',
      reviewDue: addDays(today, 40),
      links: { requirements: ['iso42001-2023:5.2'] },
    });
  });
  after(() => server.close());

  test('readiness as JSON and as a table; --as-of; rules', async () => {
    const json = await cli(env, ['readiness', '--json']);
    assert.equal(json.code, 0, json.stderr);
    const r = JSON.parse(json.stdout) as Readiness;
    assert.equal(r.asOf, today);
    assert.equal(r.total, readinessRules.length);
    assert.deepEqual([r.passed, r.overall], [1, 0], 'only the AI policy passes: 1 of 107 rounds down to 0');
    assert.equal(r.checks.find((c) => c.ruleId === '5.2-ai-policy')?.status, 'pass');
    assert.deepEqual(
      r.clauses.map((c) => c.id),
      ['4', '5', '6', '7', '8', '9', '10'],
    );
    assert.equal(r.annexA.length, 9);
    assert.equal(r.gaps.length, readinessRules.length - 1);
    assert.equal(r.clauses.find((c) => c.id === '5')?.score, 33, 'clause 5: 1 of 3');

    const later = addDays(today, 41);
    const audit = JSON.parse((await cli(env, ['readiness', 'show', '--as-of', later, '--json'])).stdout) as Readiness;
    assert.equal(audit.asOf, later);
    assert.equal(audit.passed, 0, 'the policy has expired by then');

    const text = await cli(env, ['readiness']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, new RegExp(`^Certification readiness as of ${today}: 0% \\(1 of ${readinessRules.length} checks pass\\)\\n`));
    assert.match(text.stdout, /\nclause\s+title\s+score\s+passed\n/);
    assert.match(text.stdout, /\n5\s+Leadership\s+33%\s+1\/3\n/);
    assert.match(text.stdout, /\nA\.6\s+AI system life cycle\s+0%\s+0\/18\n/);
    assert.match(text.stdout, new RegExp(`\\n${readinessRules.length - 1} gaps, most important first:\\n`));
    assert.match(
      text.stdout,
      /\n1\s+4\.3\s+AIMS scope statement\s+No evidence is linked to clause 4\.3.*trellis evidence add FILE --requirement iso42001-2023:4\.3/,
    );
    assert.doesNotMatch(text.stdout, /\s5\.2\s+AI policy\s/);

    const badDate = await cli(env, ['readiness', '--as-of', '2027-02-30']);
    assert.equal(badDate.code, 2);
    assert.match(badDate.stderr, /--as-of: "2027-02-30" is not a date/);
    const past = await cli(env, ['readiness', '--as-of', addDays(today, -3)]);
    assert.equal(past.code, 2);
    assert.match(past.stderr, /400 validation_failed: querystring\.asOf: .* is in the past/);

    const rules = await cli(env, ['readiness', 'rules', '--json']);
    assert.equal(rules.code, 0, rules.stderr);
    assert.deepEqual(
      (JSON.parse(rules.stdout) as ReadinessRule[]).map((rule) => rule.id),
      readinessRules.map((rule) => rule.id),
    );
    const rulesText = await cli(env, ['readiness', 'rules']);
    assert.match(rulesText.stdout, /^rule\s+priority\s+check\s+title\n/);
    assert.match(rulesText.stdout, /\n6\.1\.1-risk-criteria\s+1\s+risk-criteria\s+AI risk criteria\n/);

    const noToken = await cli({ ...env, TRELLIS_TOKEN: '' }, ['readiness']);
    assert.equal(noToken.code, 2);
    assert.match(noToken.stderr, /pass --token or set TRELLIS_TOKEN/);
  });
});
