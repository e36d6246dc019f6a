import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { AppError } from '../domain/errors.ts';
import type { SoaDocument, SoaRow } from '../domain/schemas/controls.schemas.ts';
import { builtInCatalogDir } from '../features/catalog/catalog.loader.ts';
import { clean, DRAFT_MARKER, frameworkLabel, statusLabel, systemsLine } from './soa-text.ts';

/**
 * The SoA as OSCAL 1.0.6 JSON.
 *
 * Model: a **component definition**, not a system security plan. An SSP would be the closer
 * word for "which controls are implemented and how", but OSCAL 1.0.6 makes an SSP require a
 * FIPS 199 security categorisation, information types, an authorization boundary, system users
 * and an imported profile — none of which an ISO/IEC 42001 AI management system records, so an
 * SSP would have to be filled with invented values. A component definition needs only what the
 * SoA holds: one component — the organization's AI management system — with one control
 * implementation per framework (Annex A, the organization's own controls) listing an
 * implemented requirement for every applicable control: how it is implemented (description),
 * its status, owner, review date, risks, inclusion reasons, flags and evidence (links to
 * back-matter resources), the justification in its remarks. Excluded controls are not
 * implemented requirements; they are carried as `excluded-control` properties of the component
 * whose remarks hold the exclusion justification, and undecided ones as `undecided-control`.
 *
 * Control ids: OSCAL ids are tokens (a letter or "_" first, then letters, digits, ".", "-", "_"),
 * so an id is lower-cased and any other character run becomes "-": `A.6.2.4` → `a.6.2.4`; an id
 * that would not start with a letter gets the prefix `control-`. This is the rule Trellis's OSCAL
 * catalog export (src/features/catalog/oscal.ts) gives controls, so the ids resolve in it; the
 * original id is kept in a `label` property.
 *
 * UUIDs are RFC 4122 version 5 (SHA-1 name-based) — the schema accepts versions 4 and 5 — derived
 * from the organization id and the subject, so re-exporting the same approved version yields the
 * same document, and a control's implemented requirement keeps its uuid across versions (OSCAL
 * asks for per-subject uuids). A draft's document uuid is derived from its generation time.
 */

export const OSCAL_VERSION = '1.0.6';
/** Namespace of the properties Trellis defines (OSCAL's own names have none). */
export const TRELLIS_OSCAL_NS = 'urn:trellis:oscal';

const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** RFC 4122 version 5 UUID of `name` in `namespace`. */
export function uuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const SOA_NAMESPACE = uuidV5(`${TRELLIS_OSCAL_NS}:soa`, URL_NAMESPACE);

const TOKEN = /^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$/u;

/** The OSCAL control id of a Trellis control id (see the module comment): `A.6.2.4` → `a.6.2.4`. */
export function oscalControlId(control: string): string {
  const base = control
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return /^[a-z_]/.test(base) ? base : `control-${base}`.replace(/-$/, '');
}

export interface OscalProp {
  name: string;
  ns?: string;
  value: string;
  class?: string;
  remarks?: string;
}
interface OscalLink {
  href: string;
  rel?: string;
  text?: string;
}
export interface OscalImplementedRequirement {
  uuid: string;
  'control-id': string;
  description: string;
  props?: OscalProp[];
  links?: OscalLink[];
  remarks?: string;
}
export interface OscalControlImplementation {
  uuid: string;
  source: string;
  description: string;
  props?: OscalProp[];
  'implemented-requirements': OscalImplementedRequirement[];
}
interface OscalResource {
  uuid: string;
  title?: string;
  description?: string;
  props?: OscalProp[];
  rlinks?: { href: string; 'media-type'?: string }[];
  remarks?: string;
}
export interface OscalSoa {
  'component-definition': {
    uuid: string;
    metadata: {
      title: string;
      published?: string;
      'last-modified': string;
      version: string;
      'oscal-version': string;
      props?: OscalProp[];
      roles?: { id: string; title: string }[];
      parties?: { uuid: string; type: 'person' | 'organization'; name?: string; 'short-name'?: string; props?: OscalProp[] }[];
      'responsible-parties'?: { 'role-id': string; 'party-uuids': string[] }[];
      remarks?: string;
    };
    components?: {
      uuid: string;
      type: string;
      title: string;
      description: string;
      props?: OscalProp[];
      'control-implementations'?: OscalControlImplementation[];
      remarks?: string;
    }[];
    'back-matter'?: { resources: OscalResource[] };
  };
}

