import type { Db } from '../../db/database.ts';
import { addDays } from '../../domain/evidence-state.ts';
import type { OrgPrincipal } from '../../domain/principal.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { createObjective } from '../objectives/objectives.service.ts';

/**
 * The demo's AI objectives (6.2): two measured by the income model's monitoring plans (so each run
 * is evidence for them, and the parity one shows "not met"), and one evaluated by a review.
 * Created before the runs, so the runs link to them.
 */
export async function seedDemoObjectives(
  db: Db,
  principal: OrgPrincipal,
  catalog: Catalog,
  plans: { fairness: string; performance: string },
): Promise<void> {
  const today = new Date().toISOString().slice(0, 10);
  await createObjective(db, principal, catalog, {
    title: 'Eligibility decisions do not favour one sex',
    description:
      'The income eligibility model selects women and men at comparable rates: the lower selection rate is at least four fifths of the higher.',
    topics: ['C.2.5', 'C.2.1'],
    policyLink: 'AI policy: fairness commitment for decisions about individuals',
    owner: 'ml-lead@example.com',
    targetDate: addDays(today, 120),
    actions:
      'Reweigh the training sample by sex; add the parity check to the release checklist; re-run the fairness plan after retraining.',
    resources: 'One data scientist for six weeks; fairness review by the risk team',
    measure: { planId: plans.fairness, key: 'sex:demographic_parity_ratio.between_groups', op: '>=', value: 0.8 },
    status: 'in-progress',
  });
  await createObjective(db, principal, catalog, {
    title: 'Keep the income model accurate in production',
    topics: ['C.2.8'],
    owner: 'ml-lead@example.com',
    targetDate: addDays(today, 300),
    actions: 'Monthly performance run on a labelled production sample; retrain when accuracy falls.',
    resources: 'Labelling budget for 2,000 cases a month',
    measure: { planId: plans.performance, key: 'performance:accuracy', op: '>=', value: 0.8 },
    status: 'in-progress',
  });
  await createObjective(db, principal, catalog, {
    title: 'Every AI system owner trained on the AI policy',
    topics: ['C.2.2'],
    owner: 'aims-manager@example.com',
    targetDate: addDays(today, 90),
    actions: 'Half-day workshop on the AI policy and the AIMS processes for each owner of an AI system.',
    resources: 'External trainer, two sessions',
    evaluation: 'Attendance records and a short quiz; reported at the next management review.',
    status: 'planned',
  });
}
