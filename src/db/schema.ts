import type { ColumnType } from 'kysely';
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

export interface AiSystemTable {
  id: string;
  org_id: string;
  ref: string;
  /** The number of an assigned ref (AIS-0042 → 42); null for a ref the user chose. */
  ref_seq: number | null;
  /** the ref with its numbers zero-padded, lower-cased: sorts AIS-9999 before AIS-10000 on an index */
  ref_key: string;
  name: string;
  /** lower-cased name, for case-insensitive sorting on an index */
  sort_name: string;
  purpose: string;
  intended_use: string;
  foreseeable_misuse: string;
  /** JSON array text */
  iso_roles: string;
  /** JSON array text */
  eu_roles: string;
  stage: string;
  owner: string;
  business_unit: string;
  users: string;
  affected_persons: string;
  automation: string;
  human_oversight: string;
  deployment_context: string;
  /** JSON array text */
  jurisdictions: string;
  /** lower-cased ref, name, owner and purpose: the text search reads one column */
  search_text: string;
  in_scope: number;
  scope_reason: string;
  review_due: string | null;
  risk_class: string | null;
  gpai_systemic: number | null;
  classified_at: string | null;
  /** when the stage or the classification last changed (a trigger for risk reassessment, 8.2) */
  significant_change_at: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  version: number;
}

export interface SupplierTable {
  id: string;
  org_id: string;
  name: string;
  description: string;
  contact: string;
  supplies_what: string;
  responsibilities: string;
  due_diligence_status: string;
  due_diligence_notes: string;
  contract_ref: string;
  contract_start: string | null;
  contract_end: string | null;
  review_due: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  version: number;
}

export interface DatasetTable {
  id: string;
  org_id: string;
  name: string;
  description: string;
  source: string;
  provenance: string;
  acquisition: string;
  /** JSON array text */
  categories: string;
  quality_requirements: string;
  preparation: string;
  labelling: string;
  known_biases: string;
  retention: string;
  supplier_id: string | null;
  review_due: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  version: number;
}

export interface ModelTable {
  id: string;
  org_id: string;
  name: string;
  model_version: string;
  model_type: string;
  description: string;
  supplier_id: string | null;
  evaluation_summary: string;
  review_due: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  version: number;
}

export interface InventoryRelationTable {
  id: string;
  org_id: string;
  relation: string;
  from_kind: string;
  from_id: string;
  to_kind: string;
  to_id: string;
  note: string;
  created_at: string;
  created_by: string | null;
}

export interface AiSystemClassificationTable {
  id: string;
  org_id: string;
  system_id: string;
  number: number;
  questionnaire_version: string;
  /** JSON text */
  answers: string;
  /** JSON text of the ClassificationResult */
  result: string;
  outcome: string;
  note: string;
  classified_by: string | null;
  classified_by_label: string;
  classified_at: string;
}

export interface RiskCriteriaTable {
  id: string;
  org_id: string;
  number: number;
  /** JSON text of RiskCriteriaContent */
  content: string;
  note: string;
  created_at: string;
  created_by: string | null;
  created_by_label: string;
}

export interface RiskTable {
  id: string;
  org_id: string;
  ref: string;
  ref_seq: number | null;
  ref_key: string;
  title: string;
  sort_title: string;
  description: string;
  risk_source: string;
  consequences_organization: string;
  consequences_individuals: string;
  consequences_society: string;
  likelihood: number | null;
  impact: number | null;
  inherent_level: string | null;
  inherent_rank: number | null;
  owner: string;
  status: string;
  review_due: string | null;
  criteria_number: number;
  origin_type: string;
  origin_id: string | null;
  treatment_option: string | null;
  treatment_plan: string;
  residual_likelihood: number | null;
  residual_impact: number | null;
  residual_level: string | null;
  residual_rank: number | null;
  above_threshold: number;
  /** JSON text of RiskAcceptance, or null */
  acceptance: string | null;
  needs_attention: number;
  /** the earliest due date of an open treatment action */
  next_action_due: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  version: number;
}

export interface RiskSystemTable {
  risk_id: string;
  system_id: string;
  org_id: string;
}

export interface RiskControlTable {
  risk_id: string;
  org_id: string;
  framework: string;
  control: string;
  note: string;
}

export interface RiskActionTable {
  id: string;
  risk_id: string;
  org_id: string;
  position: number;
  title: string;
  owner: string;
  due: string | null;
  done: number;
}

export interface RiskAssessmentTable {
  id: string;
  org_id: string;
  ref: string;
  title: string;
  scope: string;
  /** JSON array text */
  system_ids: string;
  /** JSON array text */
  participants: string;
  method: string;
  performed_on: string;
  summary: string;
  status: string;
  criteria_number: number;
  /** JSON text of the frozen results, set at approval */
  results: string | null;
  approved_by: string | null;
  approved_at: string | null;
  next_due: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  version: number;
}

export interface ImpactTemplateTable {
  id: string;
  org_id: string;
  template_id: string;
  template_version: string;
  content: string;
  created_at: string;
  created_by: string | null;
}

