/**
 * Table types for Kysely. Both dialects store the same values: ids are UUID
 * text, timestamps are ISO-8601 UTC text, JSON is text, flags are integers.
 * That keeps backups portable and audit-log hashes identical across databases.
 */
export interface OrganizationTable {
  id: string;
  slug: string;
  name: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface UserTable {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export type MembershipStatus = 'active' | 'invited';

export interface MembershipTable {
  id: string;
  org_id: string;
  user_id: string;
  role: string;
  status: MembershipStatus;
  invited_by: string | null;
  invite_token_hash: string | null;
  invite_expires_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface SessionTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokenTable {
  id: string;
  org_id: string;
  membership_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_by: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
}

export interface LoginAttemptTable {
  id: string;
  email: string;
  ip: string | null;
  succeeded: number;
  at: string;
}

export interface AuditChainTable {
  chain: string;
  last_seq: number;
  last_hash: string;
}

export interface AuditLogTable {
  chain: string;
  seq: number;
  id: string;
  org_id: string | null;
  occurred_at: string;
  actor_type: string;
  actor_id: string | null;
  actor_label: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface InstanceSettingTable {
  key: string;
  value: string;
}

export interface CatalogDocumentTable {
  id: string;
  org_id: string;
  type: 'framework' | 'crosswalk';
  document_id: string;
  version: string;
  status: 'current' | 'superseded';
  content: string;
  changes: string | null;
  created_at: string;
  created_by: string | null;
}

export interface Database {
  organizations: OrganizationTable;
  users: UserTable;
  memberships: MembershipTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  login_attempts: LoginAttemptTable;
  audit_chains: AuditChainTable;
  audit_log: AuditLogTable;
  instance_settings: InstanceSettingTable;
  catalog_documents: CatalogDocumentTable;
}
