import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { visibleQuestions } from '../../../domain/questionnaire.ts';
import {
  ClassificationResultSchema,
  euRoles,
  QuestionnaireSchema,
  type ClassificationAnswers,
  type ClassificationResult,
} from '../../../domain/schemas/inventory.schemas.ts';
import { loadCatalogDir } from '../../catalog/catalog.loader.ts';
import { classify } from './classifier.ts';
import { applicationDates, obligationTable } from './obligations.ts';
import { annexIActs, annexIIIPoints, euAiActQuestionnaire, prohibitedPractices, validateAnswers } from './questionnaire.ts';

const knownRefs: ReadonlySet<string> = new Set(loadCatalogDir().framework('eu-ai-act-2024').items.keys());
const questions = euAiActQuestionnaire.questions;

/**
 * Fills every question that is asked but not answered in `given` with a neutral default
 * (in scope, no exclusion, deployer, nothing chosen, "no"), until nothing more is asked.
 * Answers to questions that are not asked are left in place, so a test that gives one fails.
 */
function complete(given: ClassificationAnswers): ClassificationAnswers {
  const answers: ClassificationAnswers = { ...given };
  const defaults: ClassificationAnswers = {
    'ai-system': true,
    'eu-nexus': true,
    exclusion: 'none',
    roles: ['deployer'],
    'annex-i-product': 'none',
  };
  for (let changed = true; changed;) {
    changed = false;
    for (const q of visibleQuestions(questions, answers)) {
      if (answers[q.id] !== undefined) continue;
      answers[q.id] = defaults[q.id] ?? (q.type === 'multi' ? [] : q.type === 'yes-no' ? false : 'none');
      changed = true;
    }
  }
  return answers;
}

function run(given: ClassificationAnswers): ClassificationResult {
  const answers = complete(given);
  assert.deepEqual(validateAnswers(answers), [], 'the test answers are valid');
  const result = classify(answers, knownRefs);
  ClassificationResultSchema.parse(result);
  return result;
}

const refs = (r: ClassificationResult) => r.obligations.map((o) => `${o.ref} ${o.role}`);
const reasonText = (r: ClassificationResult) => r.reasons.map((x) => `[${x.ref}] ${x.text}`).join('\n');

const HIGH_RISK_PROVIDER = [
  'Art. 9',
  'Art. 10',
  'Art. 11',
  'Art. 12',
  'Art. 13',
  'Art. 14',
  'Art. 15',
  'Art. 16',
  'Art. 17',
  'Art. 18',
  'Art. 19',
  'Art. 20',
  'Art. 43',
  'Art. 47',
  'Art. 48',
];
const providerHighRisk = (registration: boolean) => [
  ...HIGH_RISK_PROVIDER.map((r) => `${r} provider`),
  ...(registration ? ['Art. 49 provider'] : []),
  'Art. 72 provider',
  'Art. 73 provider',
];

// ---------------------------------------------------------------- questionnaire shape

describe('the questionnaire', () => {
  test('matches the API contract, has unique ids and asks only about earlier answers', () => {
    QuestionnaireSchema.parse(euAiActQuestionnaire);
    assert.equal(euAiActQuestionnaire.id, 'eu-ai-act-classification');
    assert.equal(euAiActQuestionnaire.framework, 'eu-ai-act-2024');
    assert.deepEqual(
      euAiActQuestionnaire.steps.map((s) => s.id),
      ['scope', 'roles', 'prohibited', 'annex-i', 'annex-iii', 'transparency', 'deployer', 'gpai'],
    );
    assert.deepEqual(
      questions.map((q) => `${q.id}:${q.type}`),
      [
        'ai-system:yes-no',
        'eu-nexus:yes-no',
        'exclusion:single',
        'roles:multi',
        'role-shift:multi',
        'prohibited-practices:multi',
        'annex-i-product:single',
        'annex-i-third-party:yes-no',
        'annex-iii-uses:multi',
        'derogation-conditions:multi',
        'profiling:yes-no',
        'no-significant-risk:yes-no',
        'transparency-uses:multi',
        'public-service-deployer:yes-no',
        'gpai-provider:yes-no',
        'gpai-compute:yes-no',
        'gpai-designated:yes-no',
        'gpai-open-source:yes-no',
        'gpai-eu-established:yes-no',
      ],
    );
    const stepOrder = euAiActQuestionnaire.steps.map((s) => s.id);
    let lastStep = 0;
    questions.forEach((q, i) => {
      const step = stepOrder.indexOf(q.step);
      assert.ok(step >= lastStep, `${q.id} is in step order`);
      lastStep = step;
      assert.ok(q.help && q.help.length > 20, `${q.id} has help text`);
      assert.ok(q.refs && q.refs.length > 0, `${q.id} has refs`);
      for (const c of q.showIf ?? []) {
        const parent = questions.findIndex((p) => p.id === c.question);
        assert.ok(parent >= 0 && parent < i, `${q.id} depends on the earlier question ${c.question}`);
        for (const v of c.includesAny ?? [])
          assert.ok(
            questions[parent]?.options?.some((o) => o.value === v),
            `${q.id}: ${v} is an option of ${c.question}`,
          );
      }
      if (q.type !== 'yes-no') {
        const values = (q.options ?? []).map((o) => o.value);
        assert.ok(values.length > 0, `${q.id} has options`);
        assert.equal(new Set(values).size, values.length, `${q.id} option values are unique`);
      } else assert.equal(q.options, undefined, `${q.id} has no options`);
    });
  });

  test('lists the six EU roles, the 8 prohibited practices, the 20 Annex I acts and the 25 Annex III points in 8 areas', () => {
    const options = (id: string) => questions.find((q) => q.id === id)?.options ?? [];
    assert.deepEqual(
      options('roles').map((o) => o.value),
      [...euRoles],
    );
    assert.deepEqual(
      options('prohibited-practices').map((o) => o.ref),
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((l) => `Art. 5(1)(${l})`),
    );
    assert.match(options('prohibited-practices').find((o) => o.value === 'f')?.label ?? '', /other than for medical or safety reasons/);
    assert.equal(annexIActs.filter((x) => x.section === 'A').length, 12);
    assert.equal(annexIActs.filter((x) => x.section === 'B').length, 8);
    assert.equal(options('annex-i-product').length, 21);
    const points = options('annex-iii-uses');
    assert.equal(points.length, 25);
    assert.equal(new Set(points.map((p) => p.group)).size, 8);
    assert.deepEqual(
      points.map((p) => p.value),
      '1(a) 1(b) 1(c) 2 3(a) 3(b) 3(c) 3(d) 4(a) 4(b) 5(a) 5(b) 5(c) 5(d) 6(a) 6(b) 6(c) 6(d) 6(e) 7(a) 7(b) 7(c) 7(d) 8(a) 8(b)'.split(
        ' ',
      ),
    );
    assert.equal(points.find((p) => p.value === '2')?.ref, 'Annex III.2');
    assert.deepEqual(
      options('derogation-conditions').map((o) => o.value),
      ['a', 'b', 'c', 'd'],
    );
    assert.deepEqual(
      options('exclusion').map((o) => o.value),
      ['none', 'military', 'research', 'personal', 'open-source'],
    );
  });

  test('every ref in the questionnaire is an item of the built-in eu-ai-act-2024 catalog', () => {
    const used = questions.flatMap((q) => [...(q.refs ?? []), ...(q.options ?? []).flatMap((o) => (o.ref ? [o.ref] : []))]);
    assert.ok(used.length > 60);
    for (const ref of used) assert.ok(knownRefs.has(ref), `${ref} is in the catalog`);
  });

  test('obligation refs are catalog ids except the Art. 50 paragraphs, and classify marks inCatalog by membership', () => {
    const outside = [...new Set(obligationTable.filter((o) => !knownRefs.has(o.ref)).map((o) => o.ref))];
    assert.deepEqual(outside, ['Art. 50(1)', 'Art. 50(2)', 'Art. 50(3)', 'Art. 50(4)']);
    for (const ref of outside) assert.ok(knownRefs.has(ref.replace(/\(.*$/, '')), `${ref}: its article is in the catalog`);
    for (const o of obligationTable) {
      assert.match(o.duty, /^[A-Z].{30,}[.)]$/s, `${o.key}: a plain-words duty`);
      assert.ok(o.title.length > 5);
    }
    const r = run({
      roles: ['provider', 'deployer'],
      'annex-iii-uses': ['1(c)'],
      'transparency-uses': ['interacts', 'emotion-or-biometric-categorisation'],
    });
    for (const o of r.obligations) assert.equal(o.inCatalog, knownRefs.has(o.ref), o.ref);
    assert.ok(r.obligations.some((o) => o.inCatalog) && r.obligations.some((o) => !o.inCatalog));
    const none = classify(complete({ roles: ['provider'] }), new Set());
    assert.deepEqual(
      none.obligations.map((o) => o.inCatalog),
      [false],
    );
  });
});

