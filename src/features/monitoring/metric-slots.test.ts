import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../../config.ts';
import { MetricSlots } from './metric-slots.ts';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

test('no more than the limit run at once; the rest start in arrival order as slots free', async () => {
  const slots = new MetricSlots(2);
  const started: number[] = [];
  let running = 0;
  let most = 0;
  const gates = [0, 1, 2, 3, 4].map(() => deferred());
  const runs = gates.map((gate, i) =>
    slots.run(async () => {
      started.push(i);
      running += 1;
      most = Math.max(most, running);
      await gate.promise;
      running -= 1;
      return i * 10;
    }),
  );
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(started, [0, 1]);
  assert.deepEqual([slots.active, slots.waiting], [2, 3]);
  gates[1]?.resolve();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(started, [0, 1, 2], 'the first in line takes the freed slot');
  for (const g of gates) g.resolve();
  assert.deepEqual(await Promise.all(runs), [0, 10, 20, 30, 40]);
  assert.equal(most, 2);
  assert.deepEqual([slots.active, slots.waiting], [0, 0]);
});

test('a failed computation frees its slot and its error reaches its caller only', async () => {
  const slots = new MetricSlots(1);
  const failing = slots.run(() => Promise.reject(new Error('column "sex" not found')));
  const next = slots.run(() => Promise.resolve('computed'));
  await assert.rejects(failing, /column "sex" not found/);
  assert.equal(await next, 'computed');
  assert.equal(slots.active, 0);
});

test('the limit must be a whole number of at least one', () => {
  assert.throws(() => new MetricSlots(0), RangeError);
  assert.throws(() => new MetricSlots(1.5), RangeError);
});

test("TRELLIS_METRICS_CONCURRENCY sets the server's limit: one by default, a positive whole number", () => {
  assert.equal(loadConfig({}).metricsConcurrency, 1);
  assert.equal(loadConfig({ TRELLIS_METRICS_CONCURRENCY: '3' }).metricsConcurrency, 3);
  assert.throws(() => loadConfig({ TRELLIS_METRICS_CONCURRENCY: '0' }), /TRELLIS_METRICS_CONCURRENCY must be a positive whole number/);
});