/** A property value is one line without surrounding space (OSCAL's string type); null when nothing is left. */
function oneLine(text: string): string | null {
  const v = clean(text).replace(/\s+/g, ' ').trim();
  return v === '' ? null : v;
}

function prop(name: string, value: string | number | null, extra: { class?: string; remarks?: string } = {}): OscalProp[] {
  const v = value === null ? null : oneLine(String(value));
  if (v === null) return [];
  const cls = extra.class !== undefined && TOKEN.test(extra.class) ? { class: extra.class } : {};
  const remarks = extra.remarks !== undefined && clean(extra.remarks).trim() !== '' ? { remarks: clean(extra.remarks) } : {};
  return [{ name, ns: TRELLIS_OSCAL_NS, value: v, ...cls, ...remarks }];
}

/** Assigns each row's OSCAL control id, de-duplicating within a framework like the catalog export does. */
function controlIds(rows: SoaRow[]): Map<SoaRow, string> {
  const used = new Map<string, Set<string>>();
  const ids = new Map<SoaRow, string>();
  for (const row of rows) {
    const taken = used.get(row.framework) ?? new Set<string>();
    used.set(row.framework, taken);
    const base = oscalControlId(row.control);
    let id = base;
    for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
    taken.add(id);
    ids.set(row, id);
  }
  return ids;
}

function remarksOf(row: SoaRow): string {
  const parts = [`Justification: ${clean(row.justification)}`];
  const systems = systemsLine(row);
  if (systems) parts.push(systems);
  return parts.join('\n\n');
}