export interface ImpactAssessmentTable {
  id: string;
  org_id: string;
  ref: string;
  system_id: string;
  template_id: string;
  template_version: string;
  /** JSON text of the template as it was when the assessment was started */
  template: string;
  title: string;
  status: string;
  triggers: string;
  answers: string;
  impacts: string;
  review_due: string | null;
  approved_by: string | null;
  approved_at: string | null;
  supersedes: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  version: number;
}

export interface ControlImplementationTable {
  id: string;
  org_id: string;
  framework: string;
  control: string;
  /** '' at organization level, else the AI system id */
  scope_key: string;
  system_id: string | null;
  /** 1 applicable, 0 excluded, null not decided */
  applicable: number | null;
  /** JSON array text of { kind, text } */
  inclusion_reasons: string;
  exclusion_justification: string | null;
  status: string;
  owner: string;
  description: string;
  review_due: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  version: number;
}

export interface SoaVersionTable {
  id: string;
  org_id: string;
  number: number;
  comment: string;
  /** JSON text of the frozen SoA document */
  content: string;
  content_hash: string;
  approved_by: string;
  approved_role: string;
  approved_at: string;
  created_by: string | null;
}

export interface EvidenceTable {
  id: string;
  org_id: string;
  ref: string;
  ref_seq: number;
  title: string;
  kind: string;
  description: string;
  owner: string;
  effective_date: string;
  review_due: string | null;
  current_version: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  version: number;
}

export interface EvidenceVersionTable {
  id: string;
  evidence_id: string;
  org_id: string;
  number: number;
  sha256: string | null;
  file_name: string | null;
  media_type: string | null;
  size: number | null;
  url: string | null;
  note: string | null;
  record_type: string | null;
  record_id: string | null;
  record_data: string | null;
  comment: string;
  created_at: string;
  created_by: string | null;
}

export interface EvidenceLinkTable {
  evidence_id: string;
  org_id: string;
  target_type: string;
  framework: string;
  target: string;
  /** the evidence item's review_due ('9999-12-31' if none), kept by database triggers (migration 05) */
  valid_until: ColumnType<string, string | undefined, never>;
}

export interface MonitoringPlanTable {
  id: string;
  org_id: string;
  ref: string;
  ref_seq: number;
  system_id: string;
  title: string;
  description: string;
  metric: string;
  /** JSON text of the parsed EvaluationSpec */
  spec: string;
  /** JSON array text of Threshold */
  thresholds: string;
  frequency: string;
  owner: string;
  /** JSON array text of { framework, control } */
  controls: string;
  /** JSON array text of { framework, item } */
  requirements: string;
  status: string;
  last_run_id: string | null;
  last_run_at: string | null;
  /** YYYY-MM-DD: the last run (or the creation) plus the frequency; recomputed on every write */
  next_due: string;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  version: number;
}

export interface AiObjectiveTable {
  id: string;
  org_id: string;
  ref: string;
  ref_seq: number;
  title: string;
  description: string;
  /** JSON array text of Annex C objective ids (C.2.x) */
  topics: string;
  policy_link: string;
  owner: string;
  target_date: string | null;
  actions: string;
  resources: string;
  evaluation: string;
  /** the monitoring plan that measures it; all four measure columns are null together */
  measure_plan_id: string | null;
  measure_key: string | null;
  measure_op: string | null;
  measure_value: number | null;
  status: string;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  version: number;
}

export interface MonitoringRunTable {
  id: string;
  org_id: string;
  ref: string;
  ref_seq: number;
  /** the plan it ran for (kept when the plan is deleted), null for an ad hoc run */
  plan_id: string | null;
  plan_ref: string | null;
  system_id: string;
  metric: string;
  /** JSON text of the spec */
  spec: string;
  /** JSON text of the engine's full result */
  result: string;
  /** JSON array text of InputFingerprint */
  inputs: string;
  /** JSON text of metric key → value */
  metric_values: string;
  /** JSON array text of threshold outcomes */
  thresholds: string;
  status: string;
  source: string;
  evidence_id: string | null;
  /** 'none' (passed), 'open', 'acknowledged' or 'risk-raised' */
  alert_state: string;
  alert_note: string | null;
  alert_by: string | null;
  alert_by_label: string | null;
  alert_at: string | null;
  risk_id: string | null;
  created_at: string;
  created_by: string | null;
  created_by_label: string;
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
  ai_systems: AiSystemTable;
  suppliers: SupplierTable;
  datasets: DatasetTable;
  models: ModelTable;
  inventory_relations: InventoryRelationTable;
  ai_system_classifications: AiSystemClassificationTable;
  risk_criteria: RiskCriteriaTable;
  risks: RiskTable;
  risk_systems: RiskSystemTable;
  risk_controls: RiskControlTable;
  risk_actions: RiskActionTable;
  risk_assessments: RiskAssessmentTable;
  impact_templates: ImpactTemplateTable;
  impact_assessments: ImpactAssessmentTable;
  control_implementations: ControlImplementationTable;
  soa_versions: SoaVersionTable;
  evidence: EvidenceTable;
  evidence_versions: EvidenceVersionTable;
  evidence_links: EvidenceLinkTable;
  monitoring_plans: MonitoringPlanTable;
  monitoring_runs: MonitoringRunTable;
  ai_objectives: AiObjectiveTable;
}
