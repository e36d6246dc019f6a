import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.ts';
import { pingDatabase, type Db } from '../db/database.ts';
import { auditLogRoutes } from '../features/audit-log/audit-log.routes.ts';
import type { Catalog } from '../features/catalog/catalog.ts';
import { loadCatalogDir } from '../features/catalog/catalog.loader.ts';
import { catalogRoutes } from '../features/catalog/catalog.routes.ts';
import { inventoryRoutes } from '../features/inventory/inventory.routes.ts';
import { riskRoutes } from '../features/risk/risk.routes.ts';
import { impactRoutes } from '../features/impact/impact.routes.ts';
import { controlRoutes } from '../features/controls/controls.routes.ts';
import { evidenceRoutes } from '../features/evidence/evidence.routes.ts';
import type { EvidenceStore } from '../features/evidence/evidence-store.ts';
import { createEvidenceStore } from '../features/evidence/evidence-store-config.ts';
import { readinessRoutes } from '../features/readiness/readiness.routes.ts';
import { monitoringRoutes } from '../features/monitoring/monitoring.routes.ts';
import { objectivesRoutes } from '../features/objectives/objectives.routes.ts';
import { authRoutes } from '../features/auth/auth.routes.ts';
import { memberRoutes } from '../features/members/member.routes.ts';
import { organizationRoutes } from '../features/organizations/organization.routes.ts';
import { apiTokenRoutes } from '../features/tokens/api-token.routes.ts';
import { trellisVersion } from '../version.ts';
import { identifyCaller } from './caller.ts';
import { handleError } from './error-handler.ts';
import type { RouteContext } from './route-context.ts';

export const webDistDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

let builtInCatalog: Catalog | null = null;

/** The built-in catalog, loaded once per process; a bad file stops start-up with its location. */
export function loadBuiltInCatalog(): Catalog {
  builtInCatalog ??= loadCatalogDir();
  return builtInCatalog;
}

export interface AppOptions {
  db: Db;
  config: Config;
  catalog?: Catalog;
  /** The evidence file store; by default the one the configuration names. */
  evidenceStore?: EvidenceStore;
  logger?: boolean | object;
}

/** Assembles the HTTP application: security plugins, API routes, OpenAPI, and the web UI. */
export async function buildApp({
  db,
  config,
  logger = false,
  catalog = loadBuiltInCatalog(),
  evidenceStore,
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger === true ? { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] } : logger,
    bodyLimit: 1024 * 1024,
    trustProxy: process.env.TRELLIS_TRUST_PROXY === '1',
    logController: new LogController({ disableRequestLogging: process.env.TRELLIS_REQUEST_LOG !== '1' }),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine sets element style attributes at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: config.publicUrl.startsWith('https://'),
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Trellis API',
        description:
          'The API of Trellis, an AI management system for ISO/IEC 42001. Authenticate with the session cookie (browser; send X-CSRF-Token on writes) or `Authorization: Bearer <token>`.',
        version: trellisVersion,
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'trellis_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/api/') && !request.url.startsWith('/api/docs')) await identifyCaller(db, request);
  });

  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and database reachability (no sign-in)',
        security: [],
        response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']), version: z.string() }) },
      },
    },
    async () => {
      await pingDatabase(db);
      return { status: 'ok' as const, database: db.dialect, version: trellisVersion };
    },
  );
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const ownStore = evidenceStore === undefined;
  const ctx: RouteContext = { db, config, catalog, evidenceStore: evidenceStore ?? createEvidenceStore(config.evidence.store) };
  if (ownStore) app.addHook('onClose', () => ctx.evidenceStore.close());
  await app.register(authRoutes, ctx);
  await app.register(organizationRoutes, ctx);
  await app.register(memberRoutes, ctx);
  await app.register(apiTokenRoutes, ctx);
  await app.register(auditLogRoutes, ctx);
  await app.register(catalogRoutes, ctx);
  await app.register(inventoryRoutes, ctx);
  await app.register(riskRoutes, ctx);
  await app.register(impactRoutes, ctx);
  await app.register(controlRoutes, ctx);
  await app.register(evidenceRoutes, ctx);
  await app.register(readinessRoutes, ctx);
  await app.register(monitoringRoutes, ctx);
  await app.register(objectivesRoutes, ctx);

  const hasWeb = fs.existsSync(path.join(webDistDir, 'index.html'));
  if (hasWeb) {
    // wildcard: files are looked up per request, so a rebuilt UI is served without a restart.
    await app.register(fastifyStatic, { root: webDistDir, wildcard: true, index: false });
    app.get('/', { schema: { hide: true } }, (_request, reply) => reply.type('text/html').sendFile('index.html'));
  }
  app.setNotFoundHandler((request, reply) => {
    // A missing asset is a 404, never the SPA page (a browser would run HTML as a script).
    const isAsset = request.url.startsWith('/assets/') || /\.(js|css|map|svg|png|ico|woff2?)(\?|$)/.test(request.url);
    if (request.method === 'GET' && !request.url.startsWith('/api/') && !isAsset) {
      if (hasWeb) return reply.type('text/html').sendFile('index.html');
      return reply
        .type('text/plain')
        .status(503)
        .send('The Trellis web UI has not been built. Run `npm run build` (npm ci runs it) and restart.');
    }
    return reply.status(404).send({ error: { code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` } });
  });

  return app;
}
