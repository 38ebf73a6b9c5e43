import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { factsWithPlacedDates, inferStoryReference } from '../../src/facts/corpus-dates.js';
import { factsOfPassage } from '../../src/facts/extract-facts.js';
import type { Fact } from '../../src/facts/fact-types.js';
import { evaluateGrouping, parseEventPairs, type GroupingEvaluation } from '../../src/facts/grouping-eval.js';
import { buildWordRarity, DEFAULT_SAME_EVENT_THRESHOLD, groupSameEvents } from '../../src/facts/same-event.js';
import { DAILY_CALLER, EXPLAINER, indexedPassages, passageWith, seedArticle } from './seed-corpus.js';

const articles = [seedArticle(DAILY_CALLER), seedArticle(EXPLAINER)];
const indexed = indexedPassages(articles);
const passages = indexed.map(({ passage }) => passage);
const placedFacts = factsWithPlacedDates(articles, indexed);
const rarity = buildWordRarity(passages, placedFacts);

describe('groupSameEvents on the seed articles', () => {
  const groups = groupSameEvents(passages, placedFacts, { rarity });
  const warning = passageWith(articles[0]!, 'U.S. officials had warned Iran');
  const septemberWarning = passageWith(articles[1]!, 'strong warning in September');

  it('groups the U.S. warning both articles report, reported by 2 sources, dates as written side by side', () => {
    const group = groups.find((g) => g.passages.includes(warning.id));
    expect(group?.passages).toEqual([warning.id, septemberWarning.id]);
    expect(group?.articles).toEqual([DAILY_CALLER, EXPLAINER]);
    expect(group?.tellings.map((t) => t.dates)).toEqual([['Months before the election'], ['in September']]);
    expect(group?.shared).toContain('warned');
    expect(group?.tellings[0]?.keyPhrases).toContain('severely punished');
  });

  it('only groups passages of different articles', () => {
    for (const group of groups) expect(new Set(group.articles).size).toBeGreaterThanOrEqual(2);
  });

  it('keeps apart two passages of the same article even when they tell the same thing', () => {
    const sameArticle = [
      { id: 'x1', articleId: 'a', text: 'Iran sent a message to the Biden administration in October.' },
      { id: 'x2', articleId: 'a', text: 'In October Iran sent the Biden administration a message.' },
    ];
    const facts = new Map<string, readonly Fact[]>(sameArticle.map((p) => [p.id, factsOfPassage(p, null)]));
    expect(groupSameEvents(sameArticle, facts)).toEqual([]);
  });

  it('does not group the October message with the September warning: their dates conflict', () => {
    const message = passageWith(articles[0]!, 'on Oct. 14');
    const group = groups.find((g) => g.passages.includes(message.id));
    expect(group?.passages ?? []).not.toContain(septemberWarning.id);
  });
});

describe('evaluateGrouping on the labelled pairs (eval/event-pairs.json)', () => {
  const json: unknown = JSON.parse(readFileSync(fileURLToPath(new URL('../../eval/event-pairs.json', import.meta.url)), 'utf8'));
  const pairs = parseEventPairs(json);
  const reference = inferStoryReference(articles, indexed)?.iso ?? null;
  const show = (label: string, result: GroupingEvaluation): string =>
    `${label}: precision ${result.precision?.toFixed(2) ?? 'n/a'}, recall ${result.recall?.toFixed(2) ?? 'n/a'} ` +
    `(TP ${result.truePositives}, FP ${result.falsePositives}, FN ${result.falseNegatives}, TN ${result.trueNegatives})`;

  it('labels both same-event and different-event pairs drawn from the two seed articles', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(10);
    expect(pairs.some((p) => p.sameEvent)).toBe(true);
    expect(pairs.some((p) => !p.sameEvent)).toBe(true);
    for (const { a, b } of pairs) {
      for (const sentence of [a, b]) expect(articles.find((x) => x.id === sentence.article)?.body).toContain(sentence.text);
    }
  });

  it('measures precision and recall of the grouping, with dates unknown and with the story date (printed, not asserted)', () => {
    const unknown = evaluateGrouping(pairs, { rarity });
    const dated = evaluateGrouping(pairs, { rarity, published: new Map(articles.map((a) => [a.id, a.published ?? reference])) });
    console.log(
      [
        `same-event grouping, threshold ${DEFAULT_SAME_EVENT_THRESHOLD}, ${pairs.length} labelled pairs:`,
        show('  dates unknown', unknown),
        show(`  dates resolved against ${reference}`, dated),
        ...dated.outcomes.map(
          (o) =>
            `    ${o.pair.sameEvent ? 'same' : 'diff'} ${o.grouped ? 'grouped  ' : 'separate '} ${o.similarity.toFixed(2)}  ${o.pair.about ?? ''}`,
        ),
      ].join('\n'),
    );
    for (const result of [unknown, dated]) {
      expect(result.truePositives + result.falsePositives + result.falseNegatives + result.trueNegatives).toBe(pairs.length);
    }
  });

  it('refuses a malformed pairs file', () => {
    expect(() => parseEventPairs({ pairs: [{ a: { article: 'x', text: 'y' }, sameEvent: true }] })).toThrow();
  });
});
