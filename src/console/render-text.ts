import { CLOSEST_LABEL, type Answer, type AnswerPassage, type ArticleRef, type StoryAnswer } from '../answer/answer-types.js';
import { publisherLabel } from '../corpus/article.js';
import { FACTS_PENDING_NOTE } from '../facts/article-facts.js';
import type { Fact } from '../facts/fact-types.js';
import { mergeFacts, type GlanceFact } from '../facts/merge-facts.js';
import type { TimelineEvent } from '../facts/timeline.js';
import type { ReindexReport, SourceSummary } from '../library/library-types.js';
import { escapeControlChars as safe } from '../text/control-chars.js';

/** How to mark matched words in terminal output. */
export interface TextStyle {
  readonly bold: (text: string) => string;
}

/** Marks matched words with ANSI bold (for a terminal). */
export const ANSI_STYLE: TextStyle = { bold: (text) => `\u001b[1m${text}\u001b[22m` };
/** Leaves text as it is (for pipes and files). */
export const PLAIN_STYLE: TextStyle = { bold: (text) => text };

/** The message shown when nothing in the corpus answers a question. */
export const NO_ANSWER_TEXT = 'Nothing in the articles answers that.';

/*
 * Every renderer here writes text from articles (quotes, titles, file names, reasons) for a terminal:
 * all of it goes through `safe`, which shows control characters instead of letting the terminal obey
 * them; only the style's own codes (bold) are added after.
 */

/**
 * Renders an answer as readable text: each passage quoted, then where it comes from; then, when
 * known, who and when at a glance and the quotes that report the same event.
 */
export function renderAnswerText(answer: Answer | StoryAnswer, style: TextStyle = PLAIN_STYLE): string {
  if (answer.passages.length === 0) {
    const closest = answer.closest ?? [];
    if (answer.notice) return `${NO_ANSWER_TEXT} ${answer.notice}`;
    return closest.length === 0 ? NO_ANSWER_TEXT : [`${NO_ANSWER_TEXT} ${CLOSEST_LABEL}`, quoteLines(closest, style)].join('\n\n');
  }
  const quotes = quoteLines(answer.passages, style);
  const extras = 'facts' in answer ? [...glanceLines(answer), ...reportLines(answer)].map(safe) : [];
  return [quotes, ...(extras.length > 0 ? [extras.join('\n')] : [])].join('\n\n');
}

/** Numbered quotes, each followed by where it comes from. */
function quoteLines(passages: readonly AnswerPassage[], style: TextStyle): string {
  return passages.map((passage, i) => `${i + 1}. “${emphasize(passage, style)}”\n   — ${safe(citation(passage))}`).join('\n\n');
}

/** "Who: …" and "When: …" lines naming what the quotes name, each once. */
function glanceLines(answer: StoryAnswer): string[] {
  const { names, dates } = glanceOf(answer.facts);
  return [
    ...(names.length > 0 ? [`Who: ${names.join(' · ')}`] : []),
    ...(dates.length > 0 ? [`When: ${dates.join(' · ')}`] : []),
    ...(answer.factsPending ? [FACTS_PENDING_NOTE] : []),
  ];
}

/**
 * What quotes name at a glance, each once (mergeFacts): people, organisations and places by their
 * canonical name when known, then dates as written with how they resolve (dateLabel). Plain text;
 * each front end escapes and fits it.
 */
export function glanceOf(facts: readonly Fact[]): { names: string[]; dates: string[] } {
  const glance = mergeFacts(facts);
  return {
    names: glance.filter((f) => f.kind !== 'date').map((f) => f.normalized ?? f.text),
    dates: glance.filter((f) => f.kind === 'date').map(dateLabel),
  };
}

/** A date as written, with how it resolves: "Oct. 14 (≈ 2024-10-14, from …)" or "November 13, 2024". */
export function dateLabel(fact: Pick<GlanceFact, 'text' | 'normalized' | 'note'>): string {
  if (fact.note) return `${fact.text} (${fact.note})`;
  return fact.normalized && !fact.text.includes(fact.normalized) ? `${fact.text} (${fact.normalized})` : fact.text;
}

