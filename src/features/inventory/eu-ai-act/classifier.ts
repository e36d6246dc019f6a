import type {
  ClassificationAnswers,
  ClassificationResult,
  EuRole,
  Obligation,
  RiskClass,
} from '../../../domain/schemas/inventory.schemas.ts';
import { euRoles } from '../../../domain/schemas/inventory.schemas.ts';
import { applicationDates, highRiskProviderKeys, obligationDefinition } from './obligations.ts';
import {
  annexIActs,
  annexIIIPoints,
  exclusions,
  prohibitedPractices,
  roleShifts,
  transparencyUses,
  validateAnswers,
  type ExclusionValue,
} from './questionnaire.ts';

/**
 * Classifies an AI system under the EU AI Act from validated questionnaire answers, in the
 * order the law decides (see docs/user-guide/eu-ai-act-classification.md):
 *
 *  1. scope: AI system (Art. 3(1)), EU nexus (Art. 2(1)), exclusions (Art. 2(3), (6), (8), (10));
 *  2. prohibited practices (Art. 5) — stops the risk-tier route;
 *  3. high-risk through Annex I products (Art. 6(1)) or Annex III uses (Art. 6(2)), unless the
 *     Art. 6(3) derogation applies (never when the system profiles people);
 *  4. transparency (Art. 50), on top of high-risk or as limited risk;
 *  5. otherwise minimal risk; an open-source system that is only minimal-risk is out of scope (Art. 2(12)).
 *
 * General-purpose AI models are a separate track (`gpai`), evaluated whatever the outcome.
 * Pure: the same answers and catalog ids always give the same result.
 *
 * @param knownRefs item ids of the eu-ai-act-2024 catalog; sets `inCatalog` on each obligation.
 * @throws Error when the answers do not pass `validateAnswers`.
 */
