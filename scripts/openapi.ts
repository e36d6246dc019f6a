// Writes the OpenAPI document to docs/openapi.json (`npm run openapi`).
// src/server/openapi.test.ts fails when the committed file is stale.
import fs from 'node:fs';
import { generateOpenApiDocument, openApiPath } from '../src/server/openapi.ts';

fs.writeFileSync(openApiPath, await generateOpenApiDocument());
process.stdout.write(`wrote ${openApiPath}\n`);