/** "Quotes 1 and 2 report the same event (2 sources): …" with the dates each gives. */
function reportLines(answer: StoryAnswer): string[] {
  const number = new Map(answer.passages.map((p, i) => [p.passageId, i + 1]));
  return answer.reports.map((group) => {
    const tellings = group.tellings.map((t) => `${number.get(t.passage)}${t.dates.length > 0 ? ` (${t.dates.join(', ')})` : ''}`);
    return `Same event, reported by ${group.articles.length} sources: quotes ${tellings.join(' and ')}.`;
  });
}

/** "Title, Publisher, ¶3 (section) <url>" for a quoted passage. */
export function citation(passage: AnswerPassage): string {
  const section = passage.heading ? ` (“${passage.heading}”)` : '';
  return `${articleLabel(passage.article)}, ¶${passage.paragraph}${section}${passage.article.url ? ` <${passage.article.url}>` : ''}`;
}

/** "Title, Publisher, 2024-11-20" — the parts of an article reference that are known. */
export function articleLabel(article: ArticleRef): string {
  const parts = [article.title, publisherLabel(article.source)];
  if (article.published) parts.push(article.published);
  return parts.join(', ');
}

function emphasize(passage: AnswerPassage, style: TextStyle): string {
  let out = '';
  let at = 0;
  for (const { start, end } of passage.highlights) {
    out += safe(passage.text.slice(at, start)) + style.bold(safe(passage.text.slice(start, end)));
    at = end;
  }
  return out + safe(passage.text.slice(at));
}

/** Lists the articles of the corpus with publisher, date and passage count. */
export function renderSourcesText(sources: readonly SourceSummary[], indexInfo?: { version: number; updatedAt: Date }): string {
  if (sources.length === 0) return 'The corpus has no articles yet.';
  const lines = sources.map(
    (s) =>
      `- ${s.article.title} — ${publisherLabel(s.article.source)}, ${s.article.published ?? 'date unknown'}, ${s.passages} passage${s.passages === 1 ? '' : 's'} [${s.file}]`,
  );
  const footer = indexInfo ? `\nIndex version ${indexInfo.version}, last changed ${indexInfo.updatedAt.toISOString()}.` : '';
  return safe(`${sources.length} article${sources.length === 1 ? '' : 's'}:\n${lines.join('\n')}${footer}`);
}

/** Summarises a reindex: counts before → after, then each file that changed or failed. */
export function renderReindexText(report: ReindexReport): string {
  const head = `Reindexed: ${report.before.articles} → ${report.after.articles} articles, ${report.before.passages} → ${report.after.passages} passages.`;
  const lines = report.changes
    .filter((c) => c.change !== 'unchanged' || c.note)
    .map((c) => `- ${c.file}: ${c.change}${c.reason ? ` (${c.reason})` : ''}${c.note ? ` (${c.note})` : ''}`);
  const unchanged = report.changes.filter((c) => c.change === 'unchanged').length;
  const notices = (report.notices ?? []).map((n) => `- ${n.file}: ${n.kind === 'skipped' ? `skipped (${n.message})` : n.message}`);
  return safe(
    [head, ...lines, ...notices, ...(unchanged > 0 ? [`${unchanged} file${unchanged === 1 ? '' : 's'} unchanged.`] : [])].join('\n'),
  );
}

/** The timeline: one dated statement a line, oldest first, with its source. */
export function renderTimelineText(events: readonly TimelineEvent[]): string {
  if (events.length === 0) return 'No dated statements found.';
  return safe(
    events
      .map(
        (e) =>
          `${e.date}${e.asWritten === e.date ? '' : ` (“${e.asWritten}”)`}\n   “${e.cut ? '…' : ''}${e.text}”\n   — ${e.article.title}, ${publisherLabel(e.article.source)}${e.note ? `\n   ${e.note}` : ''}`,
      )
      .join('\n'),
  );
}