// ---------------------------------------------------------------- validation

describe('validateAnswers', () => {
  test('a complete, consistent set of answers is valid', () => {
    assert.deepEqual(validateAnswers(complete({})), []);
  });

  test('an unknown question id is reported with its path', () => {
    const issues = validateAnswers({ ...complete({}), 'is-high-risk': true });
    assert.deepEqual(issues, [
      {
        path: 'answers.is-high-risk',
        message: 'There is no question "is-high-risk" in this questionnaire (version 2024.1). Remove it or check the spelling.',
      },
    ]);
  });

  test('wrong types: yes-no needs a boolean, single one option value, multi a list of option values without duplicates', () => {
    const base = complete({ 'annex-iii-uses': ['4(a)'] });
    const check = (id: string, value: ClassificationAnswers[string], pattern: RegExp) => {
      const issues = validateAnswers({ ...base, [id]: value });
      assert.equal(issues.length, 1, `${id}=${JSON.stringify(value)}: ${JSON.stringify(issues)}`);
      assert.equal(issues[0]?.path, `answers.${id}`);
      assert.match(issues[0]?.message ?? '', pattern);
    };
    check('eu-nexus', 'yes', /yes\/no question: answer true \(yes\) or false \(no\), not "yes"/);
    check('exclusion', 'hobby', /"hobby" is not one of the options. Choose one of "none", "military"/);
    check('exclusion', ['none'], /Choose exactly one option/);
    check('annex-iii-uses', '4(a)', /Give a list of the options that apply/);
    check('annex-iii-uses', ['4(a)', '9(z)'], /"9\(z\)" is not one of the options/);
    check('annex-iii-uses', ['4(a)', '4(a)'], /"4\(a\)" is listed more than once/);
    check('roles', [], /Choose at least one role/);
  });

  test('a question that is asked must be answered; an empty list is a valid "none of these"', () => {
    const answers = complete({ 'annex-iii-uses': ['5(b)'] });
    delete answers['derogation-conditions'];
    const issues = validateAnswers(answers);
    assert.equal(issues.length, 1);
    assert.equal(issues[0]?.path, 'answers.derogation-conditions');
    assert.match(issues[0]?.message ?? '', /^Please answer this question: Does the system only do one or more of the following/);
    assert.match(issues[0]?.message ?? '', /\[\] for none/);
    assert.deepEqual(validateAnswers({ ...answers, 'derogation-conditions': [] }), []);
  });

  test('an answer to a question that is not asked is an error, so stored answers are exactly the asked ones', () => {
    const answers = { ...complete({ 'annex-iii-uses': [] }), profiling: true };
    assert.deepEqual(validateAnswers(answers), [
      {
        path: 'answers.profiling',
        message:
          'This question is not asked given the other answers (it is asked only when at least one option is chosen in "derogation-conditions"). Remove this answer.',
      },
    ]);
    // Out of scope: nothing after the scope step is asked (except the separate GPAI track).
    const outside = validateAnswers({ 'ai-system': true, 'eu-nexus': false, roles: ['provider'], 'gpai-provider': false });
    assert.deepEqual(
      outside.map((i) => i.path),
      ['answers.roles'],
    );
    assert.match(outside[0]?.message ?? '', /asked only when "exclusion" includes one of "none", "open-source"/);
  });

  test('classify refuses answers that do not validate', () => {
    assert.throws(
      () => classify({ 'ai-system': true }, knownRefs),
      /invalid classification answers \(2\): answers.eu-nexus: Please answer/,
    );
  });
});

// ---------------------------------------------------------------- scope

