import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runCli as cli } from '../test/cli.ts';
import { startCliServer, type CliServer } from '../test/cli-server.ts';

describe('trellis impact-assessments (API-client commands)', () => {
  let server: CliServer;
  let env: NodeJS.ProcessEnv;
  const api = (method: 'POST' | 'PATCH' | 'PUT', url: string, payload: object) => server.ok(method, url, payload);

  before(async () => {
    server = await startCliServer({ slug: 'cli-impact', name: 'CLI Impact', email: 'impact@example.com' });
    env = server.env;
  });
  after(() => server.close());

  test('list (filtered by system and status) and show, as JSON and as text', async () => {
    const cv = await api('POST', '/systems', { name: 'CV screening' });
    const chat = await api('POST', '/systems', { name: 'Chatbot' });
    const first = await api('POST', '/impact-assessments', { systemId: cv.id, templateId: 'aisia-42001', title: 'CV screening AISIA' });
    await api('POST', '/impact-assessments', { systemId: chat.id, templateId: 'eu-fria-art27', title: 'Chatbot FRIA' });
    await api('POST', `/impact-assessments/${first.id}/submit`, { version: 1 });

    const all = await cli(env, ['impact-assessments', 'list', '--json']);
    assert.equal(all.code, 0, all.stderr);
    assert.deepEqual(
      (JSON.parse(all.stdout) as { ref: string; status: string; system: { ref: string } }[]).map((a) => [a.ref, a.system.ref, a.status]),
      [
        ['IA-0002', 'AIS-0002', 'draft'],
        ['IA-0001', 'AIS-0001', 'in-review'],
      ],
    );
    const ofSystem = await cli(env, ['impact-assessments', 'list', '--system', 'AIS-0002', '--json']);
    assert.deepEqual(
      (JSON.parse(ofSystem.stdout) as { ref: string }[]).map((a) => a.ref),
      ['IA-0002'],
    );
    const inReview = await cli(env, ['impact-assessments', 'list', '--status', 'in-review,approved', '--json']);
    assert.deepEqual(
      (JSON.parse(inReview.stdout) as { ref: string }[]).map((a) => a.ref),
      ['IA-0001'],
    );
    const text = await cli(env, ['impact-assessments', 'list']);
    assert.match(text.stdout, /^ref\s+system\s+template\s+status\s+impacts\s+reviewDue\s+title\n/);
    assert.match(text.stdout, /IA-0001\s+AIS-0001\s+aisia-42001\s+in-review\s+0\s+CV screening AISIA/);

    const shown = await cli(env, ['impact-assessments', 'show', 'IA-0001', '--json']);
    assert.equal(shown.code, 0, shown.stderr);
    assert.equal((JSON.parse(shown.stdout) as { id: string }).id, first.id);
    const shownText = await cli(env, ['impact-assessments', 'show', 'IA-0002']);
    assert.match(shownText.stdout, /template\s+Fundamental rights impact assessment \(EU AI Act Art\. 27\) \(eu-fria-art27 1\.0\)/);

    const badStatus = await cli(env, ['impact-assessments', 'list', '--status', 'final']);
    assert.equal(badStatus.code, 2);
    assert.match(badStatus.stderr, /"final" is not one of draft, in-review, approved, superseded/);
    const missing = await cli(env, ['impact-assessments', 'show', 'IA-0099']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /404 not_found: impact assessment IA-0099 not found/);
    const noSystem = await cli(env, ['impact-assessments', 'list', '--system', 'AIS-0099']);
    assert.match(noSystem.stderr, /AI system AIS-0099 not found/);
  });
});