export function classify(answers: ClassificationAnswers, knownRefs: ReadonlySet<string>): ClassificationResult {
  const issues = validateAnswers(answers);
  if (issues.length > 0) {
    const shown = issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`);
    throw new Error(`invalid classification answers (${issues.length}): ${shown.join('; ')}${issues.length > 5 ? '; …' : ''}`);
  }
  const a = readAnswers(answers);
  const reasons: Reason[] = [];
  const obligations = new ObligationList(knownRefs);
  const gpai = classifyGpai(a, knownRefs);
  const done = (outcome: RiskClass, basis: string[], roles: EuRole[], transparency: string[] = []): ClassificationResult => ({
    outcome,
    basis,
    reasons,
    obligations: obligations.list(),
    transparency,
    effectiveRoles: roles,
    gpai,
  });

  // ---- 1. scope ----
  if (!a.aiSystem) {
    reasons.push({
      ref: 'Art. 3(1)',
      text: 'It is not an AI system as defined in the AI Act (a machine-based system that infers from its input how to produce outputs such as predictions, content, recommendations or decisions), so the rules for AI systems do not apply.',
    });
    if (gpai) reasons.push({ ...gpaiTrackNote });
    return done('out-of-scope', ['Art. 3(1)'], []);
  }
  reasons.push({ ref: 'Art. 3(1)', text: 'It is an AI system as defined in the AI Act.' });
  if (!a.euNexus) {
    reasons.push({
      ref: 'Art. 2(1)',
      text: 'It is not placed on the market or put into service in the EU, not used by an organization in the EU, and its output is not used in the EU, so the AI Act does not reach it.',
    });
    if (gpai) reasons.push({ ...gpaiTrackNote });
    return done('out-of-scope', ['Art. 2(1)'], []);
  }
  reasons.push({
    ref: 'Art. 2(1)',
    text: 'It is placed on the market, put into service or used in the EU, or its output is used in the EU, so the AI Act can apply.',
  });
  const excluded = exclusionOutcome(a.exclusion);
  if (excluded) {
    reasons.push({ ref: excluded.basis[0] ?? 'Art. 2', text: excluded.text });
    if (gpai) reasons.push({ ...gpaiTrackNote });
    return done('out-of-scope', excluded.basis, []);
  }
  const openSource = a.exclusion === 'open-source';
  const roles = sortRoles(a.roles);

  // ---- 2. prohibited practices ----
  if (a.prohibited.length > 0) {
    const practices = prohibitedPractices.filter((p) => a.prohibited.includes(p.value));
    for (const p of practices)
      reasons.push({
        ref: p.ref,
        text: `It falls under a prohibited practice (${p.title.toLowerCase()}). It must not be placed on the market, put into service or used in the EU; this applies since ${applicationDates.prohibitions}.`,
      });
    if (openSource)
      reasons.push({
        ref: 'Art. 2(12)',
        text: 'Being released under a free and open-source licence does not exempt a prohibited practice.',
      });
    reasons.push({
      ref: 'Art. 5',
      text: 'The classification stops here: a prohibited system is not assessed for high-risk or transparency duties.',
    });
    for (const p of practices) for (const role of roles) obligations.add(`prohibited-${p.value}-${role}`);
    return done(
      'prohibited',
      practices.map((p) => p.ref),
      roles,
    );
  }
  reasons.push({ ref: 'Art. 5', text: 'None of the eight prohibited practices applies.' });

  // ---- 3a. high-risk through Annex I products (Art. 6(1)) ----
  const act = annexIActs.find((x) => x.value === a.annexIProduct);
  let annexIRoute: 'A' | 'B' | null = null;
  if (act && a.annexIThirdParty) {
    annexIRoute = act.section;
    reasons.push({
      ref: 'Art. 6(1)',
      text: `It is a product, or a safety component of a product, under ${act.label} (Annex I Section ${act.section}), and the product needs a third-party conformity assessment, so it is high-risk. These obligations apply from ${applicationDates.annexI}.`,
    });
  } else if (act) {
    reasons.push({
      ref: 'Art. 6(1)',
      text: `It relates to a product under ${act.label}, but the product does not need a third-party conformity assessment, so it is not high-risk through the product route.`,
    });
  }

  // ---- 3b. high-risk through Annex III uses (Art. 6(2)) and the Art. 6(3) derogation ----
  const points = annexIIIPoints.filter((p) => a.annexIII.includes(p.value));
  let annexIIIRoute = false;
  let derogated = false;
  if (points.length > 0) {
    const listed = points.map((p) => `${p.ref} (${p.label.charAt(0).toLowerCase()}${p.label.slice(1)})`).join('; ');
    if (a.derogation.length === 0) {
      annexIIIRoute = true;
      reasons.push({
        ref: 'Art. 6(2)',
        text: `It is intended for a high-risk use listed in Annex III: ${listed}. None of the Art. 6(3) conditions for an exception applies, so it is high-risk. These obligations apply from ${applicationDates.general}.`,
      });
    } else if (a.profiling) {
      annexIIIRoute = true;
      reasons.push({
        ref: 'Art. 6(3)',
        text: `It is intended for a high-risk use listed in Annex III: ${listed}. An Art. 6(3) condition was named, but the system profiles people, and a system in an Annex III use that profiles people is always high-risk: the exception is not available. These obligations apply from ${applicationDates.general}.`,
      });
    } else if (!a.noSignificantRisk) {
      annexIIIRoute = true;
      reasons.push({
        ref: 'Art. 6(3)',
        text: `It is intended for a high-risk use listed in Annex III: ${listed}. An Art. 6(3) condition was named, but it has not been concluded that the system poses no significant risk to health, safety or fundamental rights, so the exception does not apply and it is high-risk. These obligations apply from ${applicationDates.general}.`,
      });
    } else {
      derogated = true;
      reasons.push({
        ref: 'Art. 6(3)',
        text: `It is intended for a use listed in Annex III (${listed}), but it only ${a.derogation.map(derogationPhrase).join(', and ')}; it does not profile people, and it was assessed as posing no significant risk to health, safety or fundamental rights. So it is not high-risk through Annex III. As provider you must document this assessment before placing it on the market (Art. 6(4)) and register it in the EU database (Art. 49(2)); authorities can challenge the assessment.`,
      });
    }
  }
  const highRisk = annexIRoute !== null || annexIIIRoute;
  if (!highRisk && points.length === 0)
    reasons.push({
      ref: 'Art. 6',
      text: `It is not intended for any of the high-risk uses listed in Annex III${act ? '' : ', and it is not a product (or safety component of a product) under the EU product laws of Annex I'}, so it is not high-risk.`,
    });
  // Art. 2(2): for Annex I Section B products only Art. 6(1), 102–109 and 112 apply.
  const sectionBOnly = annexIRoute === 'B' && !annexIIIRoute;

  // ---- effective roles (Art. 25) ----
  const effective = new Set<EuRole>(roles);
  if (a.roleShift.length > 0) {
    const shifts = roleShifts.filter((s) => a.roleShift.includes(s.value));
    if (highRisk && !sectionBOnly) {
      for (const s of shifts)
        reasons.push({
          ref: s.article,
          text: roles.includes('provider')
            ? `You answered “${s.label}”; you are its provider anyway.`
            : `You answered “${s.label}”, so you count as the provider of this high-risk system, with all the provider’s obligations; the original provider is then no longer its provider for this purpose but must cooperate and hand over the information you need (Art. 25(2)).`,
        });
      effective.add('provider');
    } else if (sectionBOnly) {
      reasons.push({
        ref: 'Art. 2(2)',
        text: 'The Art. 25 role changes do not apply to products under Annex I Section B; who counts as manufacturer follows the sector law.',
      });
    } else {
      reasons.push({
        ref: 'Art. 25(1)',
        text: 'The changes you made to the system (rebranding, substantial modification or a new intended purpose) make you its provider only when the system is high-risk, which it is not here; your role does not change.',
      });
    }
  }
  if (annexIRoute === 'A' && roles.includes('product-manufacturer')) {
    if (!effective.has('provider'))
      reasons.push({
        ref: 'Art. 25(3)',
        text: 'As the manufacturer of the product that contains this high-risk AI system as a safety component, under your own name or trademark, you count as its provider.',
      });
    effective.add('provider');
  }
  const effectiveRoles = sortRoles([...effective]);
  const has = (role: EuRole) => effective.has(role);

  // ---- 4. transparency (Art. 50) ----
  let transparency = [...new Set(transparencyUses.filter((t) => a.transparency.includes(t.value)).map((t) => t.paragraph))];
  if (sectionBOnly && transparency.length > 0) {
    reasons.push({
      ref: 'Art. 2(2)',
      text: 'The Art. 50 transparency duties do not apply directly: for products under Annex I Section B only Art. 6(1), Art. 102–109 and Art. 112 of the AI Act apply.',
    });
    transparency = [];
  }
  for (const paragraph of transparency) reasons.push(transparencyReason(paragraph, effective));

  // ---- obligations ----
  const highRiskPhase: 'general' | 'annexI' = annexIIIRoute ? 'general' : 'annexI';
  if (!sectionBOnly) {
    if (has('provider')) obligations.add('ai-literacy-provider');
    if (has('deployer')) obligations.add('ai-literacy-deployer');
  }
  if (sectionBOnly) {
    reasons.push({
      ref: 'Art. 2(2)',
      text: 'Because the product falls under Annex I Section B (vehicles, aviation, marine equipment or rail), only Art. 6(1), Art. 102–109 and Art. 112 of the AI Act apply directly; the high-risk requirements are applied through the approval rules of the sector law.',
    });
    if (has('provider')) obligations.add('section-b-provider');
    if (has('product-manufacturer')) obligations.add('section-b-product-manufacturer');
  } else if (highRisk) {
    if (has('provider')) {
      for (const key of highRiskProviderKeys) obligations.add(key, highRiskPhase);
      if (annexIIIRoute) {
        const onlyPoint2 = points.every((p) => p.value === '2');
        obligations.add(onlyPoint2 ? 'registration-national' : 'registration-eu', highRiskPhase);
      }
    }
    if (has('authorised-representative')) obligations.add('authorised-representative', highRiskPhase);
    if (has('importer')) obligations.add('importer', highRiskPhase);
    if (has('distributor')) obligations.add('distributor', highRiskPhase);
    if (annexIRoute === 'A' && has('product-manufacturer')) obligations.add('product-manufacturer-provider', 'annexI');
    if (has('deployer')) {
      obligations.add('deployer', highRiskPhase);
      const fria = friaDecision(points, annexIIIRoute, a.publicServiceDeployer);
      reasons.push(fria.reason);
      if (fria.required) obligations.add('fria', 'general');
    }
  }
  if (derogated && has('provider')) {
    obligations.add('derogation-documentation');
    obligations.add('registration-derogation');
  }
  for (const paragraph of transparency) {
    if (paragraph === 'Art. 50(1)' && has('provider')) obligations.add('transparency-interaction');
    if (paragraph === 'Art. 50(2)' && has('provider')) obligations.add('transparency-marking');
    if (paragraph === 'Art. 50(3)' && has('deployer')) obligations.add('transparency-emotion');
    if (paragraph === 'Art. 50(4)' && has('deployer')) obligations.add('transparency-deep-fake');
  }

  // ---- outcome ----
  if (highRisk) {
    const basis = [...(annexIRoute ? ['Art. 6(1)', 'Annex I'] : []), ...(annexIIIRoute ? ['Art. 6(2)', ...points.map((p) => p.ref)] : [])];
    if (openSource)
      reasons.push({
        ref: 'Art. 2(12)',
        text: 'Being released under a free and open-source licence does not exempt a high-risk system.',
      });
    if (transparency.length > 0)
      reasons.push({
        ref: 'Art. 50',
        text: `The transparency duties (${transparency.join(', ')}) apply on top of the high-risk obligations.`,
      });
    return done('high-risk', basis, effectiveRoles, transparency);
  }
  const derogationBasis = derogated ? ['Art. 6(3)'] : [];
  if (transparency.length > 0) {
    reasons.push({
      ref: 'Art. 50',
      text: `It is not high-risk, but transparency duties apply (${transparency.join(', ')}): limited risk.${openSource ? ' Being released under a free and open-source licence does not exempt these duties (Art. 2(12)).' : ''}`,
    });
    return done('limited-risk', [...derogationBasis, ...transparency], effectiveRoles, transparency);
  }
  if (openSource) {
    reasons.push({
      ref: 'Art. 2(12)',
      text: 'It is released under a free and open-source licence and is neither prohibited, high-risk nor subject to Art. 50, so the AI Act does not apply to it.',
    });
    obligations.clear();
    return done('out-of-scope', [...derogationBasis, 'Art. 2(12)'], effectiveRoles);
  }
  reasons.push({
    ref: 'Art. 95',
    text: 'It is not prohibited, not high-risk and has no transparency duty: minimal risk. Beyond AI literacy there are no specific AI Act obligations; voluntary codes of conduct are encouraged.',
  });
  return done('minimal-risk', derogationBasis, effectiveRoles);
}

// ---------- answers ----------

interface Answers {
  aiSystem: boolean;
  euNexus: boolean;
  exclusion: ExclusionValue;
  roles: EuRole[];
  roleShift: string[];
  prohibited: string[];
  annexIProduct: string;
  annexIThirdParty: boolean;
  annexIII: string[];
  derogation: string[];
  profiling: boolean;
  noSignificantRisk: boolean;
  transparency: string[];
  publicServiceDeployer: boolean;
  gpaiProvider: boolean;
  gpaiCompute: boolean;
  gpaiDesignated: boolean;
  gpaiOpenSource: boolean;
  gpaiEuEstablished: boolean;
}

/** Reads validated answers; a question that was not asked reads as "no" / none. */
function readAnswers(answers: ClassificationAnswers): Answers {
  const bool = (id: string) => answers[id] === true;
  const list = (id: string) => {
    const v = answers[id];
    return Array.isArray(v) ? v : [];
  };
  const text = (id: string, fallback: string) => {
    const v = answers[id];
    return typeof v === 'string' ? v : fallback;
  };
  return {
    aiSystem: bool('ai-system'),
    euNexus: bool('eu-nexus'),
    exclusion: text('exclusion', 'none') as ExclusionValue,
    roles: list('roles') as EuRole[],
    roleShift: list('role-shift'),
    prohibited: list('prohibited-practices'),
    annexIProduct: text('annex-i-product', 'none'),
    annexIThirdParty: bool('annex-i-third-party'),
    annexIII: list('annex-iii-uses'),
    derogation: list('derogation-conditions'),
    profiling: bool('profiling'),
    noSignificantRisk: bool('no-significant-risk'),
    transparency: list('transparency-uses'),
    publicServiceDeployer: bool('public-service-deployer'),
    gpaiProvider: bool('gpai-provider'),
    gpaiCompute: bool('gpai-compute'),
    gpaiDesignated: bool('gpai-designated'),
    gpaiOpenSource: bool('gpai-open-source'),
    gpaiEuEstablished: bool('gpai-eu-established'),
  };
}

// ---------- helpers ----------

interface Reason {
  ref: string;
  text: string;
}

const gpaiTrackNote: Reason = {
  ref: 'Art. 53',
  text: 'The general-purpose AI model you provide is assessed separately (see the general-purpose AI result).',
};

function sortRoles(roles: readonly EuRole[]): EuRole[] {
  return euRoles.filter((r) => roles.includes(r));
}

function exclusionOutcome(exclusion: ExclusionValue): { basis: string[]; text: string } | null {
  const label = exclusions.find((e) => e.value === exclusion)?.label ?? exclusion;
  switch (exclusion) {
    case 'none':
    case 'open-source':
      return null;
    case 'military':
      return {
        basis: ['Art. 2(3)'],
        text: `${label}: the AI Act does not apply to systems used exclusively for military, defence or national-security purposes.`,
      };
    case 'research':
      return {
        basis: ['Art. 2(6)', 'Art. 2(8)'],
        text: `${label}: the AI Act does not apply to systems developed and put into service solely for scientific research and development, nor to research, testing and development before a system is placed on the market (testing in real-world conditions excepted). Classify it again before it is placed on the market or put into service.`,
      };
    case 'personal':
      return {
        basis: ['Art. 2(10)'],
        text: `${label}: the AI Act places no duties on people using AI in a purely personal, non-professional activity.`,
      };
  }
}

function derogationPhrase(condition: string): string {
  switch (condition) {
    case 'a':
      return 'performs a narrow procedural task (Art. 6(3)(a))';
    case 'b':
      return 'improves the result of a completed human activity (Art. 6(3)(b))';
    case 'c':
      return 'detects decision patterns or deviations without replacing or influencing the human assessment (Art. 6(3)(c))';
    default:
      return 'performs a preparatory task for the assessment (Art. 6(3)(d))';
  }
}

function transparencyReason(paragraph: string, roles: ReadonlySet<EuRole>): Reason {
  const provider = paragraph === 'Art. 50(1)' || paragraph === 'Art. 50(2)';
  const what: Record<string, string> = {
    'Art. 50(1)': 'It interacts directly with people, so they must be told they are dealing with an AI system',
    'Art. 50(2)': 'It generates synthetic audio, image, video or text, which must be marked as AI-generated in a machine-readable way',
    'Art. 50(3)': 'It recognises emotions or categorises people from biometric data, so the people exposed must be informed',
    'Art. 50(4)': 'It produces deep fakes or AI-generated text on matters of public interest, which must be disclosed',
  };
  const holder = provider ? 'provider' : 'deployer';
  const yours = roles.has(holder);
  return {
    ref: paragraph,
    text: `${what[paragraph] ?? paragraph}. This duty falls on the ${holder}${yours ? '' : `; you are not the ${holder}, so check that the ${holder} meets it`}. It applies from ${applicationDates.general}.`,
  };
}

function friaDecision(
  points: readonly { value: string }[],
  annexIIIRoute: boolean,
  publicServiceDeployer: boolean,
): { required: boolean; reason: Reason } {
  if (!annexIIIRoute)
    return {
      required: false,
      reason: {
        ref: 'Art. 27',
        text: 'No fundamental rights impact assessment is required: it applies only to high-risk uses listed in Annex III.',
      },
    };
  const values = points.map((p) => p.value);
  const finance = values.filter((v) => v === '5(b)' || v === '5(c)');
  if (finance.length > 0)
    return {
      required: true,
      reason: {
        ref: 'Art. 27',
        text: `As a deployer of a system for ${finance.map((v) => `Annex III.${v}`).join(' and ')} (${finance.includes('5(b)') ? 'credit scoring' : 'life and health insurance pricing'}), you must carry out a fundamental rights impact assessment before first use.`,
      },
    };
  const beyondPoint2 = values.some((v) => v !== '2');
  if (publicServiceDeployer && beyondPoint2)
    return {
      required: true,
      reason: {
        ref: 'Art. 27',
        text: 'As a public body or a private organization providing public services that deploys a high-risk system from Annex III, you must carry out a fundamental rights impact assessment before first use.',
      },
    };
  if (publicServiceDeployer)
    return {
      required: false,
      reason: {
        ref: 'Art. 27',
        text: 'No fundamental rights impact assessment is required: systems for critical infrastructure (Annex III point 2) are excluded from it, even for public bodies.',
      },
    };
  return {
    required: false,
    reason: {
      ref: 'Art. 27',
      text: 'No fundamental rights impact assessment is required: it applies to public bodies and private providers of public services, and to any deployer of credit scoring or life and health insurance pricing systems (Annex III.5(b), 5(c)).',
    },
  };
}

/** Collects obligations once per ref and role, in obligation-table order. */
class ObligationList {
  readonly #items = new Map<string, { index: number; obligation: Obligation }>();
  constructor(private readonly knownRefs: ReadonlySet<string>) {}

  add(key: string, phase?: 'general' | 'annexI'): void {
    const { definition, index } = obligationDefinition(key);
    const id = `${definition.ref}\u0000${definition.role}`;
    if (this.#items.has(id)) return;
    const resolved = definition.phase === 'high-risk' ? (phase ?? 'general') : definition.phase;
    this.#items.set(id, {
      index,
      obligation: {
        ref: definition.ref,
        title: definition.title,
        duty: definition.duty,
        role: definition.role,
        appliesFrom: applicationDates[resolved],
        inCatalog: this.knownRefs.has(definition.ref),
      },
    });
  }

  clear(): void {
    this.#items.clear();
  }

  list(): Obligation[] {
    return [...this.#items.values()].sort((x, y) => x.index - y.index).map((x) => x.obligation);
  }
}

// ---------- general-purpose AI models (Chapter V) ----------

function classifyGpai(a: Answers, knownRefs: ReadonlySet<string>): ClassificationResult['gpai'] {
  if (!a.gpaiProvider) return null;
  const obligations = new ObligationList(knownRefs);
  const reasons: Reason[] = [
    {
      ref: 'Art. 53',
      text: `You provide a general-purpose AI model, so the Chapter V obligations for model providers apply from ${applicationDates.gpai} (models placed on the market before that date have until 2027-08-02, Art. 111(3)).`,
    },
  ];
  const basis = ['Art. 53'];
  if (a.gpaiCompute) {
    basis.push('Art. 51(1)(a)', 'Art. 51(2)');
    reasons.push({
      ref: 'Art. 51(2)',
      text: 'Its training used more than 10^25 floating-point operations, so it is presumed to have high-impact capabilities and is a model with systemic risk.',
    });
  }
  if (a.gpaiDesignated) {
    basis.push('Art. 51(1)(b)');
    reasons.push({
      ref: 'Art. 51(1)(b)',
      text: 'The Commission has designated it as a model with systemic risk.',
    });
  }
  const systemicRisk = a.gpaiCompute || a.gpaiDesignated;
  if (!systemicRisk)
    reasons.push({
      ref: 'Art. 51',
      text: 'Its training compute does not exceed 10^25 FLOP and the Commission has not designated it, so it is not a model with systemic risk. Check again if the model is trained further or the threshold changes.',
    });
  const openSourceExempt = a.gpaiOpenSource && !systemicRisk;
  if (a.gpaiOpenSource)
    reasons.push({
      ref: 'Art. 53(2)',
      text: openSourceExempt
        ? 'It is released under a free and open-source licence with public weights, so it is exempt from the technical documentation and downstream information duties and from appointing an authorised representative; the copyright policy and training-content summary remain.'
        : 'It is released under a free and open-source licence, but a model with systemic risk gets no open-source exemption.',
    });
  obligations.add(openSourceExempt ? 'gpai-documentation-open-source' : 'gpai-documentation');
  if (!a.gpaiEuEstablished) {
    if (openSourceExempt)
      reasons.push({
        ref: 'Art. 54(6)',
        text: 'You are established outside the EU, but open-source models without systemic risk need no authorised representative.',
      });
    else {
      basis.push('Art. 54');
      reasons.push({
        ref: 'Art. 54',
        text: 'You are established outside the EU, so you must appoint an authorised representative in the EU before placing the model on the EU market.',
      });
      obligations.add('gpai-representative');
    }
  }
  if (systemicRisk) {
    basis.push('Art. 55');
    obligations.add(a.gpaiCompute ? 'gpai-notify' : 'gpai-designated');
    obligations.add('gpai-systemic');
  }
  return { systemicRisk, basis, reasons, obligations: obligations.list() };
}