describe('scope (Art. 2, Art. 3(1))', () => {
  test('rules-only eligibility calculator, not an AI system → out of scope (Art. 3(1))', () => {
    const r = run({ 'ai-system': false });
    assert.equal(r.outcome, 'out-of-scope');
    assert.deepEqual(r.basis, ['Art. 3(1)']);
    assert.deepEqual(r.obligations, []);
    assert.deepEqual(r.effectiveRoles, []);
    assert.equal(r.gpai, null);
  });

  test('US-only lending model whose output is never used in the EU → out of scope (Art. 2(1))', () => {
    const r = run({ 'eu-nexus': false });
    assert.equal(r.outcome, 'out-of-scope');
    assert.deepEqual(r.basis, ['Art. 2(1)']);
    assert.deepEqual(r.obligations, []);
  });

  test('target recognition for the armed forces only → out of scope (Art. 2(3))', () => {
    const r = run({ exclusion: 'military' });
    assert.equal(r.outcome, 'out-of-scope');
    assert.deepEqual(r.basis, ['Art. 2(3)']);
    assert.deepEqual(r.obligations, []);
  });

  test('protein-folding model used only in a university lab → out of scope (Art. 2(6), 2(8))', () => {
    const r = run({ exclusion: 'research' });
    assert.equal(r.outcome, 'out-of-scope');
    assert.deepEqual(r.basis, ['Art. 2(6)', 'Art. 2(8)']);
  });

  test('a photo-sorting app used privately at home → out of scope (Art. 2(10))', () => {
    const r = run({ exclusion: 'personal' });
    assert.equal(r.outcome, 'out-of-scope');
    assert.deepEqual(r.basis, ['Art. 2(10)']);
  });

  test('open-source image-deblurring library we publish → out of scope (Art. 2(12)), no obligations', () => {
    const r = run({ exclusion: 'open-source', roles: ['provider'] });
    assert.equal(r.outcome, 'out-of-scope');
    assert.deepEqual(r.basis, ['Art. 2(12)']);
    assert.deepEqual(r.obligations, []);
    assert.deepEqual(r.effectiveRoles, ['provider']);
  });

  test('open-source CV-ranking model published for recruiters → still high-risk (Art. 2(12) does not exempt)', () => {
    const r = run({ exclusion: 'open-source', roles: ['provider'], 'annex-iii-uses': ['4(a)'] });
    assert.equal(r.outcome, 'high-risk');
    assert.deepEqual(r.basis, ['Art. 6(2)', 'Annex III.4(a)']);
    assert.deepEqual(refs(r), ['Art. 4 provider', ...providerHighRisk(true)]);
    assert.match(reasonText(r), /\[Art\. 2\(12\)\] Being released under a free and open-source licence does not exempt a high-risk system/);
  });

  test('open-source chatbot published with a web demo → limited risk (Art. 50 is not exempted)', () => {
    const r = run({ exclusion: 'open-source', roles: ['provider'], 'transparency-uses': ['interacts'] });
    assert.equal(r.outcome, 'limited-risk');
    assert.deepEqual(r.basis, ['Art. 50(1)']);
    assert.deepEqual(refs(r), ['Art. 4 provider', 'Art. 50(1) provider']);
  });
});

// ---------------------------------------------------------------- prohibited

describe('prohibited practices (Art. 5)', () => {
  const cases: [string, string, string[]][] = [
    ['a', 'shopping app that uses hidden dark-pattern nudges to push vulnerable users into harmful loans', ['provider']],
    ['b', 'toy voice assistant that pushes children into dangerous challenges', ['provider', 'distributor']],
    ['c', 'municipal citizen score that cuts benefits for unrelated behaviour', ['deployer']],
    ['d', 'predictive policing tool scoring individuals solely on personality traits', ['deployer']],
    ['e', 'face-search service built by scraping social media photos', ['provider']],
    ['f', 'call-centre tool inferring agents’ emotions from their voice to rate them', ['deployer']],
    ['g', 'camera analytics inferring visitors’ sexual orientation from their faces', ['importer']],
    ['h', 'live face recognition of a railway station crowd by police, without an exception', ['deployer']],
  ];
  for (const [letter, name, roles] of cases) {
    test(`${name} → prohibited, Art. 5(1)(${letter})`, () => {
      const r = run({ roles, 'prohibited-practices': [letter] });
      assert.equal(r.outcome, 'prohibited');
      assert.deepEqual(r.basis, [`Art. 5(1)(${letter})`]);
      assert.deepEqual(
        refs(r),
        roles.map((role) => `Art. 5(1)(${letter}) ${role}`),
      );
      for (const o of r.obligations) {
        assert.equal(o.appliesFrom, '2025-02-02');
        assert.equal(o.inCatalog, true);
      }
      assert.deepEqual(r.transparency, []);
      const practice = prohibitedPractices.find((p) => p.value === letter);
      assert.match(
        reasonText(r),
        new RegExp(`\\[Art\\. 5\\(1\\)\\(${letter}\\)\\] It falls under a prohibited practice \\(${practice?.title.toLowerCase()}`),
      );
    });
  }

  test('a system that is both manipulative and exploits vulnerabilities, offered and used by us → both practices, each role, in order', () => {
    const r = run({ roles: ['deployer', 'provider'], 'prohibited-practices': ['b', 'a'] });
    assert.equal(r.outcome, 'prohibited');
    assert.deepEqual(r.basis, ['Art. 5(1)(a)', 'Art. 5(1)(b)']);
    assert.deepEqual(refs(r), ['Art. 5(1)(a) provider', 'Art. 5(1)(a) deployer', 'Art. 5(1)(b) provider', 'Art. 5(1)(b) deployer']);
    assert.equal(r.obligations[1]?.duty, 'Stop using the system for this practice.');
  });

  test('once prohibited, no high-risk or transparency questions are asked', () => {
    const answers = complete({ 'prohibited-practices': ['c'] });
    assert.equal(answers['annex-iii-uses'], undefined);
    assert.equal(answers['transparency-uses'], undefined);
    assert.equal(answers['annex-i-product'], undefined);
    const wrong = validateAnswers({ ...answers, 'annex-iii-uses': ['5(a)'] });
    assert.deepEqual(
      wrong.map((i) => i.path),
      ['answers.annex-iii-uses'],
    );
  });

  test('open-source social-scoring engine → still prohibited', () => {
    const r = run({ exclusion: 'open-source', roles: ['provider'], 'prohibited-practices': ['c'] });
    assert.equal(r.outcome, 'prohibited');
    assert.deepEqual(r.basis, ['Art. 5(1)(c)']);
    assert.match(
      reasonText(r),
      /\[Art\. 2\(12\)\] Being released under a free and open-source licence does not exempt a prohibited practice/,
    );
  });
});

