import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ControlImplementation, SoaComparison, SoaRow, SoaVersionListItem } from '../domain/schemas/controls.schemas.ts';
import type { FrameworkCoverage } from '../domain/schemas/coverage.schemas.ts';
import { runCli as cli } from '../test/cli.ts';
import { startCliServer, type CliServer } from '../test/cli-server.ts';

describe('trellis controls and trellis soa (API-client commands)', () => {
  let server: CliServer;
  let env: NodeJS.ProcessEnv;
  const api = (method: 'POST' | 'PATCH' | 'PUT', url: string, payload: object) => server.ok(method, url, payload);

  before(async () => {
    server = await startCliServer({ slug: 'cli-soa', name: 'CLI SoA', email: 'soa@example.com' });
    env = server.env;
  });
  after(() => server.close());

  test('controls set and list; soa as JSON and text; approve, versions, compare', async () => {
    const cv = await api('POST', '/systems', { name: 'CV screening' });
    const risk = await api('POST', '/risks', { title: 'Unverified model release', likelihood: 3, impact: 3 });
    await api('PUT', `/risks/${risk.id}/treatment`, {
      option: 'modify',
      controls: [{ framework: 'iso42001-2023', control: 'A.6.2.4' }],
      version: risk.version,
    });

    const set = await cli(env, [
      'controls',
      'set',
      'A.2.2',
      '--applicable',
      '--reason',
      'legal:EU AI Act Art. 4',
      '--owner',
      'ceo@example.com',
      '--json',
    ]);
    assert.equal(set.code, 0, set.stderr);
    const policy = JSON.parse(set.stdout) as ControlImplementation;
    assert.deepEqual(
      [policy.applicable, policy.owner, policy.version, policy.inclusionReasons],
      [true, 'ceo@example.com', 1, [{ kind: 'legal', text: 'EU AI Act Art. 4' }]],
    );
    const noReason = await cli(env, ['controls', 'set', 'A.2.3', '--exclude']);
    assert.equal(noReason.code, 1);
    assert.match(noReason.stderr, /422 rule_violated: exclusionJustification: excluding a control needs a justification/);
    const both = await cli(env, ['controls', 'set', 'A.2.3', '--exclude', '--applicable']);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /choose one of --applicable, --exclude, --undecided/);
    const badReason = await cli(env, ['controls', 'set', 'A.2.3', '--reason', 'whim:because']);
    assert.equal(badReason.code, 2);
    assert.match(badReason.stderr, /KIND one of legal, contractual, interested-party, other/);
    const excluded = await cli(env, ['controls', 'set', 'A.2.3', '--exclude', '--justification', 'No other policies exist yet']);
    assert.equal(excluded.code, 0, excluded.stderr);
    assert.match(excluded.stdout, /applicable\s+no\njustification\s+No other policies exist yet\nstatus\s+not-applicable\n/);
    const perSystem = await cli(env, ['controls', 'set', 'A.9.4', '--system', cv.ref, '--applicable', '--status', 'implemented', '--json']);
    assert.equal(perSystem.code, 0, perSystem.stderr);
    const unknown = await cli(env, ['controls', 'set', 'A.99', '--applicable']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /404 not_found: A.99 is not a control of Annex A/);

    const listed = await cli(env, ['controls', 'list', '--json']);
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(
      (JSON.parse(listed.stdout) as ControlImplementation[]).map((i) => [i.control, i.system?.ref ?? null, i.status]),
      [
        ['A.2.2', null, 'not-started'],
        ['A.2.3', null, 'not-applicable'],
        ['A.9.4', cv.ref, 'implemented'],
      ],
    );
    const listText = await cli(env, ['controls', 'list', '--scope', 'systems']);
    assert.match(listText.stdout, /^control\s+system\s+applicable\s+status\s+owner\s+reviewDue\s+title\n/);
    assert.match(listText.stdout, /A\.9\.4\s+AIS-0001\s+yes\s+implemented/);
    assert.doesNotMatch(listText.stdout, /A\.2\.2/);

    const json = await cli(env, ['soa', '--json']);
    assert.equal(json.code, 0, json.stderr);
    const rows = JSON.parse(json.stdout) as SoaRow[];
    assert.equal(rows.length, 38);
    for (const r of rows)
      for (const key of ['control', 'applicable', 'justification', 'status', 'owner', 'evidence']) assert.ok(key in r, key);
    const verification = rows.find((r) => r.control === 'A.6.2.4');
    assert.deepEqual([verification?.applicable, verification?.justification], [true, 'Treats 1 risk: RSK-0001 Unverified model release.']);
    assert.equal(rows.find((r) => r.control === 'A.9.4')?.systems.implemented, 1);
    const text = await cli(env, ['soa']);
    assert.match(
      text.stdout,
      /^Statement of Applicability \(live, \d{4}-\d{2}-\d{2}\)\ncontrol\s+title\s+applicable\s+status\s+owner\s+evidence\s+flags\n/,
    );
    assert.match(text.stdout, /A\.6\.2\.4\s+Verification and validation\s+yes \(risks\)\s+not-started/);
    assert.match(text.stdout, /38 controls: 2 applicable, 1 excluded, 35 undecided; 35 flagged\n$/);

    const approved = await cli(env, ['soa', 'approve', '--comment', 'Stage 1 audit', '--json']);
    assert.equal(approved.code, 0, approved.stderr);
    assert.equal((JSON.parse(approved.stdout) as SoaVersionListItem).number, 1);
    assert.equal((await cli(env, ['soa', 'approve'])).code, 1, '--comment is required');
    await cli(env, ['controls', 'set', 'A.2.2', '--owner', 'aims@example.com']);
    const versions = await cli(env, ['soa', 'versions', '--json']);
    assert.deepEqual(
      (JSON.parse(versions.stdout) as SoaVersionListItem[]).map((v) => [v.number, v.comment]),
      [[1, 'Stage 1 audit']],
    );
    const frozen = await cli(env, ['soa', '--number', '1', '--json']);
    assert.equal((JSON.parse(frozen.stdout) as SoaRow[]).find((r) => r.control === 'A.2.2')?.owner, 'ceo@example.com');
    const positional = await cli(env, ['soa', '1']);
    assert.match(positional.stdout, /^Statement of Applicability, version 1, approved \d{4}-\d{2}-\d{2} by /);
    assert.equal((await cli(env, ['soa', '--number', 'one'])).code, 2);

    const diff = await cli(env, ['soa', 'compare', '1', 'live', '--json']);
    assert.equal(diff.code, 0, diff.stderr);
    assert.deepEqual((JSON.parse(diff.stdout) as SoaComparison).changed, [
      {
        framework: 'iso42001-2023',
        control: 'A.2.2',
        title: 'AI policy',
        changes: [{ field: 'owner', from: 'ceo@example.com', to: 'aims@example.com' }],
      },
    ]);
    const out = path.join(os.tmpdir(), `trellis-soa-${process.pid}.oscal.json`);
    const exported = await cli(env, ['soa', 'export', '--format', 'oscal', '--out', out, '--number', '1']);
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(exported.stderr, /^Wrote .+ \(\d+ KB\)\n$/);
    assert.ok(fs.readFileSync(out, 'utf8').includes('A.6.2.4'));
    fs.rmSync(out, { force: true });
    const badFormat = await cli(env, ['soa', 'export', '--format', 'csv', '--out', out]);
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.stderr, /--format must be one of xlsx, pdf, docx, oscal/);
    assert.equal(fs.existsSync(out), false);

    const diffText = await cli(env, ['soa', 'compare', '1']);
    assert.match(diffText.stdout, /^version 1 → live: 1 changed, 0 added, 0 removed\ncontrol\s+field\s+from\s+to\n/);
    assert.match(diffText.stdout, /A\.2\.2\s+owner\s+ceo@example\.com\s+aims@example\.com/);
  });

  test('controls coverage: a framework through the controls and their evidence, as a table and as JSON', async () => {
    const set = await cli(env, ['controls', 'set', 'A.8.2', '--applicable', '--status', 'implemented']);
    assert.equal(set.code, 0, set.stderr);
    await api('POST', '/evidence', {
      kind: 'note',
      title: 'User documentation review',
      note: 'Checked the instructions for use shipped with each release.',
      links: { controls: ['A.8.2'] },
    });

    const json = await cli(env, ['controls', 'coverage', '--framework', 'eu-ai-act-2024', '--json']);
    assert.equal(json.code, 0, json.stderr);
    const doc = JSON.parse(json.stdout) as FrameworkCoverage;
    const items = doc.groups.flatMap((g) => g.items);
    assert.equal(items.length, 53);
    const art50 = items.find((i) => i.id === 'Art. 50');
    assert.deepEqual(
      [art50?.state, art50?.controls.map((c) => [c.control, c.state])],
      [
        'covered',
        [
          ['A.8.2', 'covered'],
          ['A.8.5', 'not-covered'],
        ],
      ],
    );
    assert.equal(items.find((i) => i.id === 'Art. 43')?.state, 'no-mapping');

    const text = await cli(env, ['controls', 'coverage', '--framework', 'eu-ai-act-2024']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^EU AI Act \(2024\/1689\): coverage through your controls and their evidence, as of \d{4}-\d{2}-\d{2}\n/);
    assert.match(text.stdout, /\nchapter\s+article\s+state\s+title\s+controls\n/);
    assert.match(text.stdout, /Art\. 50\s+covered\s+Transparency obligations for providers …\s+A\.8\.2, A\.8\.5\n/);
    assert.match(text.stdout, /Art\. 43\s+no mapping\s+/);
    assert.match(
      text.stdout,
      /\nChapter IV — Transparency obligations for certain AI systems: 1 covered, 0 in progress, 0 not covered, 0 clauses only, 0 no mapping\n/,
    );
    assert.match(text.stdout, /\n53 articles: \d+ covered, \d+ in progress, \d+ not covered, 0 clauses only, 35 no mapping\n$/);

    const unknown = await cli(env, ['controls', 'coverage', '--framework', 'iso9001-2015']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /404 not_found: no framework "iso9001-2015" in the catalog/);
    const notTarget = await cli(env, ['controls', 'coverage', '--framework', 'iso42001-2023']);
    assert.equal(notTarget.code, 1);
    assert.match(notTarget.stderr, /422 rule_violated: coverage is computed for iso27001-2022, nist-ai-rmf-1.0, eu-ai-act-2024/);
    const missing = await cli(env, ['controls', 'coverage']);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /--framework/);
  });
});