/** Builds the OSCAL component definition of an SoA (not yet validated: see `renderSoaOscal`). */
export function toOscalSoa(doc: SoaDocument): OscalSoa {
  const org = doc.organization;
  const approved = doc.version;
  const stable = (subject: string) => uuidV5(`${org.id}/${subject}`, SOA_NAMESPACE);
  const ids = controlIds(doc.rows);
  const resources = new Map<string, OscalResource>();

  const frameworks = new Map<string, SoaRow[]>();
  for (const row of doc.rows) frameworks.set(row.framework, [...(frameworks.get(row.framework) ?? []), row]);

  const frameworkTitle = (fw: string) =>
    fw === doc.framework.id
      ? `${doc.framework.name} — Annex A`
      : fw === 'org-controls'
        ? `Own controls of ${org.name}`
        : frameworkLabel(fw);

  const sourceOf = (fw: string): string => {
    const uuid = stable(`framework/${fw}`);
    if (!resources.has(uuid)) {
      resources.set(uuid, {
        uuid,
        title: clean(frameworkTitle(fw)),
        description: `The catalog the control ids refer to; Trellis exports it as an OSCAL catalog at the address below (relative to the Trellis server).`,
        props: prop('framework-id', fw),
        rlinks: [
          {
            href: `/api/orgs/${encodeURIComponent(org.slug)}/catalog/frameworks/${encodeURIComponent(fw)}/oscal`,
            'media-type': 'application/json',
          },
        ],
      });
    }
    return `#${uuid}`;
  };

  const evidenceLink = (e: SoaRow['evidence'][number]): OscalLink => {
    const uuid = stable(`evidence/${e.id}`);
    if (!resources.has(uuid)) {
      resources.set(uuid, {
        uuid,
        title: clean(`${e.ref} ${e.title}`),
        props: [
          ...prop('evidence-ref', e.ref),
          ...prop('evidence-kind', e.kind),
          ...prop('evidence-state', e.state),
          ...prop('review-due', e.reviewDue),
        ],
      });
    }
    return { href: `#${uuid}`, rel: 'evidence', text: clean(`${e.ref} ${e.title}`) };
  };

  const requirement = (row: SoaRow): OscalImplementedRequirement => {
    const described = clean(row.description).trim();
    const links = row.evidence.map(evidenceLink);
    return {
      uuid: stable(`control/${row.framework}/${row.control}`),
      'control-id': ids.get(row) ?? oscalControlId(row.control),
      description: described || `No description of how this control is implemented is recorded yet (status: ${statusLabel(row.status)}).`,
      props: [
        ...prop('label', row.control),
        ...prop('applicability', 'applicable'),
        ...prop('applicability-basis', row.derived ? 'derived-from-risks' : 'recorded-decision'),
        ...prop('implementation-status', row.status),
        ...prop('owner', row.owner),
        ...prop('review-due', row.reviewDue),
        ...prop('risk-count', row.basis.riskCount),
        ...row.basis.risks.flatMap((r) => prop('risk', r.ref, { remarks: r.title })),
        ...row.basis.reasons.flatMap((r) => prop('inclusion-reason', r.kind, { remarks: r.text })),
        ...prop('evidence-count', row.evidenceCount),
        ...prop('evidence-current', row.evidenceCurrent),
        ...prop('evidence-expired', row.evidenceExpired),
        ...row.alsoSupports.flatMap((a) =>
          prop('also-supports', a.item, { class: a.framework, remarks: `${frameworkLabel(a.framework)} ${a.item}: ${a.relationship}` }),
        ),
        ...row.flags.flatMap((f) => prop('flag', f.code, { remarks: f.message })),
      ],
      ...(links.length ? { links } : {}),
      remarks: remarksOf(row),
    };
  };

  const implementations: OscalControlImplementation[] = [];
  const notImplemented: OscalProp[] = [];
  for (const [fw, rows] of frameworks) {
    const applicable = rows.filter((r) => r.applicable === true);
    if (applicable.length > 0) {
      implementations.push({
        uuid: stable(`implementation/${fw}`),
        source: sourceOf(fw),
        description: clean(
          `How ${org.name} implements the ${applicable.length} applicable control${applicable.length === 1 ? '' : 's'} of ${frameworkTitle(fw)}.`,
        ),
        props: prop('framework-id', fw),
        'implemented-requirements': applicable.map(requirement),
      });
    }
    for (const row of rows) {
      if (row.applicable === true) continue;
      const id = ids.get(row) ?? oscalControlId(row.control);
      const flags = row.flags.map((f) => f.message);
      if (row.applicable === false) {
        const justification = row.basis.exclusion ? clean(row.basis.exclusion) : 'No justification for the exclusion is recorded.';
        notImplemented.push(
          ...prop('excluded-control', id, {
            class: fw,
            remarks: [`${row.control} ${row.title}`, `Justification for exclusion: ${justification}`, ...flags].join('\n\n'),
          }),
        );
      } else {
        notImplemented.push(
          ...prop('undecided-control', id, { class: fw, remarks: [`${row.control} ${row.title}`, ...flags].join('\n\n') }),
        );
      }
    }
  }

  const s = doc.summary;
  const orgParty = stable('party/organization');
  const approverParty = approved ? stable(`party/approver/${approved.approvedBy}`) : null;
  const lastModified = approved?.approvedAt ?? doc.generatedAt;
  return {
    'component-definition': {
      uuid: approved ? stable(`soa/v${approved.number}`) : stable(`soa/live/${doc.generatedAt}`),
      metadata: {
        title: clean(`Statement of Applicability — ${org.name}`),
        ...(approved ? { published: approved.approvedAt } : {}),
        'last-modified': lastModified,
        version: approved ? String(approved.number) : `${DRAFT_MARKER} (${doc.generatedAt})`,
        'oscal-version': OSCAL_VERSION,
        props: [
          ...prop('approval-state', approved ? 'approved' : 'draft'),
          ...(approved
            ? [...prop('soa-version', approved.number), ...prop('content-hash', approved.contentHash, { class: 'sha-256' })]
            : []),
          ...prop('generated-at', doc.generatedAt),
          ...prop('framework-id', doc.framework.id),
          ...prop('controls', s.controls),
          ...prop('applicable', s.applicable),
          ...prop('excluded', s.excluded),
          ...prop('undecided', s.undecided),
          ...prop('flagged', s.flagged),
        ],
        roles: [
          { id: 'prepared-for', title: 'Organization the Statement of Applicability belongs to' },
          ...(approved ? [{ id: 'approver', title: 'Approver of this version of the Statement of Applicability' }] : []),
        ],
        parties: [
          {
            uuid: orgParty,
            type: 'organization',
            name: clean(org.name),
            ...(oneLine(org.slug) ? { 'short-name': oneLine(org.slug) ?? '' } : {}),
          },
          ...(approved && approverParty
            ? [
                {
                  uuid: approverParty,
                  type: 'person' as const,
                  name: clean(approved.approvedBy),
                  props: prop('role-in-organization', approved.approvedRole),
                },
              ]
            : []),
        ],
        'responsible-parties': [
          { 'role-id': 'prepared-for', 'party-uuids': [orgParty] },
          ...(approverParty ? [{ 'role-id': 'approver', 'party-uuids': [approverParty] }] : []),
        ],
        remarks: approved
          ? clean(
              `Approved version ${approved.number}. Approval comment: ${approved.comment}\n\nContent hash (SHA-256): ${approved.contentHash}`,
            )
          : `${DRAFT_MARKER}: the live Statement of Applicability as generated at ${doc.generatedAt}. It may still change.`,
      },
      components: [
        {
          uuid: stable('component/aims'),
          // The AI management system is the organization's policies, processes and procedures.
          type: 'process-procedure',
          title: clean(`${org.name} — AI management system`),
          description: clean(
            `The AI management system of ${org.name} and the controls of its Statement of Applicability: ` +
              `${s.applicable} applicable, ${s.excluded} excluded, ${s.undecided} not decided, of ${s.controls}.`,
          ),
          ...(notImplemented.length ? { props: notImplemented } : {}),
          ...(implementations.length ? { 'control-implementations': implementations } : {}),
        },
      ],
      ...(resources.size ? { 'back-matter': { resources: [...resources.values()] } } : {}),
    },
  };
}