// ---------------------------------------------------------------- Annex III

describe('high-risk uses (Annex III, Art. 6(2))', () => {
  test('CV screening tool bought from a vendor, used by HR → high-risk, Annex III.4(a), deployer Art. 26, no FRIA', () => {
    const r = run({ roles: ['deployer'], 'annex-iii-uses': ['4(a)'] });
    assert.equal(r.outcome, 'high-risk');
    assert.deepEqual(r.basis, ['Art. 6(2)', 'Annex III.4(a)']);
    assert.deepEqual(refs(r), ['Art. 4 deployer', 'Art. 26 deployer']);
    assert.deepEqual(
      r.obligations.map((o) => o.appliesFrom),
      ['2025-02-02', '2026-08-02'],
    );
    assert.deepEqual(r.effectiveRoles, ['deployer']);
    assert.deepEqual(r.transparency, []);
    assert.match(reasonText(r), /\[Art\. 27\] No fundamental rights impact assessment is required/);
  });

  test('area 1 — airport face identification system we build and sell → high-risk, Annex III.1(a), full provider duties', () => {
    const r = run({ roles: ['provider'], 'annex-iii-uses': ['1(a)'] });
    assert.equal(r.outcome, 'high-risk');
    assert.deepEqual(r.basis, ['Art. 6(2)', 'Annex III.1(a)']);
    assert.deepEqual(refs(r), ['Art. 4 provider', ...providerHighRisk(true)]);
    const registration = r.obligations.find((o) => o.ref === 'Art. 49');
    assert.equal(registration?.title, 'Registration in the EU database');
    assert.ok(r.obligations.filter((o) => o.ref !== 'Art. 4').every((o) => o.appliesFrom === '2026-08-02'));
  });

  test('area 2 — water utility (public body) running a leak-shutdown safety component → high-risk, national registration, no FRIA for point 2', () => {
    const r = run({ roles: ['provider', 'deployer'], 'annex-iii-uses': ['2'], 'public-service-deployer': true });
    assert.equal(r.outcome, 'high-risk');
    assert.deepEqual(r.basis, ['Art. 6(2)', 'Annex III.2']);
    assert.deepEqual(refs(r), [
      'Art. 4 provider',
      'Art. 4 deployer',
      ...providerHighRisk(true).slice(0, 12),
      'Art. 26 deployer',
      ...providerHighRisk(true).slice(12),
    ]);
    assert.equal(r.obligations.find((o) => o.ref === 'Art. 49')?.title, 'Registration at national level (critical infrastructure)');
    assert.ok(!refs(r).includes('Art. 27 deployer'));
    assert.match(reasonText(r), /critical infrastructure \(Annex III point 2\) are excluded from it, even for public bodies/);
  });

  test('area 3 — public university ranking admission applications → high-risk, 3(a), FRIA for the public body', () => {
    const r = run({ roles: ['deployer'], 'annex-iii-uses': ['3(a)'], 'public-service-deployer': true });
    assert.equal(r.outcome, 'high-risk');
    assert.deepEqual(r.basis, ['Art. 6(2)', 'Annex III.3(a)']);
    assert.deepEqual(refs(r), ['Art. 4 deployer', 'Art. 26 deployer', 'Art. 27 deployer']);
    assert.equal(r.obligations[2]?.appliesFrom, '2026-08-02');
  });

  test('area 3 — online exam proctoring sold to schools, also grading essays → high-risk, 3(b) and 3(d)', () => {
    const r = run({ roles: ['provider'], 'annex-iii-uses': ['3(d)', '3(b)'] });
    assert.equal(r.outcome, 'high-risk');
    assert.deepEqual(r.basis, ['Art. 6(2)', 'Annex III.3(b)', 'Annex III.3(d)']);
  });

  test('area 4 — warehouse task allocation and worker performance scoring → high-risk, 4(b)', () => {
    const r = run({ roles: ['deployer'], 'annex-iii-uses': ['4(b)'] });
    assert.equal(r.outcome, 'high-risk');
    assert.deepEqual(r.basis, ['Art. 6(2)', 'Annex III.4(b)']);
    assert.deepEqual(refs(r), ['Art. 4 deployer', 'Art. 26 deployer']);
  });

  test('area 5 — private bank credit scoring consumers → high-risk, 5(b), FRIA although not a public body', () => {
    const r = run({ roles: ['deployer'], 'annex-iii-uses': ['5(b)'], 'public-service-deployer': false });
    assert.equal(r.outcome, 'high-risk');
    assert.deepEqual(r.basis, ['Art. 6(2)', 'Annex III.5(b)']);
    assert.deepEqual(refs(r), ['Art. 4 deployer', 'Art. 26 deployer', 'Art. 27 deployer']);
    assert.match(reasonText(r), /\[Art\. 27\] As a deployer of a system for Annex III\.5\(b\) \(credit scoring\)/);
  });

  test('area 5 — life insurer pricing policies with a model → high-risk, 5(c), FRIA', () => {
    const r = run({ roles: ['deployer'], 'annex-iii-uses': ['5(c)'] });
    assert.deepEqual(r.basis, ['Art. 6(2)', 'Annex III.5(c)']);
    assert.ok(refs(r).includes('Art. 27 deployer'));
  });

  test('area 5 — municipality checking eligibility for housing benefits → high-risk, 5(a), FRIA for the public body', () => {
    const r = run({ roles: ['deployer'], 'annex-iii-uses': ['5(a)'], 'public-service-deployer': true });
    assert.deepEqual(r.basis, ['Art. 6(2)', 'Annex III.5(a)']);
    assert.deepEqual(refs(r), ['Art. 4 deployer', 'Art. 26 deployer', 'Art. 27 deployer']);
  });

  test('area 5 — emergency call triage bought by a private ambulance company (not public services) → high-risk, 5(d), no FRIA', () => {
    const r = run({ roles: ['deployer'], 'annex-iii-uses': ['5(d)'], 'public-service-deployer': false });
    assert.deepEqual(r.basis, ['Art. 6(2)', 'Annex III.5(d)']);
    assert.deepEqual(refs(r), ['Art. 4 deployer', 'Art. 26 deployer']);
  });

  test('area 6 — police tool rating the reliability of evidence → high-risk, 6(c)', () => {
    const r = run({ roles: ['deployer'], 'annex-iii-uses': ['6(c)'], 'public-service-deployer': true });
    assert.equal(r.outcome, 'high-risk');
    assert.deepEqual(r.basis, ['Art. 6(2)', 'Annex III.6(c)']);
    assert.ok(refs(r).includes('Art. 27 deployer'));
  });

  test('area 7 — border agency risk screening of travellers → high-risk, 7(b)', () => {
    const r = run({ roles: ['deployer'], 'annex-iii-uses': ['7(b)'], 'public-service-deployer': true });
    assert.deepEqual(r.basis, ['Art. 6(2)', 'Annex III.7(b)']);
  });

  test('area 8 — legal research assistant for judges, built by a vendor we distribute → high-risk, 8(a), distributor Art. 24', () => {
    const r = run({ roles: ['distributor'], 'annex-iii-uses': ['8(a)'] });
    assert.equal(r.outcome, 'high-risk');
    assert.deepEqual(r.basis, ['Art. 6(2)', 'Annex III.8(a)']);
    assert.deepEqual(refs(r), ['Art. 24 distributor']);
  });

  test('area 8 — micro-targeted political messaging imported from a US vendor → high-risk, 8(b), importer Art. 23', () => {
    const r = run({ roles: ['importer', 'authorised-representative'], 'annex-iii-uses': ['8(b)'] });
    assert.deepEqual(r.basis, ['Art. 6(2)', 'Annex III.8(b)']);
    assert.deepEqual(refs(r), ['Art. 22 authorised-representative', 'Art. 23 importer']);
  });

  test('every one of the 25 Annex III points makes the system high-risk with its own basis', () => {
    for (const point of annexIIIPoints) {
      const r = run({ roles: ['provider'], 'annex-iii-uses': [point.value] });
      assert.equal(r.outcome, 'high-risk', point.value);
      assert.deepEqual(r.basis, ['Art. 6(2)', point.ref]);
      assert.ok(knownRefs.has(point.ref), point.ref);
    }
  });
});

