import type { Db } from '../../db/database.ts';
import { addDays } from '../../domain/evidence-state.ts';
import type { OrgPrincipal } from '../../domain/principal.ts';
import type { EvidenceCreate } from '../../domain/schemas/evidence.schemas.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { createEvidence } from '../evidence/evidence.service.ts';

const aims = 'aims.manager@example.com';
const ml = 'ml-team@example.com';

/**
 * Evidence items a bank's AIMS keeps: the AI policy and scope statement (clauses 4.3 and 5.2),
 * the validation report and fairness review of the income model (A.6.2.4, A.5.4), its monitoring
 * dashboard (A.6.2.6, review overdue so the flag shows), the supplier due diligence (A.10.3) and an
 * internal audit plan that falls due soon. Review dates are relative to the day the demo is created,
 * so the demo shows current, expiring and expired evidence whenever it is started.
 */
function items(today: string, systemRef: (name: string) => string | undefined): EvidenceCreate[] {
  const income = systemRef('Income eligibility model');
  const cv = systemRef('CV screening assistant');
  const systems = (ref: string | undefined) => (ref ? [ref] : []);
  return [
    {
      kind: 'link',
      title: 'AI policy (board-approved)',
      url: 'https://intranet.example.com/policies/ai-policy',
      owner: aims,
      description: 'The AI policy as approved by the board; published on the intranet and on the website.',
      effectiveDate: addDays(today, -240),
      reviewDue: addDays(today, 125),
      links: { controls: ['A.2.2'], requirements: ['iso42001-2023:5.2'], risks: [], systems: [] },
    },
    {
      kind: 'note',
      title: 'AIMS scope statement',
      note:
        'The AIMS covers every AI system the retail bank develops, provides or uses in its consumer lending, ' +
        'recruitment and customer service processes, including AI inside bought software. Out of scope: the ' +
        'investment bank subsidiary, which runs its own management system.',
      owner: aims,
      effectiveDate: addDays(today, -200),
      reviewDue: addDays(today, 165),
      links: { controls: [], requirements: ['iso42001-2023:4.3'], risks: [], systems: [] },
    },
    {
      kind: 'link',
      title: 'Validation report — income eligibility model v3',
      url: 'https://git.example.com/ml/income-model/-/blob/main/reports/validation-v3.md',
      owner: ml,
      description: 'Hold-out accuracy, calibration and robustness checks before release of version 3.',
      effectiveDate: addDays(today, -60),
      reviewDue: addDays(today, 305),
      links: { controls: ['A.6.2.4'], requirements: [], risks: [], systems: systems(income) },
    },
    {
      kind: 'note',
      title: 'Fairness review of the income model by sex and age group',
      note: 'Selection rates per group reviewed with the diversity officer; the gap for women is tracked as a risk and treated by retraining.',
      owner: ml,
      effectiveDate: addDays(today, -45),
      reviewDue: addDays(today, 20),
      links: { controls: ['A.5.4'], requirements: [], risks: [], systems: systems(income) },
    },
    {
      kind: 'link',
      title: 'Production monitoring dashboard (drift and performance)',
      url: 'https://grafana.example.com/d/income-model',
      owner: ml,
      description: 'Weekly drift and accuracy panels; the quarterly sign-off is overdue.',
      effectiveDate: addDays(today, -150),
      reviewDue: addDays(today, -10),
      links: { controls: ['A.6.2.6'], requirements: ['iso42001-2023:9.1'], risks: [], systems: systems(income) },
    },
    {
      kind: 'note',
      title: 'Supplier due diligence — HireTech GmbH',
      note: 'Questionnaire on training data, bias testing and incident handling answered and reviewed; contract allocates monitoring duties.',
      owner: 'procurement@example.com',
      effectiveDate: addDays(today, -90),
      reviewDue: addDays(today, 275),
      links: { controls: ['A.10.3'], requirements: [], risks: [], systems: systems(cv) },
    },
    {
      kind: 'note',
      title: 'Internal audit programme 2026–2027',
      note: 'Two internal audits a year covering clauses 4 to 10 and the Annex A controls in the SoA; auditors independent of the AI teams.',
      owner: aims,
      effectiveDate: addDays(today, -330),
      reviewDue: addDays(today, 14),
      links: { controls: [], requirements: ['iso42001-2023:9.2'], risks: [], systems: [] },
    },
  ];
}

/** Evidence for the demo organization, linked to controls, clauses and AI systems. */
export async function seedDemoEvidence(
  db: Db,
  principal: OrgPrincipal,
  catalog: Catalog,
  today = new Date().toISOString().slice(0, 10),
): Promise<void> {
  const systems = await db.kysely.selectFrom('ai_systems').select(['id', 'name']).where('org_id', '=', principal.orgId).execute();
  const systemRef = (name: string) => systems.find((s) => s.name === name)?.id;
  for (const item of items(today, systemRef)) await createEvidence(db, principal, catalog, item);
}
