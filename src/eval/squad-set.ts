import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const squadQuestionSchema = z.object({
  id: z.string(),
  q: z.string().min(1),
  article: z.string().min(1),
  paragraph: z.number().int().min(0).optional(),
  answers: z.array(z.string()),
  gold: z.array(z.string()),
  kind: z.enum(['answerable', 'impossible', 'cross-article']),
  from: z.string().optional(),
});
const squadSetSchema = z.object({ questions: z.array(squadQuestionSchema).min(1) });

/** One question of the SQuAD-format set (see `eval/squad-dev/README.md`). */
export type SquadQuestion = z.infer<typeof squadQuestionSchema>;
/** What a question is for: `answerable` is scored by hits, the other two by abstention. */
export type SquadKind = SquadQuestion['kind'];

/** A half-open range `[start, end)` of characters in an article body. */
export interface BodySpan {
  readonly start: number;
  readonly end: number;
}

/** Reads `questions.json` of a SQuAD-format package; throws naming the file and the expected shape. */
export async function readSquadQuestions(dir: string): Promise<SquadQuestion[]> {
  const file = path.join(dir, 'questions.json');
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`storybot: cannot read the SQuAD question set ${file}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = squadSetSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(
      `storybot: ${file} is not a SQuAD-format set: expected { "questions": [ { "id", "q", "article", "paragraph", "answers", "gold", "kind" } ] }`,
    );
  }
  return parsed.data.questions;
}

/**
 * Where a question's gold sentences lie in its article body: each `gold` text at its first
 * occurrence in the body line `paragraph` (the package's definition). Throws when the text is
 * not there, since every hit would then be a miss for the wrong reason.
 */
export function goldSpans(question: SquadQuestion, body: string): BodySpan[] {
  if (question.gold.length === 0) return [];
  const lines = body.split('\n');
  const line = question.paragraph === undefined ? undefined : lines[question.paragraph];
  if (line === undefined)
    throw new Error(`storybot: question ${question.id} names line ${question.paragraph} of ${question.article}, which has ${lines.length}`);
  const lineStart = lines.slice(0, question.paragraph).reduce((sum, l) => sum + l.length + 1, 0);
  return question.gold.map((gold) => {
    const at = line.indexOf(gold);
    if (at === -1)
      throw new Error(`storybot: a gold sentence of question ${question.id} is not in line ${question.paragraph} of ${question.article}`);
    return { start: lineStart + at, end: lineStart + at + gold.length };
  });
}
