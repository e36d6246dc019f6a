import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli as cli } from '../test/cli.ts';
import { startCliServer, type CliServer } from '../test/cli-server.ts';

describe('trellis objectives (API-client commands)', () => {
  let server: CliServer;
  let env: NodeJS.ProcessEnv;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-objectives-cli-'));
  const file = (name: string, content: unknown) => {
    const at = path.join(dir, name);
    fs.writeFileSync(at, typeof content === 'string' ? content : JSON.stringify(content));
    return at;
  };

  before(async () => {
    server = await startCliServer({ slug: 'cli-objectives', name: 'CLI Objectives', email: 'obj@example.com' });
    env = server.env;
  });
  after(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('create from a file, list, show, update the status; bad input is refused with the field named', async () => {
    const created = await cli(env, [
      'objectives',
      'create',
      '--file',
      file('fair.json', {
        title: 'Fair lending decisions',
        owner: 'risk@example.test',
        targetDate: '2020-06-30',
        topics: ['C.2.5'],
        status: 'in-progress',
      }),
    ]);
    assert.equal(created.code, 0, created.stderr);
    assert.equal(created.stdout, 'OBJ-0001 created: Fair lending decisions\n');
    const second = await cli(env, [
      'objectives',
      'create',
      '--json',
      '--file',
      file('explain.json', { title: 'Explainable decisions', owner: 'cx@example.test' }),
    ]);
    assert.equal((JSON.parse(second.stdout) as { ref: string }).ref, 'OBJ-0002');

    const list = await cli(env, ['objectives', 'list']);
    assert.match(list.stdout, /^ref\s+status\s+targetDate\s+owner\s+progress\s+target\s+title\n/);
    assert.match(
      list.stdout,
      /OBJ-0001\s+in-progress\s+2020-06-30 \(overdue\)\s+risk@example.test\s+not measured\s+Fair lending decisions/,
    );
    const overdue = await cli(env, ['objectives', 'list', '--overdue', '--json']);
    assert.deepEqual(
      (JSON.parse(overdue.stdout) as { ref: string }[]).map((o) => o.ref),
      ['OBJ-0001'],
    );
    const shown = await cli(env, ['objectives', 'show', 'OBJ-0001']);
    assert.match(shown.stdout, /status\s+in-progress \(overdue\)\n/);
    assert.match(shown.stdout, /topics\s+C\.2\.5 \S/);

    // Evidence is linked to an objective from the CLI too, and listed by it.
    const minutes = await cli(env, [
      'evidence',
      'add',
      '--note',
      'Parity reviewed',
      '--title',
      'Fairness review',
      '--objective',
      'OBJ-0001',
    ]);
    assert.equal(minutes.code, 0, minutes.stderr);
    const ofObjective = await cli(env, ['evidence', 'list', '--objective', 'OBJ-0001', '--json']);
    assert.deepEqual(
      (JSON.parse(ofObjective.stdout) as { title: string; links: { type: string; ref: string | null }[] }[]).map((e) => [
        e.title,
        e.links.map((l) => [l.type, l.ref]),
      ]),
      [['Fairness review', [['objective', 'OBJ-0001']]]],
    );
    assert.equal(JSON.parse((await cli(env, ['evidence', 'list', '--objective', 'OBJ-0002', '--json'])).stdout).length, 0);

    const achieved = await cli(env, ['objectives', 'update', 'OBJ-0001', '--status', 'achieved']);
    assert.equal(achieved.code, 0, achieved.stderr);
    assert.equal(achieved.stdout, 'OBJ-0001 updated (version 2): achieved\n');
    const stale = await cli(env, ['objectives', 'update', 'OBJ-0001', '--file', file('stale.json', { version: 1, title: 'x' })]);
    assert.equal(stale.code, 1);
    assert.match(stale.stderr, /409 version_conflict: OBJ-0001 was changed by someone else/);

    const badTopic = await cli(env, ['objectives', 'create', '--file', file('bad.json', { title: 'x', owner: 'x', topics: ['C.3.2'] })]);
    assert.equal(badTopic.code, 2, 'a validation error is a usage error');
    assert.match(badTopic.stderr, /body\.topics\.0/);
    const notJson = await cli(env, ['objectives', 'create', '--file', file('broken.json', '{ "title": ')]);
    assert.equal(notJson.code, 2);
    assert.match(notJson.stderr, /broken\.json is not valid JSON/);
    const badStatus = await cli(env, ['objectives', 'list', '--status', 'done']);
    assert.equal(badStatus.code, 2);
    assert.match(badStatus.stderr, /"done" is not one of planned, in-progress, achieved, not-achieved, withdrawn/);
    const nothing = await cli(env, ['objectives', 'update', 'OBJ-0002']);
    assert.equal(nothing.code, 2);
    assert.match(nothing.stderr, /--file FILE and\/or --status STATUS/);
    const missing = await cli(env, ['objectives', 'show', 'OBJ-0099']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /404 not_found: AI objective OBJ-0099 not found/);
  });
});
