import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OrgParamsSchema } from '../../domain/schemas/common.schemas.ts';
import { SessionViewSchema } from '../../domain/schemas/auth.schemas.ts';
import {
  InvitationAcceptSchema,
  InvitationIssuedSchema,
  InvitationViewSchema,
  MemberInviteSchema,
  MemberRoleChangeSchema,
  MemberViewSchema,
} from '../../domain/schemas/member.schemas.ts';
import { requestContext, requireOrgPrincipal, setSessionCookie } from '../../server/caller.ts';
import type { RouteContext } from '../../server/route-context.ts';
import { openSession, SESSION_MAX_AGE_MS } from '../auth/auth.service.ts';
import { describeCaller } from '../auth/auth.routes.ts';
import {
  acceptInvitation,
  changeMemberRole,
  getInvitation,
  getMemberView,
  inviteMember,
  listMembers,
  reissueInvitation,
  removeMember,
} from './member.service.ts';

const MemberParamsSchema = OrgParamsSchema.extend({ memberId: z.uuid() });
const InvitationParamsSchema = z.object({ token: z.string().min(10).max(128) });

export const memberRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, config }) => {
  app.get(
    '/api/orgs/:org/members',
    {
      schema: {
        tags: ['members'],
        summary: 'Members and open invitations',
        params: OrgParamsSchema,
        response: { 200: z.array(MemberViewSchema) },
      },
    },
    async (request) => listMembers(db, await requireOrgPrincipal(db, request, request.params.org)),
  );

  app.post(
    '/api/orgs/:org/members',
    {
      schema: {
        tags: ['members'],
        summary: 'Invite a member by email (owners); returns the invitation link once',
        params: OrgParamsSchema,
        body: MemberInviteSchema,
        response: { 201: InvitationIssuedSchema },
      },
    },
    async (request, reply) => {
      const principal = await requireOrgPrincipal(db, request, request.params.org);
      return reply.status(201).send(await inviteMember(db, principal, request.body, config.publicUrl));
    },
  );

  app.get(
    '/api/orgs/:org/members/:memberId',
    { schema: { tags: ['members'], summary: 'One member', params: MemberParamsSchema, response: { 200: MemberViewSchema } } },
    async (request) => getMemberView(db, await requireOrgPrincipal(db, request, request.params.org), request.params.memberId),
  );

  app.patch(
    '/api/orgs/:org/members/:memberId',
    {
      schema: {
        tags: ['members'],
        summary: "Change a member's role (owners)",
        params: MemberParamsSchema,
        body: MemberRoleChangeSchema,
        response: { 200: MemberViewSchema },
      },
    },
    async (request) =>
      changeMemberRole(db, await requireOrgPrincipal(db, request, request.params.org), request.params.memberId, request.body),
  );

  app.delete(
    '/api/orgs/:org/members/:memberId',
    {
      schema: {
        tags: ['members'],
        summary: 'Remove a member or withdraw an invitation (owners)',
        params: MemberParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await removeMember(db, await requireOrgPrincipal(db, request, request.params.org), request.params.memberId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/orgs/:org/members/:memberId/invitation',
    {
      schema: {
        tags: ['members'],
        summary: 'Issue a new invitation link for a member who has not joined yet (owners)',
        params: MemberParamsSchema,
        response: { 201: InvitationIssuedSchema },
      },
    },
    async (request, reply) => {
      const principal = await requireOrgPrincipal(db, request, request.params.org);
      return reply.status(201).send(await reissueInvitation(db, principal, request.params.memberId, config.publicUrl));
    },
  );

  app.get(
    '/api/invitations/:token',
    {
      schema: {
        tags: ['members'],
        summary: 'What an invitation link is for (no sign-in needed)',
        params: InvitationParamsSchema,
        response: { 200: InvitationViewSchema },
      },
    },
    async (request) => getInvitation(db, request.params.token),
  );

  app.post(
    '/api/invitations/:token/accept',
    {
      schema: {
        tags: ['members'],
        summary: 'Accept an invitation: set a password (new account) or confirm yours; signs you in',
        params: InvitationParamsSchema,
        body: InvitationAcceptSchema,
        response: { 200: SessionViewSchema },
      },
      config: { rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const ctx = requestContext(request);
      const user = await acceptInvitation(db, request.params.token, request.body, ctx);
      const { sessionToken, session } = await openSession(db.kysely, user, ctx);
      setSessionCookie(reply, sessionToken, config.secureCookies, SESSION_MAX_AGE_MS / 1000);
      return describeCaller(db, { kind: 'session', session });
    },
  );
};