// ---------------------------------------------------------------- Art. 6(3)

describe('the Art. 6(3) derogation', () => {
  test('tool that only sorts incoming job applications into folders, no profiling, no significant risk → not high-risk, provider documents and registers', () => {
    const r = run({
      roles: ['provider'],
      'annex-iii-uses': ['4(a)'],
      'derogation-conditions': ['a'],
      profiling: false,
      'no-significant-risk': true,
    });
    assert.equal(r.outcome, 'minimal-risk');
    assert.deepEqual(r.basis, ['Art. 6(3)']);
    assert.deepEqual(refs(r), ['Art. 4 provider', 'Art. 6 provider', 'Art. 49 provider']);
    assert.deepEqual(
      r.obligations.map((o) => o.title),
      ['AI literacy', 'Document why the system is not high-risk (Art. 6(4))', 'Registration although not high-risk (Art. 49(2))'],
    );
    assert.match(reasonText(r), /\[Art\. 6\(3\)\] .*only performs a narrow procedural task \(Art\. 6\(3\)\(a\)\)/);
  });

  test('same application sorter, but it ranks candidates by predicted performance (profiling) → high-risk: the derogation is never available', () => {
    const r = run({ roles: ['provider'], 'annex-iii-uses': ['4(a)'], 'derogation-conditions': ['a', 'd'], profiling: true });
    assert.equal(r.outcome, 'high-risk');
    assert.deepEqual(r.basis, ['Art. 6(2)', 'Annex III.4(a)']);
    assert.match(reasonText(r), /\[Art\. 6\(3\)\] .*the system profiles people, .*always high-risk: the exception is not available/);
    assert.deepEqual(refs(r), ['Art. 4 provider', ...providerHighRisk(true)]);
  });

  test('the "no significant risk" confirmation is asked only when a condition is chosen and there is no profiling', () => {
    const asked = (given: ClassificationAnswers) => visibleQuestions(questions, complete(given)).map((q) => q.id);
    assert.ok(!asked({ 'annex-iii-uses': ['4(a)'] }).includes('no-significant-risk'));
    assert.ok(!asked({ 'annex-iii-uses': ['4(a)'] }).includes('profiling'));
    assert.ok(!asked({ 'annex-iii-uses': ['4(a)'], 'derogation-conditions': ['b'], profiling: true }).includes('no-significant-risk'));
    assert.ok(asked({ 'annex-iii-uses': ['4(a)'], 'derogation-conditions': ['b'], profiling: false }).includes('no-significant-risk'));
    assert.ok(!asked({}).includes('derogation-conditions'));
  });

  test('grammar checker for teachers’ reports (condition b) without a no-significant-risk conclusion → still high-risk, 3(b)', () => {
    const r = run({
      roles: ['deployer'],
      'annex-iii-uses': ['3(b)'],
      'derogation-conditions': ['b'],
      profiling: false,
      'no-significant-risk': false,
    });
    assert.equal(r.outcome, 'high-risk');
    assert.deepEqual(r.basis, ['Art. 6(2)', 'Annex III.3(b)']);
    assert.match(reasonText(r), /has not been concluded that the system poses no significant risk/);
  });

  test('derogated loan-file indexer with a chat interface → limited risk on Art. 6(3) and Art. 50(1)', () => {
    const r = run({
      roles: ['provider', 'deployer'],
      'annex-iii-uses': ['5(b)'],
      'derogation-conditions': ['d'],
      profiling: false,
      'no-significant-risk': true,
      'transparency-uses': ['interacts'],
    });
    assert.equal(r.outcome, 'limited-risk');
    assert.deepEqual(r.basis, ['Art. 6(3)', 'Art. 50(1)']);
    assert.deepEqual(refs(r), ['Art. 4 provider', 'Art. 4 deployer', 'Art. 6 provider', 'Art. 49 provider', 'Art. 50(1) provider']);
    assert.ok(!refs(r).includes('Art. 27 deployer'), 'no FRIA when not high-risk');
  });
});

