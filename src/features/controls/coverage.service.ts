import type { Db } from '../../db/database.ts';
import { AppError } from '../../domain/errors.ts';
import { requirePermission, type OrgPrincipal } from '../../domain/principal.ts';
import type { SoaRow } from '../../domain/schemas/controls.schemas.ts';
import {
  coverageStates,
  coverageTargets,
  type ControlCoverageState,
  type CoverageControl,
  type CoverageGroup,
  type CoverageItem,
  type CoverageState,
  type CoverageTotals,
  type FrameworkCoverage,
} from '../../domain/schemas/coverage.schemas.ts';
import { nowIso, today } from '../../domain/time.ts';
import { inverseRelationship, type Catalog } from '../catalog/catalog.ts';
import { catalogForOrg } from '../catalog/catalog.service.ts';
import { getOrganization } from '../organizations/organization.service.ts';
import { ANNEX_A_FRAMEWORK, CONTROL_FRAMEWORKS } from './control-catalog.ts';
import { controlKey } from './controls.repository.ts';
import { buildSoa, type SoaOrganization } from './soa.service.ts';

/**
 * Framework coverage: which items of ISO/IEC 27001, the NIST AI RMF or the EU AI Act the
 * organization's control implementations and their evidence also support, through the catalog's
 * crosswalks. Built on the live SoA (a fixed number of queries whatever the size); the crosswalk
 * side is pure catalog lookups.
 */

const rank: Record<ControlCoverageState, number> = { covered: 0, 'in-progress': 1, 'not-covered': 2 };

/**
 * The state a control lends to the items it maps to, from its SoA row: covered when applicable,
 * implemented and backed by current (or expiring) evidence; in progress when applicable and on its
 * way (planned, partially implemented, or implemented with no current evidence); otherwise not covered.
 */
export function controlCoverageState(row: Pick<SoaRow, 'applicable' | 'status' | 'evidenceCurrent'>): ControlCoverageState {
  if (row.applicable !== true) return 'not-covered';
  if (row.status === 'implemented') return row.evidenceCurrent > 0 ? 'covered' : 'in-progress';
  if (row.status === 'planned' || row.status === 'partially-implemented') return 'in-progress';
  return 'not-covered';
}

function emptyTotals(): CoverageTotals {
  return Object.fromEntries(coverageStates.map((s) => [s, 0])) as CoverageTotals;
}

/**
 * The target framework named by a request, in the organization's catalog.
 * @throws AppError `not_found` (not in the catalog) or `rule_violated` (not a framework coverage is computed for),
 * naming `querystring.framework`.
 */
function resolveTarget(catalog: Catalog, framework: string) {
  const known = coverageTargets.map((t) => t.framework).join(', ');
  if (!catalog.frameworks.has(framework)) {
    throw new AppError('not_found', `no framework "${framework}" in the catalog`, {
      issues: [{ path: 'querystring.framework', message: `one of ${known}` }],
    });
  }
  const target = coverageTargets.find((t) => t.framework === framework);
  if (!target) {
    throw new AppError('rule_violated', `coverage is computed for ${known}, not for "${framework}"`, {
      issues: [{ path: 'querystring.framework', message: `one of ${known}` }],
    });
  }
  return target;
}

/**
 * Coverage of `framework` from an already built SoA and the catalog it was built from. Pure: the
 * same inputs give the same document.
 */
