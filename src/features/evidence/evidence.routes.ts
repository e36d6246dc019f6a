import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../server/route-context.ts';

/** Evidence items, their versions and links. */
export const evidenceRoutes: FastifyPluginAsyncZod<RouteContext> = async () => {};
