import type { Command } from 'commander';
import type { SessionView } from '../domain/schemas/auth.schemas.ts';
import type { MemberView } from '../domain/schemas/member.schemas.ts';
import { ApiClient } from './api-client.ts';
import { CliExit, printJson, printTable } from './output.ts';

interface GlobalApiOptions {
  url?: string;
  token?: string;
}

/** Builds the API client from --url/--token or TRELLIS_URL/TRELLIS_TOKEN. */
export function apiClientFrom(command: Command): ApiClient {
  const opts = command.optsWithGlobals<GlobalApiOptions>();
  return new ApiClient({
    url: opts.url ?? process.env.TRELLIS_URL ?? 'http://localhost:4242',
    token: opts.token ?? process.env.TRELLIS_TOKEN,
  });
}

/** The organization the token acts in. */
export async function tokenOrganization(client: ApiClient): Promise<SessionView['organizations'][number]> {
  const me = await client.get<SessionView>('/api/auth/session');
  const org = me.organizations[0];
  if (!org) throw new CliExit('the token belongs to no active membership');
  return org;
}

/** Commands that are API clients: they work against any Trellis server with a token. */
export function registerApiCommands(program: Command): void {
  program
    .option('--url <url>', 'Trellis server for API commands (env TRELLIS_URL, default http://localhost:4242)')
    .option('--token <token>', 'API token for API commands (env TRELLIS_TOKEN)');

  program
    .command('whoami')
    .description('Show the user, organization and role the API token acts as')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const me = await apiClientFrom(command).get<SessionView>('/api/auth/session');
      if (opts.json) printJson(me);
      else {
        const org = me.organizations[0];
        process.stdout.write(
          `${me.user.email} in ${org?.name ?? '?'} (${org?.slug ?? '?'}) as ${org?.role ?? '?'}${me.token ? ` via token "${me.token.name}"` : ''}\n`,
        );
      }
    });

  program
    .command('members')
    .description('Organization members')
    .command('list')
    .description('List members and open invitations')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const client = apiClientFrom(command);
      const org = await tokenOrganization(client);
      const members = await client.get<MemberView[]>(`/api/orgs/${encodeURIComponent(org.slug)}/members`);
      if (opts.json) printJson(members);
      else printTable(members as unknown as Record<string, unknown>[], ['email', 'name', 'role', 'status']);
    });
}
