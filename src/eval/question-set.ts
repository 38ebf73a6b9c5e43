import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/** A question with its gold snippets; an empty gold list means the corpus does not answer it. */
export interface EvalQuestion {
  readonly q: string;
  readonly gold: readonly string[];
}

const questionSetSchema = z.object({
  questions: z.array(z.object({ q: z.string().min(1), gold: z.array(z.string()) })).min(1),
});

/** Reads a question set in the format of `eval/questions.json`; throws naming the file and the fix. */
export async function readQuestionSet(file: string): Promise<EvalQuestion[]> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`storybot: cannot read the question set ${file} (${(error as NodeJS.ErrnoException).code ?? error})`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error(`storybot: ${file} is not valid JSON`);
  }
  const parsed = questionSetSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`storybot: ${file} is not a question set: expected { "questions": [ { "q": "…", "gold": ["…"] } ] }`);
  }
  return parsed.data.questions;
}