// ---------------------------------------------------------------- Art. 50

describe('transparency (Art. 50)', () => {
  test('customer-service chatbot we built on a language model → limited risk, Art. 50(1) and (2) for the provider', () => {
    const r = run({ roles: ['provider'], 'transparency-uses': ['interacts', 'synthetic-content'] });
    assert.equal(r.outcome, 'limited-risk');
    assert.deepEqual(r.basis, ['Art. 50(1)', 'Art. 50(2)']);
    assert.deepEqual(r.transparency, ['Art. 50(1)', 'Art. 50(2)']);
    assert.deepEqual(refs(r), ['Art. 4 provider', 'Art. 50(1) provider', 'Art. 50(2) provider']);
    assert.deepEqual(
      r.obligations.map((o) => o.appliesFrom),
      ['2025-02-02', '2026-08-02', '2026-08-02'],
    );
  });

  test('website chatbot licensed from a vendor → limited risk, the Art. 50(1) duty is the provider’s, deployer keeps AI literacy', () => {
    const r = run({ roles: ['deployer'], 'transparency-uses': ['interacts'] });
    assert.equal(r.outcome, 'limited-risk');
    assert.deepEqual(r.basis, ['Art. 50(1)']);
    assert.deepEqual(refs(r), ['Art. 4 deployer']);
    assert.match(reasonText(r), /\[Art\. 50\(1\)\] .*falls on the provider; you are not the provider, so check that the provider meets it/);
  });

  test('marketing team making synthetic spokesperson videos and AI-written news posts → limited risk, one Art. 50(4) duty', () => {
    const r = run({ roles: ['deployer'], 'transparency-uses': ['deep-fake', 'public-interest-text'] });
    assert.equal(r.outcome, 'limited-risk');
    assert.deepEqual(r.basis, ['Art. 50(4)']);
    assert.deepEqual(refs(r), ['Art. 4 deployer', 'Art. 50(4) deployer']);
  });

  test('AI interviewer that chats with job candidates → high-risk (4(a)) with Art. 50(1) on top', () => {
    const r = run({ roles: ['provider'], 'annex-iii-uses': ['4(a)'], 'transparency-uses': ['interacts'] });
    assert.equal(r.outcome, 'high-risk');
    assert.deepEqual(r.basis, ['Art. 6(2)', 'Annex III.4(a)']);
    assert.deepEqual(r.transparency, ['Art. 50(1)']);
    assert.deepEqual(refs(r), [
      'Art. 4 provider',
      ...providerHighRisk(true).slice(0, 16),
      'Art. 50(1) provider',
      'Art. 72 provider',
      'Art. 73 provider',
    ]);
    assert.equal(r.obligations.find((o) => o.ref === 'Art. 50(1)')?.inCatalog, false);
  });

  test('shop-floor emotion recognition of customers, bought in → high-risk (1(c)) with Art. 50(3) on the deployer', () => {
    const r = run({ roles: ['deployer'], 'annex-iii-uses': ['1(c)'], 'transparency-uses': ['emotion-or-biometric-categorisation'] });
    assert.equal(r.outcome, 'high-risk');
    assert.deepEqual(r.basis, ['Art. 6(2)', 'Annex III.1(c)']);
    assert.deepEqual(r.transparency, ['Art. 50(3)']);
    assert.deepEqual(refs(r), ['Art. 4 deployer', 'Art. 26 deployer', 'Art. 50(3) deployer']);
  });

  test('e-mail spam filter → minimal risk, AI literacy only', () => {
    const r = run({ roles: ['deployer'] });
    assert.equal(r.outcome, 'minimal-risk');
    assert.deepEqual(r.basis, []);
    assert.deepEqual(r.transparency, []);
    assert.deepEqual(refs(r), ['Art. 4 deployer']);
    assert.match(reasonText(r), /\[Art\. 95\] It is not prohibited, not high-risk and has no transparency duty: minimal risk/);
  });
});

// ---------------------------------------------------------------- Annex I

describe('products under Annex I (Art. 6(1))', () => {
  test('diagnostic imaging software, a class IIa medical device needing a notified body → high-risk from 2027-08-02, no EU database registration', () => {
    const r = run({ roles: ['provider'], 'annex-i-product': 'medical-devices', 'annex-i-third-party': true });
    assert.equal(r.outcome, 'high-risk');
    assert.deepEqual(r.basis, ['Art. 6(1)', 'Annex I']);
    assert.deepEqual(refs(r), ['Art. 4 provider', ...providerHighRisk(false)]);
    assert.ok(r.obligations.filter((o) => o.ref !== 'Art. 4').every((o) => o.appliesFrom === applicationDates.annexI));
  });

  test('AI feature in a toy that the maker may self-certify → not high-risk through Annex I, minimal risk', () => {
    const r = run({ roles: ['provider'], 'annex-i-product': 'toys', 'annex-i-third-party': false });
    assert.equal(r.outcome, 'minimal-risk');
    assert.deepEqual(r.basis, []);
    assert.match(
      reasonText(r),
      /\[Art\. 6\(1\)\] .*does not need a third-party conformity assessment, so it is not high-risk through the product route/,
    );
  });

  test('the third-party question is asked only when a product law is chosen', () => {
    assert.ok(!('annex-i-third-party' in complete({ 'annex-i-product': 'none' })));
    assert.equal(complete({ 'annex-i-product': 'lifts' })['annex-i-third-party'], false);
  });

  test('machine builder whose collision-avoidance AI is a safety component → product manufacturer counts as provider (Art. 25(3))', () => {
    const r = run({ roles: ['product-manufacturer'], 'annex-i-product': 'machinery', 'annex-i-third-party': true });
    assert.equal(r.outcome, 'high-risk');
    assert.deepEqual(r.basis, ['Art. 6(1)', 'Annex I']);
    assert.deepEqual(r.effectiveRoles, ['provider', 'product-manufacturer']);
    assert.deepEqual(refs(r), [
      'Art. 4 provider',
      ...providerHighRisk(false).slice(0, 12),
      'Art. 25 product-manufacturer',
      ...providerHighRisk(false).slice(12),
    ]);
    assert.match(reasonText(r), /\[Art\. 25\(3\)\] As the manufacturer of the product/);
  });

  test('lane-keeping AI in a car needing type approval (Section B) → high-risk, but only the sector-law route applies (Art. 2(2))', () => {
    const r = run({
      roles: ['provider', 'deployer'],
      'annex-i-product': 'motor-vehicles',
      'annex-i-third-party': true,
      'transparency-uses': ['interacts'],
    });
    assert.equal(r.outcome, 'high-risk');
    assert.deepEqual(r.basis, ['Art. 6(1)', 'Annex I']);
    assert.deepEqual(refs(r), ['Art. 2 provider']);
    assert.equal(r.obligations[0]?.appliesFrom, '2027-08-02');
    assert.deepEqual(r.transparency, []);
    assert.match(reasonText(r), /\[Art\. 2\(2\)\] Because the product falls under Annex I Section B/);
  });

  test('medical device that also triages emergency patients → both routes, obligations apply from the earlier Annex III date', () => {
    const r = run({ roles: ['provider'], 'annex-i-product': 'medical-devices', 'annex-i-third-party': true, 'annex-iii-uses': ['5(d)'] });
    assert.equal(r.outcome, 'high-risk');
    assert.deepEqual(r.basis, ['Art. 6(1)', 'Annex I', 'Art. 6(2)', 'Annex III.5(d)']);
    assert.deepEqual(refs(r), ['Art. 4 provider', ...providerHighRisk(true)]);
    assert.ok(r.obligations.filter((o) => o.ref !== 'Art. 4').every((o) => o.appliesFrom === '2026-08-02'));
  });
});

