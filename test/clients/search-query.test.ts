import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseSearchQuery, withoutSsnDigits, type NameQuery } from '../../src/clients/client-search.js';
import { nicknameVariants } from '../../src/clients/name-matching.js';
import { ValidationError } from '../../src/errors.js';

/** What the one search box makes of what was typed (issue 10), on the test clock's day. */
const TODAY = '2026-11-27';

function refusal(query: string): string {
  try {
    parseSearchQuery(query, TODAY);
  } catch (error) {
    assert.ok(error instanceof ValidationError, String(error));
    return error.message;
  }
  assert.fail(`“${query}” was accepted`);
}

describe('the search box reads dates, SSN digits and names', () => {
  test('every common date form is a date of birth (issue 10, bug 2)', () => {
    for (const typed of ['03/14/1971', '3/14/1971', '03-14-1971', '3-14-1971', '03.14.1971', '1971-03-14', '1971/3/14', '03/14/71']) {
      assert.deepEqual(parseSearchQuery(typed, TODAY), { kind: 'dob', dob: '1971-03-14', ssnLast4: null, ssn: null }, typed);
    }
  });

  test('a two-digit year is the latest that does not put the birth after today', () => {
    const dob = (typed: string) => (parseSearchQuery(typed, TODAY) as { dob: string }).dob;
    assert.equal(dob('03/14/26'), '2026-03-14');
    assert.equal(dob('11/27/26'), '2026-11-27');
    assert.equal(dob('11/28/26'), '1926-11-28');
    assert.equal(dob('12/01/99'), '1999-12-01');
    assert.equal(dob('01/01/00'), '2000-01-01');
  });

  test('a date that is no date, or after today, says so, never pointing at the name', () => {
    for (const typed of ['02/30/1980', '13/45/1990', '03-32-1971']) {
      const message = refusal(typed);
      assert.match(message, /is not a real date/, typed);
      assert.doesNotMatch(message, /letters of a name/, typed);
    }
    assert.match(refusal('03/14/2027'), /cannot be in the future/);
    assert.match(refusal('maria 02/30/1980'), /“02\/30\/1980” is not a real date/);
  });

  test('digits that are no date or SSN are named as such', () => {
    for (const typed of ['12345', 'garcia 123', 'john2']) {
      const message = refusal(typed);
      assert.match(message, /is not a date of birth \(MM\/DD\/YYYY\), the last 4 digits of an SSN or a full SSN/, typed);
      assert.doesNotMatch(message, /letters of a name/, typed);
    }
    assert.match(refusal('x'), /Type at least 2 letters of a name/);
  });

  test('a name with a date of birth, the last 4 of an SSN or a full SSN in the same box (issue 10, missing 4)', () => {
    const withDob = parseSearchQuery('maria garcia 03/14/1971', TODAY) as NameQuery;
    assert.equal(withDob.kind, 'name');
    assert.equal(withDob.dob, '1971-03-14');
    assert.ok(withDob.readings.some((r) => r.first === 'maria' && r.last === 'garcia'));
    const withLast4 = parseSearchQuery('Garcia, Maria 1234', TODAY) as NameQuery;
    assert.equal(withLast4.ssnLast4, '1234');
    assert.deepEqual(withLast4.readings.map((r) => [r.first, r.last]), [['maria', 'garcia']]);
    assert.equal((parseSearchQuery('maria garcia ***-**-1234', TODAY) as NameQuery).ssnLast4, '1234');
    assert.equal((parseSearchQuery('maria garcia 123-45-6789', TODAY) as NameQuery).ssn, '123456789');
    assert.deepEqual(parseSearchQuery('03/14/1971 1234', TODAY), { kind: 'dob', dob: '1971-03-14', ssnLast4: '1234', ssn: null });
  });

  test('a suffix is read as a suffix, not as a name', () => {
    const query = parseSearchQuery('John Smith Jr.', TODAY) as NameQuery;
    assert.equal(query.suffix, 'jr');
    assert.deepEqual(query.readings.map((r) => [r.first, r.last, r.others]), [['john', 'smith', []], ['smith', 'john', []]]);
    assert.equal((parseSearchQuery('Smith, John III', TODAY) as NameQuery).suffix, 'iii');
  });

  test('more than two words are read every way: middle name, double surname, "Last First" (issue 10, bug 1 and missing 5)', () => {
    const readings = (parseSearchQuery('María Hernández García', TODAY) as NameQuery).readings.map((r) => `${r.first}|${r.last}|${r.others.join(' ')}|${r.weight}`);
    assert.ok(readings.includes('maria|hernandezgarcia||1'), 'first name + double surname');
    assert.ok(readings.includes('maria|garcia|hernandez|1'), 'first + last name, a middle name between');
    assert.ok(readings.includes('garcia|mariahernandez||0.95'), '"Last First" without a comma, counted a little less');
    const swapped = (parseSearchQuery('López García María', TODAY) as NameQuery).readings.map((r) => `${r.first}|${r.last}|${r.weight}`);
    assert.ok(swapped.includes('maria|lopezgarcia|0.95'));
  });

  test('the audit copy of a search never holds SSN digits', () => {
    assert.equal(withoutSsnDigits('maria garcia 1234'), 'maria garcia ****');
    assert.equal(withoutSsnDigits('Garcia, Maria 123-45-6789 03/14/1971'), 'Garcia, Maria **** 03/14/1971');
    assert.equal(withoutSsnDigits('maria xxx-xx-1234'), 'maria ****');
  });
});

describe('nicknames, both ways (issue 10, missing 7)', () => {
  test('the English list (Abe → Abraham, Hank → Henry) and back', () => {
    assert.ok(nicknameVariants('abe').includes('abraham'));
    assert.ok(nicknameVariants('hank').includes('henry'));
    assert.ok(nicknameVariants('abraham').includes('abe'));
    assert.ok(nicknameVariants('bill').includes('william'));
  });

  test('common Spanish hypocorisms, accents folded as search folds them', () => {
    const expected: [string, string][] = [
      ['pepe', 'jose'],
      ['paco', 'francisco'],
      ['pancho', 'francisco'],
      ['nacho', 'ignacio'],
      ['chuy', 'jesus'],
      ['lupe', 'guadalupe'],
      ['memo', 'guillermo'],
      ['beto', 'alberto'],
      ['beto', 'roberto'],
      ['lalo', 'eduardo'],
      ['tono', 'antonio'],
      ['quique', 'enrique'],
      ['maru', 'maria'],
      ['chelo', 'consuelo'],
      ['concha', 'concepcion'],
      ['lola', 'dolores'],
      ['charo', 'rosario'],
      ['pili', 'pilar'],
      ['meche', 'mercedes'],
      ['nena', 'elena'],
    ];
    for (const [nickname, name] of expected) {
      assert.ok(nicknameVariants(nickname).includes(name), `${nickname} → ${name}`);
      assert.ok(nicknameVariants(name).includes(nickname), `${name} → ${nickname}`);
    }
  });
});
