import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { datesRoles } from '../../src/facts/clause-dating.js';
import { evaluateDating, parseDatingFixtures } from '../../src/facts/dating-eval.js';

const spanOf = (sentence: string, date: string): { start: number; end: number } => {
  const start = sentence.indexOf(date);
  return { start, end: start + date.length };
};

describe('datesRoles', () => {
  it('gives a sentence to its opening date and only the noun phrase to a date of an earlier event', () => {
    const sentence =
      'In October, Iran reportedly sent a message, despite threats of retaliation for the killing of General Qassim Suleimani in 2020.';
    const [october, year] = datesRoles(sentence, [spanOf(sentence, 'In October'), spanOf(sentence, 'in 2020')]);
    expect(october).toEqual({ role: 'main' });
    expect(year?.role).toBe('clause');
    if (year?.role === 'clause')
      expect(sentence.slice(year.clause.start, year.clause.end)).toBe('the killing of General Qassim Suleimani in 2020');
  });

  it('keeps "since 2020" with the main clause and cuts a relative clause at its comma', () => {
    const since = 'Iran has denied plotting against American officials since 2020.';
    expect(datesRoles(since, [spanOf(since, 'since 2020')])).toEqual([{ role: 'main' }]);
    const relative = 'Trump, who left office in January 2021, returned to the White House in 2025.';
    const [left, returned] = datesRoles(relative, [spanOf(relative, 'in January 2021'), spanOf(relative, 'in 2025')]);
    expect(returned).toEqual({ role: 'main' });
    expect(left?.role === 'clause' && relative.slice(left.clause.start, left.clause.end)).toBe('who left office in January 2021');
  });

  it('dates the main event with "months before the election"', () => {
    const sentence = 'Months before the election, U.S. officials had warned Tehran through back channels.';
    expect(datesRoles(sentence, [spanOf(sentence, 'Months before the election')])).toEqual([{ role: 'main' }]);
  });
});

describe('timeline dating on the labelled sentences (eval/timeline-dating.json)', () => {
  it('lists more statements under their own date than a sentence under every date does', async () => {
    const fixtures = parseDatingFixtures(JSON.parse(await readFile('eval/timeline-dating.json', 'utf8')));
    const result = evaluateDating(fixtures);
    console.log(
      `timeline dating: precision ${result.precision?.toFixed(2)} (${result.correct}/${result.entries}), whole sentences ${result.wholeSentencePrecision?.toFixed(2)}`,
    );
    expect(result.missed).toBe(0);
    expect(result.precision ?? 0).toBeGreaterThan(result.wholeSentencePrecision ?? 1);
  });
});
