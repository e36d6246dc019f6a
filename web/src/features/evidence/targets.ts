import type { EvidenceLink, EvidenceLinkTargets } from './api.ts';

/** The framework of the Annex A controls and clauses, and of the organization's own controls. */
export const ISO_42001 = 'iso42001-2023';
export const OWN_CONTROLS = 'org-controls';

export interface ControlTarget {
  framework: string;
  control: string;
}

export interface RequirementTarget {
  framework: string;
  item: string;
}

/** A risk, AI system or AI objective chosen in a picker: its id, and what to show. */
export interface RecordTarget {
  id: string;
  ref: string;
  name: string;
}

/** What an evidence item is linked to, as a form holds it. */
export interface LinkSelection {
  controls: ControlTarget[];
  requirements: RequirementTarget[];
  risks: RecordTarget[];
  systems: RecordTarget[];
  objectives: RecordTarget[];
}

export const emptySelection: LinkSelection = { controls: [], requirements: [], risks: [], systems: [], objectives: [] };

/** A control as the API's list filter names it: "A.6.2.6" (Annex A) or "org-controls:OWN-1". */
export function controlParam(framework: string, control: string): string {
  return framework === ISO_42001 ? control : `${framework}:${control}`;
}

export function controlFromParam(value: string): ControlTarget {
  const own = /^org-controls:(.+)$/.exec(value);
  return own ? { framework: OWN_CONTROLS, control: own[1] ?? '' } : { framework: ISO_42001, control: value };
}

/** A requirement from the address: "iso42001-2023:9.2", or a bare clause "9.2" of ISO/IEC 42001. */
export function requirementFromParam(value: string): RequirementTarget {
  const at = value.indexOf(':');
  return at > 0 ? { framework: value.slice(0, at), item: value.slice(at + 1) } : { framework: ISO_42001, item: value };
}

export function selectionCount(s: LinkSelection): number {
  return s.controls.length + s.requirements.length + s.risks.length + s.systems.length + s.objectives.length;
}

/** The API's link targets for a selection. */
export function toLinkTargets(s: LinkSelection): EvidenceLinkTargets {
  return {
    controls: s.controls.map((c) => ({ framework: c.framework as 'iso42001-2023' | 'org-controls', control: c.control })),
    requirements: s.requirements.map((r) => ({ framework: r.framework, item: r.item })),
    risks: s.risks.map((r) => r.id),
    systems: s.systems.map((r) => r.id),
    objectives: s.objectives.map((o) => o.id),
  };
}

/** The API's link targets naming one existing link (to remove it). */
export function targetsOfLink(link: EvidenceLink): EvidenceLinkTargets {
  switch (link.type) {
    case 'control':
      return { controls: [{ framework: link.framework as 'iso42001-2023' | 'org-controls', control: link.target }] };
    case 'requirement':
      return { requirements: [{ framework: link.framework, item: link.target }] };
    case 'risk':
      return { risks: [link.target] };
    case 'ai-system':
      return { systems: [link.target] };
    case 'objective':
      return { objectives: [link.target] };
  }
}

/** "A.6.2.6", "ISO/IEC 42001 9.2", "RSK-0003", "OBJ-0001": how a link is named in a sentence. */
export function linkName(link: EvidenceLink): string {
  if (link.type === 'risk' || link.type === 'ai-system' || link.type === 'objective') return link.ref ?? link.target;
  if (link.type === 'requirement') return link.framework === ISO_42001 ? `Clause ${link.target}` : `${link.framework} ${link.target}`;
  return link.framework === OWN_CONTROLS ? `${link.target} (own control)` : link.target;
}
