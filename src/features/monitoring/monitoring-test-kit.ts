import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LightMyRequestResponse } from 'fastify';
import type { MonitoringPlan, MonitoringRun } from '../../domain/schemas/monitoring.schemas.ts';
import { as, describeEachDatabase, type SignedIn, type TestContext } from '../../test/harness.ts';
import { multipartBody, type Part } from '../evidence/evidence-test-kit.ts';

/** Test support for monitoring: a suite per database with a 1 MB upload limit, the golden data, requests. */

const here = path.dirname(fileURLToPath(import.meta.url));
export const goldenDir = path.resolve(here, '../../../../shared/reference/metrics-golden');
export const synthetic = fs.readFileSync(path.join(goldenDir, 'synthetic-small.csv'));
export const driftReference = fs.readFileSync(path.join(goldenDir, 'drift-ref.csv'));
export const driftCurrent = fs.readFileSync(path.join(goldenDir, 'drift-cur.csv'));
export const golden = JSON.parse(fs.readFileSync(path.join(goldenDir, 'golden-synthetic-small.json'), 'utf8')) as {
  features: Record<string, { aggregates: Record<string, Record<string, number>> }>;
};
export const MAX_UPLOAD = 1024 * 1024;

/** Like describeEachDatabase, with the upload limit at 1 MB (the golden files are smaller). */
export function describeMonitoringSuite(title: string, fn: (ctx: () => TestContext) => void): void {
  describeEachDatabase(title, fn, { TRELLIS_EVIDENCE_MAX_SIZE: '1MB' });
}

export function base(who: SignedIn): string {
  return `/api/orgs/${who.orgSlug}/monitoring`;
}

export function expectStatus(res: LightMyRequestResponse, status: number): void {
  assert.equal(res.statusCode, status, res.body);
}

export async function newSystem(ctx: TestContext, who: SignedIn, name: string): Promise<{ id: string; ref: string }> {
  const res = await as(ctx, who).post(`/api/orgs/${who.orgSlug}/systems`, { name });
  expectStatus(res, 201);
  return res.json();
}

export const fairnessSpec = { metric: 'fairness' as const, label: 'y_true', prediction: 'y_pred', sensitive: ['group', 'sex'] };
export const groupParity = 'group:demographic_parity_ratio.between_groups';
export const sexParity = 'sex:demographic_parity_ratio.between_groups';

export async function newPlan(ctx: TestContext, who: SignedIn, body: Record<string, unknown>): Promise<MonitoringPlan> {
  const res = await as(ctx, who).post(`${base(who)}/plans`, { title: 'Fairness of loan decisions', frequency: 'monthly', ...body });
  expectStatus(res, 201);
  return res.json<MonitoringPlan>();
}

export function sendParts(ctx: TestContext, who: SignedIn, url: string, parts: Part[]) {
  const { payload, contentType } = multipartBody(parts);
  return ctx.app.inject({
    method: 'POST',
    url,
    headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': contentType },
    payload,
  });
}

/** Uploads one `data` file for a plan's run. */
export function uploadData(ctx: TestContext, who: SignedIn, planRef: string, content: Buffer, filename = 'scored.csv') {
  return sendParts(ctx, who, `${base(who)}/plans/${planRef}/runs`, [{ name: 'data', filename, content }]);
}

export async function createdRun(res: LightMyRequestResponse): Promise<MonitoringRun> {
  expectStatus(res, 201);
  return res.json<MonitoringRun>();
}

/** How many runs and evidence items the organization has (to show a refused request stored nothing). */
export async function counts(ctx: TestContext, who: SignedIn): Promise<{ runs: number; evidence: number }> {
  const runs = await as(ctx, who).get(`${base(who)}/runs?limit=200`);
  const evidence = await as(ctx, who).get(`/api/orgs/${who.orgSlug}/evidence`);
  return { runs: runs.json<{ items: unknown[] }>().items.length, evidence: evidence.json<{ total: number }>().total };
}

/** The temporary upload directories that exist now (each request must remove its own). */
export function uploadDirs(): string[] {
  return fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('trellis-monitoring-'));
}
