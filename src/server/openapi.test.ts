import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { generateOpenApiDocument, openApiPath } from './openapi.ts';

test('the committed docs/openapi.json matches the routes (run `npm run openapi` after changing the API)', async () => {
  const committed = fs.existsSync(openApiPath) ? fs.readFileSync(openApiPath, 'utf8') : '';
  assert.ok(committed === (await generateOpenApiDocument()), 'docs/openapi.json is stale: run `npm run openapi` and commit it');
});
