import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../db/database.ts';
import type { OrgPrincipal } from '../../domain/principal.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { createPlan } from '../monitoring/monitoring-plan.service.ts';
import { recordUploadRun } from '../monitoring/monitoring-run.service.ts';
import { seedDemoObjectives } from './demo-objectives.ts';

const dataDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');
const file = (name: string) => ({ path: path.join(dataDir, name), name });

/**
 * Monitoring for the demo's income eligibility model, computed for real from the UCI Adult
 * samples in ./data (see its README): a fairness plan whose four-fifths threshold on sex
 * breaches (so the demo has an open alert to act on), a performance plan and a drift plan that
 * pass. Each run is evidence for A.6.2.6, the controls its metric supports and the AI objectives
 * its plan measures (demo-objectives.ts).
 */
export async function seedDemoMonitoring(db: Db, principal: OrgPrincipal, catalog: Catalog): Promise<void> {
  const system = await db.kysely
    .selectFrom('ai_systems')
    .select(['id'])
    .where('org_id', '=', principal.orgId)
    .where('name', '=', 'Income eligibility model')
    .executeTakeFirst();
  if (!system) return;
  const common = { systemId: system.id, owner: 'ml-lead@example.com', frequency: 'monthly' as const };

  const fairness = await createPlan(db, principal, catalog, {
    ...common,
    title: 'Income model: fairness by sex and race',
    description: 'Quarterly scoring sample with the true outcomes; checks parity of positive decisions and of errors.',
    spec: {
      metric: 'fairness',
      label: 'income',
      prediction: 'predicted_high_income',
      positive: '>50K',
      sensitive: ['sex', 'race'],
      score: 'score',
    },
    thresholds: [
      { key: 'sex:demographic_parity_ratio.between_groups', op: '>=', value: 0.8 },
      { key: 'sex:equalized_odds_difference.worst_case.between_groups', op: '<=', value: 0.1 },
      { key: 'performance:accuracy', op: '>=', value: 0.75 },
    ],
  });

  const performance = await createPlan(db, principal, catalog, {
    ...common,
    title: 'Income model: accuracy and ROC AUC',
    spec: {
      metric: 'performance',
      label: 'income',
      prediction: 'predicted_high_income',
      positive: '>50K',
      score: 'score',
      sensitive: ['sex'],
    },
    thresholds: [
      { key: 'performance:accuracy', op: '>=', value: 0.75 },
      { key: 'performance:roc_auc', op: '>=', value: 0.7 },
    ],
  });

  const drift = await createPlan(db, principal, catalog, {
    ...common,
    title: 'Income model: input drift against the training data',
    spec: { metric: 'drift' },
    thresholds: [
      { key: 'drift:share', op: '<', value: 0.5 },
      { key: 'drift:age:psi', op: '<', value: 0.1 },
    ],
  });
  // The objectives first: each run is evidence for the objectives its plan measures.
  await seedDemoObjectives(db, principal, catalog, { fairness: fairness.id, performance: performance.id });
  await recordUploadRun(db, principal, catalog, fairness.id, new Map([['data', file('income-model-predictions.csv')]]));
  await recordUploadRun(db, principal, catalog, performance.id, new Map([['data', file('income-model-predictions.csv')]]));
  await recordUploadRun(
    db,
    principal,
    catalog,
    drift.id,
    new Map([
      ['reference', file('income-model-reference.csv')],
      ['current', file('income-model-current.csv')],
    ]),
  );
}
