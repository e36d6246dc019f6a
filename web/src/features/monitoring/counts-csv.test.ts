import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  countsTemplate,
  CsvSyntaxError,
  describeProblem,
  MAX_COUNT_ROWS,
  parseCounts,
  parseCountsCsv,
  parseCountsJson,
  parseCsv,
  problemOfIssue,
  type CountsParse,
} from './counts-csv.ts';

const spec = { sensitive: ['group', 'sex'], intersect: true, minGroupSize: 10 };

function ok(result: CountsParse) {
  if (!result.ok) assert.fail(`expected the table to be read: ${result.problems.map(describeProblem).join('; ')}`);
  return result;
}

function problems(result: CountsParse): string[] {
  if (result.ok) assert.fail('expected problems');
  return result.problems.map(describeProblem);
}

test('parseCsv: quotes, doubled quotes, commas and line breaks inside quotes, CRLF, a BOM', () => {
  const text = '\uFEFFa,b,c\r\n"x, y","say ""hi""",plain\r\n"two\r\nlines",," "\r\n\r\nlast,row,end';
  assert.deepEqual(parseCsv(text), [
    { line: 1, fields: ['a', 'b', 'c'] },
    { line: 2, fields: ['x, y', 'say "hi"', 'plain'] },
    { line: 3, fields: ['two\r\nlines', '', ' '] },
    { line: 6, fields: ['last', 'row', 'end'] },
  ]);
  // A lone CR ends a record too; a final line break adds no empty record.
  assert.deepEqual(parseCsv('a,b\rc,d\n'), [
    { line: 1, fields: ['a', 'b'] },
    { line: 2, fields: ['c', 'd'] },
  ]);
});

test('parseCsv: a quote left open or misplaced is refused with its line', () => {
  assert.throws(
    () => parseCsv('a,b\n"open,1\n2,3'),
    (e: unknown) => e instanceof CsvSyntaxError && e.line === 2,
  );
  assert.throws(
    () => parseCsv('a,b\nx"y,1'),
    (e: unknown) => e instanceof CsvSyntaxError && e.line === 2 && /quote inside/.test(e.message),
  );
  assert.throws(
    () => parseCsv('a,b\n"x"y,1'),
    (e: unknown) => e instanceof CsvSyntaxError && /after a closing quote/.test(e.message),
  );
});

test('a counts table becomes the JSON body, with the plan’s sensitive features, intersection and minimum group size', () => {
  const text = '\uFEFFsex,group,tp,fp,tn,fn\r\nF,A,12,3,40,5\r\n"M","B",7,1,30,2\r\n,A,1,0,2,0\r\n';
  const result = ok(parseCountsCsv(text, spec));
  assert.deepEqual(result.body, {
    sensitive: ['group', 'sex'],
    intersect: true,
    minGroupSize: 10,
    cells: [
      { group: { group: 'A', sex: 'F' }, tp: 12, fp: 3, tn: 40, fn: 5 },
      { group: { group: 'B', sex: 'M' }, tp: 7, fp: 1, tn: 30, fn: 2 },
      // An empty sensitive value is a missing one.
      { group: { group: 'A', sex: null }, tp: 1, fp: 0, tn: 2, fn: 0 },
    ],
  });
  assert.deepEqual(result.lines, [2, 3, 4]);
});

test('values with commas and quotes, header names in any case and with spaces around them', () => {
  const text = 'group, sex ,TP,Fp,tn,fn\n"Smith, ""J""",F,1,2,3,4\n';
  const result = ok(parseCountsCsv(text, spec));
  assert.deepEqual(result.body.cells, [{ group: { group: 'Smith, "J"', sex: 'F' }, tp: 1, fp: 2, tn: 3, fn: 4 }]);
});

test('a header without a sensitive feature or a count is refused, naming what is missing and what is expected', () => {
  assert.deepEqual(problems(parseCountsCsv('group,tp,fp,tn\nA,1,2,3\n', spec)), [
    'Line 1: the header has no columns "sex", "fn"; it should be: group,sex,tp,fp,tn,fn',
  ]);
  assert.deepEqual(problems(parseCountsCsv('group,sex,age,tp,fp,tn,fn,tp\n', spec)), [
    'Line 1, column "age": not a sensitive feature of this plan (it reads "group", "sex"); remove the column, or add the feature to the plan',
    'Line 1, column "tp": named twice in the header',
  ]);
});

test('a negative, fractional or missing count is refused, naming its line and column', () => {
  const text = 'group,sex,tp,fp,tn,fn\nA,F,1,2,3,4\nB,M,-2,0,1,0\nC,F,1,2.5,3,4\n\nD,M,1,2,,4\n';
  assert.deepEqual(problems(parseCountsCsv(text, spec)), [
    'Line 3, column "tp": "-2" is not a count: a whole number, 0 or more, is expected',
    'Line 4, column "fp": "2.5" is not a count: a whole number, 0 or more, is expected',
    'Line 6, column "tn": no count; write 0 when there is none',
  ]);
  assert.deepEqual(problems(parseCountsCsv('group,sex,tp,fp,tn,fn\nA,F,1,2,3,1e3\n', spec)), [
    'Line 2, column "fn": "1e3" is not a count: a whole number, 0 or more, is expected',
  ]);
});