// ---------------------------------------------------------------- Art. 25

describe('role shifts (Art. 25)', () => {
  test('HR vendor tool resold and rebranded under our name → we become its provider', () => {
    const r = run({ roles: ['deployer', 'distributor'], 'role-shift': ['own-name'], 'annex-iii-uses': ['4(a)'] });
    assert.equal(r.outcome, 'high-risk');
    assert.deepEqual(r.effectiveRoles, ['provider', 'deployer', 'distributor']);
    assert.deepEqual(refs(r), [
      'Art. 4 provider',
      'Art. 4 deployer',
      ...providerHighRisk(true).slice(0, 12),
      'Art. 24 distributor',
      'Art. 26 deployer',
      ...providerHighRisk(true).slice(12),
    ]);
    assert.match(reasonText(r), /\[Art\. 25\(1\)\(a\)\] You answered “We put our name or trademark .*”, so you count as the provider/);
  });

  test('general chatbot repurposed to pre-screen loan applicants → changed purpose makes us provider of a high-risk system', () => {
    const r = run({ roles: ['deployer'], 'role-shift': ['changed-purpose'], 'annex-iii-uses': ['5(b)'] });
    assert.deepEqual(r.effectiveRoles, ['provider', 'deployer']);
    assert.ok(refs(r).includes('Art. 9 provider') && refs(r).includes('Art. 27 deployer'));
  });

  test('fine-tuned vendor chatbot (substantial modification) that is not high-risk → role unchanged', () => {
    const r = run({ roles: ['deployer'], 'role-shift': ['substantial-modification'], 'transparency-uses': ['interacts'] });
    assert.equal(r.outcome, 'limited-risk');
    assert.deepEqual(r.effectiveRoles, ['deployer']);
    assert.deepEqual(refs(r), ['Art. 4 deployer']);
    assert.match(reasonText(r), /\[Art\. 25\(1\)\] .*make you its provider only when the system is high-risk/);
  });

  test('the role-shift question is not asked of a provider only', () => {
    assert.ok(!('role-shift' in complete({ roles: ['provider'] })));
    assert.deepEqual(complete({ roles: ['provider', 'importer'] })['role-shift'], []);
  });
});

// ---------------------------------------------------------------- GPAI

describe('general-purpose AI models (Chapter V)', () => {
  test('mid-size language model offered through an API by an EU company → GPAI without systemic risk, Art. 53', () => {
    const r = run({ 'ai-system': false, 'gpai-provider': true, 'gpai-eu-established': true });
    assert.equal(r.outcome, 'out-of-scope');
    assert.deepEqual(r.basis, ['Art. 3(1)']);
    assert.equal(r.gpai?.systemicRisk, false);
    assert.deepEqual(r.gpai?.basis, ['Art. 53']);
    assert.deepEqual(
      r.gpai?.obligations.map((o) => `${o.ref} ${o.role} ${o.appliesFrom}`),
      ['Art. 53 provider 2025-08-02'],
    );
    assert.match(r.reasons.at(-1)?.text ?? '', /assessed separately/);
  });

  test('frontier model trained with more than 10^25 FLOP → systemic risk: notify (Art. 52) and Art. 55 duties', () => {
    const r = run({ 'ai-system': false, 'gpai-provider': true, 'gpai-compute': true, 'gpai-eu-established': true });
    assert.equal(r.gpai?.systemicRisk, true);
    assert.deepEqual(r.gpai?.basis, ['Art. 53', 'Art. 51(1)(a)', 'Art. 51(2)', 'Art. 55']);
    assert.deepEqual(
      r.gpai?.obligations.map((o) => o.ref),
      ['Art. 52', 'Art. 53', 'Art. 55'],
    );
    assert.equal(r.gpai?.obligations[0]?.title, 'Notify the Commission of the systemic-risk threshold');
  });

  test('model designated by the Commission below the compute threshold → systemic risk by designation', () => {
    const r = run({ 'ai-system': false, 'gpai-provider': true, 'gpai-designated': true, 'gpai-eu-established': true });
    assert.equal(r.gpai?.systemicRisk, true);
    assert.deepEqual(r.gpai?.basis, ['Art. 53', 'Art. 51(1)(b)', 'Art. 55']);
    assert.equal(r.gpai?.obligations[0]?.title, 'Designation as a model with systemic risk');
  });

  test('open-weights model from a non-EU lab, no systemic risk → reduced Art. 53 duties, no authorised representative', () => {
    const r = run({ 'ai-system': false, 'gpai-provider': true, 'gpai-open-source': true, 'gpai-eu-established': false });
    assert.deepEqual(r.gpai?.basis, ['Art. 53']);
    assert.deepEqual(
      r.gpai?.obligations.map((o) => o.title),
      ['Obligations of general-purpose AI model providers (open-source model)'],
    );
    assert.match(r.gpai?.reasons.map((x) => x.text).join(' ') ?? '', /need no authorised representative/);
  });

  test('open-weights frontier model from a non-EU lab → no open-source exemption: Art. 53, 54, 52, 55', () => {
    const r = run({
      'ai-system': false,
      'gpai-provider': true,
      'gpai-open-source': true,
      'gpai-compute': true,
      'gpai-eu-established': false,
    });
    assert.deepEqual(r.gpai?.basis, ['Art. 53', 'Art. 51(1)(a)', 'Art. 51(2)', 'Art. 54', 'Art. 55']);
    assert.deepEqual(
      r.gpai?.obligations.map((o) => `${o.ref}: ${o.title}`),
      [
        'Art. 52: Notify the Commission of the systemic-risk threshold',
        'Art. 53: Obligations of general-purpose AI model providers',
        'Art. 54: Appoint an authorised representative in the EU',
        'Art. 55: Obligations for models with systemic risk',
      ],
    );
  });

  test('our chat assistant built on our own general-purpose model → limited-risk system and a separate GPAI result', () => {
    const r = run({
      roles: ['provider'],
      'transparency-uses': ['interacts', 'synthetic-content'],
      'gpai-provider': true,
      'gpai-eu-established': true,
    });
    assert.equal(r.outcome, 'limited-risk');
    assert.deepEqual(r.basis, ['Art. 50(1)', 'Art. 50(2)']);
    assert.equal(r.gpai?.systemicRisk, false);
    assert.deepEqual(
      r.gpai?.obligations.map((o) => o.ref),
      ['Art. 53'],
    );
  });

  test('a prohibited system from a GPAI provider still gets its GPAI result', () => {
    const r = run({ roles: ['provider'], 'prohibited-practices': ['e'], 'gpai-provider': true, 'gpai-eu-established': true });
    assert.equal(r.outcome, 'prohibited');
    assert.equal(r.gpai?.systemicRisk, false);
  });
});

