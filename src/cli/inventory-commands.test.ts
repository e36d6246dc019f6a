import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli as cli } from '../test/cli.ts';
import { startCliServer, type CliServer } from '../test/cli-server.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const examples = path.join(root, 'src/features/inventory/eu-ai-act/examples');

describe('trellis systems / suppliers (API-client commands)', () => {
  let server: CliServer;
  let env: NodeJS.ProcessEnv;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-inventory-cli-'));

  before(async () => {
    server = await startCliServer({ slug: 'cli-org', name: 'CLI Org', email: 'cli@example.com' });
    env = server.env;
  });
  after(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('import (dry run, refused, committed), list, classify with an answers file, export', async () => {
    const good = path.join(dir, 'systems.csv');
    fs.writeFileSync(
      good,
      'name,stage,eu_roles,owner\nCV screening,deployed,deployer,hr@example.com\nChatbot,verification,provider;deployer,cs@example.com\nForecast,idea,,\n',
    );
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'name,stage\nOne,deployed\nTwo,live\n');

    const dry = await cli(env, ['systems', 'import', good, '--dry-run', '--json']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.deepEqual(
      (({ dryRun, committed, created }) => ({ dryRun, committed, created }))(JSON.parse(dry.stdout) as Record<string, unknown>),
      { dryRun: true, committed: false, created: 3 },
    );

    const refused = await cli(env, ['systems', 'import', bad, '--json']);
    assert.equal(refused.code, 2);
    const refusedResult = JSON.parse(refused.stdout) as { errors: { row: number; column: string }[] };
    assert.deepEqual(
      refusedResult.errors.map((e) => [e.row, e.column]),
      [[3, 'stage']],
    );
    assert.match(refused.stderr, /nothing was imported: 1 problem/);
    const refusedText = await cli(env, ['systems', 'import', bad]);
    assert.match(refusedText.stdout, /row\s+column\s+problem/);

    const imported = await cli(env, ['systems', 'import', good, '--json']);
    assert.equal(imported.code, 0, imported.stderr);
    assert.equal((JSON.parse(imported.stdout) as { created: number }).created, 3);

    const list = await cli(env, ['systems', 'list', '--json', '--sort', 'ref']);
    assert.equal(list.code, 0, list.stderr);
    const systems = JSON.parse(list.stdout) as { ref: string; name: string; riskClass: string | null }[];
    assert.deepEqual(
      systems.map((s) => [s.ref, s.name, s.riskClass]),
      [
        ['AIS-0001', 'CV screening', null],
        ['AIS-0002', 'Chatbot', null],
        ['AIS-0003', 'Forecast', null],
      ],
    );

    const questionnaire = await cli(env, ['systems', 'questionnaire', '--json']);
    const ids = (JSON.parse(questionnaire.stdout) as { questions: { id: string }[] }).questions.map((q) => q.id);
    assert.ok(ids.includes('annex-iii-uses') && ids.includes('prohibited-practices'), ids.join());

    const classified = await cli(env, [
      'systems',
      'classify',
      'AIS-0001',
      '--answers',
      path.join(examples, 'cv-screening-deployer.json'),
      '--json',
    ]);
    assert.equal(classified.code, 0, classified.stderr);
    const result = JSON.parse(classified.stdout) as {
      outcome: string;
      basis: string[];
      obligations: { ref: string; role: string }[];
      gpai: unknown;
      number: number;
    };
    assert.equal(result.outcome, 'high-risk');
    assert.ok(result.basis.includes('Annex III.4(a)'), result.basis.join());
    assert.ok(result.obligations.some((o) => o.ref === 'Art. 26' && o.role === 'deployer'));
    assert.equal(result.gpai, null);
    assert.equal(result.number, 1);
    const human = await cli(env, ['systems', 'classify', 'AIS-0001', '--answers', path.join(examples, 'cv-screening-deployer.json')]);
    assert.match(human.stdout, /^Outcome: high-risk {2}\(classification #2\)/);
    const after = JSON.parse((await cli(env, ['systems', 'show', 'AIS-0001', '--json'])).stdout) as { riskClass: string };
    assert.equal(after.riskClass, 'high-risk');

    const incomplete = path.join(dir, 'incomplete.json');
    fs.writeFileSync(incomplete, JSON.stringify({ answers: { 'ai-system': true } }));
    const missing = await cli(env, ['systems', 'classify', 'AIS-0002', '--answers', incomplete]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^trellis: 400 validation_failed: the answers are incomplete/);
    const notJson = path.join(dir, 'not.json');
    fs.writeFileSync(notJson, '{ answers: ');
    const broken = await cli(env, ['systems', 'classify', 'AIS-0002', '--answers', notJson]);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /not\.json is not valid JSON/);
    assert.equal(
      (await cli(env, ['systems', 'classify', 'AIS-9999', '--answers', path.join(examples, 'cv-screening-deployer.json')])).code,
      1,
    );

    const out = path.join(dir, 'inventory.xlsx');
    const exported = await cli(env, ['systems', 'export', '--out', out]);
    assert.equal(exported.code, 0, exported.stderr);
    assert.equal(fs.readFileSync(out).subarray(0, 2).toString('latin1'), 'PK');
    const csvOut = path.join(dir, 'high-risk.csv');
    assert.equal((await cli(env, ['systems', 'export', '--out', csvOut, '--risk-class', 'high-risk'])).code, 0);
    const lines = fs.readFileSync(csvOut, 'utf8').trim().split('\n');
    assert.equal(lines.length, 2, 'the header and the one high-risk system');

    const suppliers = await cli(env, ['suppliers', 'list', '--json']);
    assert.equal(suppliers.code, 0, suppliers.stderr);
    assert.deepEqual(JSON.parse(suppliers.stdout), []);
  });
});