test('rows of the wrong width, repeated combinations, broken quotes and empty tables are refused', () => {
  assert.deepEqual(problems(parseCountsCsv('group,sex,tp,fp,tn,fn\nA,F,1,2,3\n', spec)), [
    'Line 2: 5 values, but the header has 6 columns',
  ]);
  assert.deepEqual(problems(parseCountsCsv('group,sex,tp,fp,tn,fn\nA,,1,2,3,4\nA,"",1,1,1,1\n', spec)), [
    'Line 3: group = A, sex = (missing) is already on line 2: one row per combination (add their counts together)',
  ]);
  assert.deepEqual(problems(parseCountsCsv('group,sex,tp,fp,tn,fn\n"A,F,1,2,3,4\n', spec)), [
    'Line 2: a quoted value is never closed (a " is missing)',
  ]);
  assert.match(problems(parseCountsCsv('\uFEFF\r\n', spec))[0] ?? '', /The table is empty/);
  assert.match(problems(parseCountsCsv('group,sex,tp,fp,tn,fn\r\n', spec))[0] ?? '', /no rows of counts/);
});

test('at most 100,000 rows; at most ten problems listed, the rest counted', () => {
  const rows = Array.from({ length: MAX_COUNT_ROWS + 1 }, (_, i) => `g${i},F,1,0,0,0`);
  const tooMany = parseCountsCsv(`group,sex,tp,fp,tn,fn\n${rows.join('\n')}\n`, spec);
  assert.match(problems(tooMany)[0] ?? '', /More than 100,000 rows/);
  const enough = ok(parseCountsCsv(`group,sex,tp,fp,tn,fn\n${rows.slice(1).join('\n')}\n`, spec));
  assert.equal(enough.body.cells.length, MAX_COUNT_ROWS);

  const bad = parseCountsCsv(`group,sex,tp,fp,tn,fn\n${Array.from({ length: 15 }, (_, i) => `g${i},F,x,0,0,0`).join('\n')}`, spec);
  assert.equal(bad.ok, false);
  if (!bad.ok) {
    assert.equal(bad.problems.length, 10);
    assert.ok(bad.more >= 1);
  }
});

test('the template is the header alone, quoted where a name needs it', () => {
  assert.equal(countsTemplate(['group', 'sex']), 'group,sex,tp,fp,tn,fn\r\n');
  assert.equal(countsTemplate(['age, band', 'say "x"']), '"age, band","say ""x""",tp,fp,tn,fn\r\n');
  // And the parser reads it back.
  assert.deepEqual(parseCsv(countsTemplate(['age, band', 'say "x"']))[0]?.fields, ['age, band', 'say "x"', 'tp', 'fp', 'tn', 'fn']);
});

test('JSON is passed through, the plan’s settings filled in only where it leaves them out', () => {
  const cells = [{ group: { group: 'A' }, tp: 1, fp: 0, tn: 0, fn: 0 }];
  assert.deepEqual(ok(parseCountsJson(JSON.stringify({ cells }), spec)).body, {
    cells,
    sensitive: ['group', 'sex'],
    intersect: true,
    minGroupSize: 10,
  });
  assert.deepEqual(ok(parseCountsJson(JSON.stringify({ sensitive: ['group'], intersect: false, cells }), spec)).body, {
    sensitive: ['group'],
    intersect: false,
    minGroupSize: 10,
    cells,
  });
  assert.match(problems(parseCountsJson('{"cells": [', spec))[0] ?? '', /^The JSON could not be read/);
  assert.match(problems(parseCountsJson('[1]', spec))[0] ?? '', /must be an object/);
  // By file name, or by the first character when pasted.
  assert.equal(ok(parseCounts(JSON.stringify({ cells }), spec)).lines, null);
  assert.equal(ok(parseCounts(JSON.stringify({ cells }), spec, 'counts.json')).lines, null);
  assert.deepEqual(ok(parseCounts('group,sex,tp,fp,tn,fn\nA,F,1,0,0,0', spec, 'counts.csv')).lines, [2]);
});

test('the server’s complaints are placed on the line of the table they came from', () => {
  assert.equal(describeProblem(problemOfIssue('cells.1.tp', 'Too big', [2, 5, 9])), 'Line 5, column "tp": Too big');
  assert.equal(describeProblem(problemOfIssue('cells.2.group', 'unknown feature "x"', [2, 5, 9])), 'Line 9: unknown feature "x"');
  assert.equal(describeProblem(problemOfIssue('cells.0.group.sex', 'Too long', [2])), 'Line 2, column "sex": Too long');
  assert.equal(describeProblem(problemOfIssue('cells.3.fn', 'Too small', null)), 'cells[3].fn: Too small');
  assert.equal(describeProblem(problemOfIssue('sensitive', 'Too many', [2])), 'Sensitive features: Too many');
  assert.equal(describeProblem(problemOfIssue('cells', 'Too big', [2])), 'The rows of counts: Too big');
});
