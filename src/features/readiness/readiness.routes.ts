import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../server/route-context.ts';

/** The certification readiness view. */
export const readinessRoutes: FastifyPluginAsyncZod<RouteContext> = async () => {};