let validator: ValidateFunction | null = null;

/** NIST's OSCAL 1.0.6 component-definition JSON Schema (public domain), shipped in catalog/oscal/. */
function componentValidator(): ValidateFunction {
  if (!validator) {
    const schema = JSON.parse(fs.readFileSync(path.join(builtInCatalogDir, 'oscal', 'oscal_component_schema.json'), 'utf8')) as object;
    // OSCAL's schemas use draft-07 keywords ajv's strict mode rejects; formats need ajv-formats.
    const ajv = new Ajv({ strict: false, allErrors: true });
    (addFormats as unknown as (a: Ajv) => void)(ajv);
    validator = ajv.compile(schema);
  }
  return validator;
}

/** The schema violations of an OSCAL component definition (empty when valid), at most 20. */
export function validateOscalSoa(oscal: unknown): { path: string; message: string }[] {
  const validate = componentValidator();
  if (validate(oscal)) return [];
  return (validate.errors ?? []).slice(0, 20).map((e: ErrorObject) => ({ path: e.instancePath || '/', message: e.message ?? 'invalid' }));
}

/**
 * The SoA as OSCAL JSON text, validated against the OSCAL 1.0.6 schema before it is handed out.
 * @throws AppError `internal` when the document does not validate (details: the violations).
 */
export function renderSoaOscal(doc: SoaDocument): Buffer {
  const oscal = toOscalSoa(doc);
  const errors = validateOscalSoa(oscal);
  if (errors.length > 0) {
    throw new AppError('internal', 'the OSCAL export of the Statement of Applicability does not validate against the OSCAL 1.0.6 schema', {
      errors,
    });
  }
  return Buffer.from(`${JSON.stringify(oscal, null, 2)}\n`, 'utf8');
}
