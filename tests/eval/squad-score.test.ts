import { describe, expect, it } from 'vitest';
import { firstHitRank, isSquadHit, scoreSquad, type QuotedPassage, type SquadRow } from '../../src/eval/squad-score.js';
import { goldSpans, type SquadQuestion } from '../../src/eval/squad-set.js';

// A two-line article body in the package's format: one SQuAD paragraph per line.
const BODY =
  'The Normans were the people who gave their name to Normandy, a region in France. They were descended from Norse raiders.\n' +
  'Rollo agreed to swear fealty to King Charles III of West Francia. The treaty was signed in 911.\n';
const LINE_1 = BODY.indexOf('Rollo');

/** A passage of the article: the slice of BODY starting at `text`. */
function passage(text: string, articleId = 'normans'): QuotedPassage {
  const start = BODY.indexOf(text);
  if (start === -1) throw new Error(`not in the body: ${text}`);
  return { articleId, start, end: start + text.length, text };
}

const answerable: SquadQuestion = {
  id: 'q1',
  q: 'In what year was the treaty signed?',
  article: 'normans',
  paragraph: 1,
  answers: ['911'],
  gold: ['The treaty was signed in 911.'],
  kind: 'answerable',
};
const row = (passages: QuotedPassage[], question: SquadQuestion = answerable): SquadRow => ({
  kind: question.kind,
  article: question.article,
  answers: question.answers,
  gold: goldSpans(question, BODY),
  passages,
});

describe('goldSpans', () => {
  it('places each gold sentence at its first occurrence in the question’s line of the body', () => {
    const start = LINE_1 + 'Rollo agreed to swear fealty to King Charles III of West Francia. '.length;
    expect(goldSpans(answerable, BODY)).toEqual([{ start, end: start + 'The treaty was signed in 911.'.length }]);
  });

  it('refuses a gold sentence that is not in its line, naming the question', () => {
    expect(() => goldSpans({ ...answerable, paragraph: 0 }, BODY)).toThrow('a gold sentence of question q1 is not in line 0 of normans');
  });
});

describe('the SQuAD hit (eval/squad-dev/README.md)', () => {
  it('is a hit when the passage overlaps the gold sentence and holds the answer', () => {
    expect(isSquadHit(row([]), passage('The treaty was signed in 911.'))).toBe(true);
    // Overlapping is enough: a passage spanning both sentences of the line still counts.
    expect(isSquadHit(row([]), passage('Charles III of West Francia. The treaty was signed in 911.'))).toBe(true);
  });

  it('is a miss when the answer text is in another sentence than the gold one', () => {
    const elsewhere: SquadQuestion = {
      ...answerable,
      answers: ['Normandy'],
      gold: ['They were descended from Norse raiders.'],
      paragraph: 0,
    };
    expect(
      isSquadHit(row([], elsewhere), passage('The Normans were the people who gave their name to Normandy, a region in France.')),
    ).toBe(false);
  });

  it('is a miss when the passage overlaps the gold sentence but lacks every answer, compared case-sensitively', () => {
    expect(isSquadHit(row([], { ...answerable, answers: ['912'] }), passage('The treaty was signed in 911.'))).toBe(false);
    expect(isSquadHit(row([], { ...answerable, answers: ['THE TREATY'] }), passage('The treaty was signed in 911.'))).toBe(false);
  });

  it('is a miss for the same text quoted from another article', () => {
    expect(isSquadHit(row([]), passage('The treaty was signed in 911.', 'vikings'))).toBe(false);
  });

  it('ranks the first hit among the first five passages only', () => {
    const misses = Array.from({ length: 5 }, () => passage('Rollo agreed to swear fealty to King Charles III of West Francia.'));
    const hit = passage('The treaty was signed in 911.');
    expect(firstHitRank(row([misses[0]!, hit]))).toBe(2);
    expect(firstHitRank(row([...misses, hit]))).toBeNull();
  });
});

describe('scoreSquad', () => {
  it('scores hits on answerable questions and abstentions on impossible and cross-article ones', () => {
    const miss = passage('Rollo agreed to swear fealty to King Charles III of West Francia.');
    const hit = passage('The treaty was signed in 911.');
    const impossible: SquadQuestion = { ...answerable, id: 'q2', kind: 'impossible', answers: [], gold: [] };
    const cross: SquadQuestion = { ...impossible, id: 'q3', kind: 'cross-article' };
    const figures = scoreSquad([
      row([hit]),
      row([miss, miss, hit]),
      row([]), // answerable, abstained: a miss, and not "answered"
      row([], impossible), // abstained: right
      row([miss], impossible), // answered an unanswerable question
      row([], cross),
    ]);
    expect(figures).toEqual({
      questions: 6,
      answerable: 3,
      hitAt1: 1 / 3,
      hitAt3: 2 / 3,
      mrrAt5: (1 + 1 / 3) / 3,
      answered: 2 / 3,
      unanswerable: { abstained: 1, total: 2 },
      crossArticle: { abstained: 1, total: 1 },
    });
  });

  it('says null, not 0 of 0, for kinds the set does not ask', () => {
    const figures = scoreSquad([row([passage('The treaty was signed in 911.')])]);
    expect(figures.unanswerable).toBeNull();
    expect(figures.crossArticle).toBeNull();
  });
});