// ---------------------------------------------------------------- properties and examples

describe('results', () => {
  test('are deterministic and list each obligation once per ref and role', () => {
    const inputs: ClassificationAnswers[] = [
      {
        roles: [...euRoles],
        'annex-iii-uses': annexIIIPoints.map((p) => p.value),
        'transparency-uses': ['interacts', 'deep-fake', 'public-interest-text'],
      },
      {
        roles: ['deployer', 'provider'],
        'role-shift': ['own-name', 'changed-purpose'],
        'annex-i-product': 'lifts',
        'annex-i-third-party': true,
        'annex-iii-uses': ['2'],
      },
      { roles: [...euRoles], 'prohibited-practices': ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] },
    ];
    for (const given of inputs) {
      const answers = complete(given);
      const first = classify(answers, knownRefs);
      assert.deepEqual(classify(structuredClone(answers), knownRefs), first);
      const keys = first.obligations.map((o) => `${o.ref}|${o.role}`);
      assert.equal(new Set(keys).size, keys.length);
      for (const o of first.obligations)
        assert.ok(first.effectiveRoles.includes(o.role as (typeof euRoles)[number]), `${o.ref} is for a held role`);
    }
    const all = classify(complete(inputs[0] ?? {}), knownRefs);
    assert.equal(all.obligations.filter((o) => o.role === 'provider' && o.ref === 'Art. 49').length, 1);
    assert.ok(refs(all).includes('Art. 27 deployer'));
    assert.equal(classify(complete(inputs[2] ?? {}), knownRefs).obligations.length, 8 * 6);
  });

  const examplesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'examples');
  const expected: Record<string, { outcome: string; basis: string[]; obligations: string[]; gpai: string[] | null }> = {
    'cv-screening-deployer.json': {
      outcome: 'high-risk',
      basis: ['Art. 6(2)', 'Annex III.4(a)'],
      obligations: ['Art. 4 deployer', 'Art. 26 deployer'],
      gpai: null,
    },
    'customer-chatbot-provider.json': {
      outcome: 'limited-risk',
      basis: ['Art. 50(1)', 'Art. 50(2)'],
      obligations: ['Art. 4 provider', 'Art. 4 deployer', 'Art. 50(1) provider', 'Art. 50(2) provider'],
      gpai: null,
    },
    'gpai-model-provider.json': {
      outcome: 'out-of-scope',
      basis: ['Art. 3(1)'],
      obligations: [],
      gpai: ['Art. 53', 'Art. 54'],
    },
  };

  test('the example answer files validate and classify as the user guide says', () => {
    assert.deepEqual(fs.readdirSync(examplesDir).sort(), Object.keys(expected).sort());
    const guide = fs.readFileSync(path.resolve(examplesDir, '../../../../../docs/user-guide/eu-ai-act-classification.md'), 'utf8');
    // The guide shows each example file in full, in a ```json block, after a line naming the file.
    const shown = new Map<string, unknown>();
    for (const m of guide.matchAll(/`([\w-]+\.json)`[^\n]*\n+```json\n([\s\S]*?)\n```/g)) shown.set(m[1] ?? '', JSON.parse(m[2] ?? ''));
    for (const [file, want] of Object.entries(expected)) {
      const body = JSON.parse(fs.readFileSync(path.join(examplesDir, file), 'utf8')) as { answers: ClassificationAnswers; note?: string };
      assert.deepEqual(Object.keys(body).sort(), ['answers', 'note']);
      assert.deepEqual(validateAnswers(body.answers), [], file);
      const r = classify(body.answers, knownRefs);
      assert.equal(r.outcome, want.outcome, file);
      assert.deepEqual(r.basis, want.basis, file);
      assert.deepEqual(refs(r), want.obligations, file);
      assert.deepEqual(r.gpai?.obligations.map((o) => o.ref) ?? null, want.gpai, file);
      assert.deepEqual(shown.get(file), body, `the guide shows ${file} as it is`);
      assert.ok(guide.includes(`${file}\` classifies as \`${want.outcome}\``), `the guide gives the outcome of ${file}`);
    }
  });
});