export function coverageFromSoa(
  catalog: Catalog,
  framework: string,
  rows: SoaRow[],
  org: SoaOrganization,
  asOf: string,
): FrameworkCoverage {
  const target = resolveTarget(catalog, framework);
  const fw = catalog.framework(framework);
  const annex = catalog.framework(ANNEX_A_FRAMEWORK);
  const soaRows = new Map(rows.map((r) => [controlKey(r.framework, r.control), r]));
  const order = new Map(rows.map((r, i) => [controlKey(r.framework, r.control), i]));
  const controlFrameworks = CONTROL_FRAMEWORKS as readonly string[];
  const reached = new Set<string>();

  const itemOf = (id: string, title: string): CoverageItem => {
    const controls: CoverageControl[] = [];
    const clauses: CoverageItem['clauses'] = [];
    const seen = new Set<string>();
    for (const link of catalog.linksOf(framework, id)) {
      if (!controlFrameworks.includes(link.frameworkId)) continue;
      const key = controlKey(link.frameworkId, link.itemId);
      // The same pair can come from a built-in and an organization's crosswalk: list it once.
      if (seen.has(key)) continue;
      seen.add(key);
      const relationship = inverseRelationship(link.relationship);
      const row = soaRows.get(key);
      if (row) {
        reached.add(key);
        controls.push({
          framework: row.framework,
          control: row.control,
          title: row.title,
          relationship,
          applicable: row.applicable,
          status: row.status,
          evidenceCurrent: row.evidenceCurrent,
          evidenceExpired: row.evidenceExpired,
          state: controlCoverageState(row),
        });
      } else if (link.frameworkId === ANNEX_A_FRAMEWORK) {
        clauses.push({ item: link.itemId, title: annex.items.get(link.itemId)?.title ?? link.itemId, relationship });
      }
    }
    controls.sort(
      (a, b) =>
        rank[a.state] - rank[b.state] ||
        (order.get(controlKey(a.framework, a.control)) ?? 0) - (order.get(controlKey(b.framework, b.control)) ?? 0),
    );
    const best = controls[0]?.state;
    const state: CoverageState = best ?? (clauses.length > 0 ? 'clauses-only' : 'no-mapping');
    return { id, title, state, controls, clauses };
  };

  const groups = new Map<string, CoverageGroup>(
    fw.framework.groups.map((g) => [g.id, { id: g.id, title: g.title, totals: emptyTotals(), items: [] }]),
  );
  const totals = emptyTotals();
  let count = 0;
  for (const item of fw.framework.items) {
    if (item.kind !== target.itemKind) continue;
    const groupId = item.group ?? '';
    let group = groups.get(groupId);
    if (!group) {
      group = { id: groupId, title: 'Other', totals: emptyTotals(), items: [] };
      groups.set(groupId, group);
    }
    const covered = itemOf(item.id, item.title);
    group.items.push(covered);
    group.totals[covered.state] += 1;
    totals[covered.state] += 1;
    count += 1;
  }

  const crosswalks = catalog.crosswalks
    .filter((c) => (c.from === framework && controlFrameworks.includes(c.to)) || (c.to === framework && controlFrameworks.includes(c.from)))
    .map((c) => ({ id: c.id, source: c.source, description: c.description ?? '' }));

  return {
    organization: { id: org.id, slug: org.slug, name: org.name },
    generatedAt: nowIso(),
    asOf,
    framework: { id: fw.framework.id, name: fw.framework.name, shortName: fw.framework.shortName, version: fw.framework.version },
    itemKind: target.itemKind,
    groupLabel: target.groupLabel,
    crosswalks,
    summary: { items: count, totals, controls: reached.size },
    groups: [...groups.values()].filter((g) => g.items.length > 0),
  };
}

/**
 * The caller's organization's coverage of a target framework, as of today. Any member may read it.
 * @throws AppError `not_found` / `rule_violated` for a framework coverage is not computed for.
 */
export async function frameworkCoverage(db: Db, principal: OrgPrincipal, builtIn: Catalog, framework: string): Promise<FrameworkCoverage> {
  requirePermission(principal, 'records.read');
  const catalog = await catalogForOrg(db, builtIn, principal);
  // Reject an unknown framework before the SoA's queries run.
  resolveTarget(catalog, framework);
  const org = await getOrganization(db, principal);
  const asOf = today();
  const soa = await buildSoa(db, catalog, { id: org.id, slug: org.slug, name: org.name }, asOf);
  return coverageFromSoa(catalog, framework, soa.rows, soa.organization, asOf);
}
