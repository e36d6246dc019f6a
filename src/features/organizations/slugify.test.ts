import assert from 'node:assert/strict';
import { test } from 'node:test';
import { slugify } from './organization.service.ts';

test('slugify makes URL-safe slugs from any name', () => {
  assert.equal(slugify('Acme Robotics GmbH'), 'acme-robotics-gmbh');
  assert.equal(slugify('  Société Générale — AI  '), 'societe-generale-ai');
  assert.match(slugify('日本'), /^org-[0-9a-f]{8}$/);
  assert.ok(slugify('x'.repeat(100)).length <= 48);
});
