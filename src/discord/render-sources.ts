import { publisherLabel } from '../corpus/article.js';
import type { ReindexReport, SourceSummary } from '../library/library-types.js';
import { messageBody, type MessageBody } from './render-message.js';
import { LIMITS, cutOnWord, escapeAll, inlineCode } from './render-text.js';

/** Which index an answer drew on: its version and when it last changed. */
export interface IndexInfo {
  readonly version: number;
  readonly updatedAt: Date;
}

/**
 * `/sources`: one line per article with publisher, date and passage count, then the index version
 * and when it last changed (a live Discord timestamp), so users can tell what answers drew on.
 */
export function renderSources(sources: readonly SourceSummary[], index: IndexInfo): MessageBody {
  const indexLine = `Index version ${index.version} · last changed <t:${Math.floor(index.updatedAt.getTime() / 1000)}:R>`;
  if (sources.length === 0)
    return messageBody(
      `No articles are indexed yet. Add article files to the corpus directory (or use /add-article), then run \`/reindex\`.\n-# ${indexLine}`,
    );
  const lines = sources.map(({ article, passages }) => {
    const parts = [
      `**${escapeAll(cutOnWord(article.title, 200))}**`,
      escapeAll(cutOnWord(publisherLabel(article.source), 100)),
      article.published ? escapeAll(article.published) : 'date unknown',
      `${passages} ${passages === 1 ? 'passage' : 'passages'}`,
    ];
    return `- ${parts.join(' · ')}`;
  });
  const title = `${sources.length} ${sources.length === 1 ? 'article' : 'articles'}`;
  const description = `${fitLines(lines, LIMITS.embedDescription - indexLine.length - 2)}\n\n${indexLine}`;
  return messageBody('', [{ title, description, color: 0x5865f2 }]);
}

/** `/reindex`: counts before → after, what changed, and every file that failed with its reason. */
export function renderReindex(report: ReindexReport): MessageBody {
  const count = (c: { articles: number; passages: number }): string => `${c.articles} articles, ${c.passages} passages`;
  const changed = (['added', 'changed', 'removed'] as const)
    .map((kind) => [kind, report.changes.filter((c) => c.change === kind).length] as const)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind}`);
  const head = [
    `Reindexed: ${count(report.before)} → ${count(report.after)}.`,
    changed.length > 0 ? `Files: ${changed.join(', ')}.` : 'No file changed.',
  ];
  // A failed file may be reported both as a change and as a failure; list it once.
  const failures = new Map(report.changes.filter((c) => c.change === 'failed').map((c) => [c.file, c.reason ?? 'unknown reason']));
  for (const f of report.failures) failures.set(f.file, f.reason);
  if (failures.size > 0)
    head.push(`${failures.size} ${failures.size === 1 ? 'file' : 'files'} failed (fix them, then run /reindex again):`);
  const line = (file: string, text: string): string => `- ${inlineCode(file)}: ${escapeAll(cutOnWord(text, 300))}`;
  const lines = [...failures].map(([file, reason]) => line(file, reason));
  // Indexed, but not to their end (the passage bound): listed after the failures.
  const noted = report.changes.filter((c) => c.note);
  if (noted.length > 0) {
    if (failures.size === 0) head.push(`${noted.length} ${noted.length === 1 ? 'file is' : 'files are'} indexed only in part:`);
    for (const { file, note } of noted) lines.push(line(file, note ?? ''));
  }
  // Entries left out on purpose and ignored front-matter keys: not failures, but a reindex says what it did not use.
  const notices = report.notices ?? [];
  if (notices.length > 0)
    lines.push('Also:', ...notices.map((n) => line(n.file, n.kind === 'skipped' ? `skipped (${n.message})` : n.message)));
  const headText = head.join('\n');
  return messageBody(lines.length > 0 ? `${headText}\n${fitLines(lines, LIMITS.content - headText.length - 1)}` : headText);
}

/**
 * Joins whole lines (or other items, with another `separator`) up to `max` characters, ending with
 * "…and N more" when some do not fit.
 */
export function fitLines(lines: readonly string[], max: number, separator = '\n'): string {
  const all = lines.join(separator);
  if (all.length <= max) return all;
  const kept: string[] = [];
  for (const [i, line] of lines.entries()) {
    if ([...kept, line, `…and ${lines.length - i - 1} more`].join(separator).length > max) break;
    kept.push(line);
  }
  return [...kept, `…and ${lines.length - kept.length} more`].join(separator);
}

/** Autocomplete for `source`: up to 25 articles whose title, publisher or id contains what is typed. */
export function sourceChoices(sources: readonly SourceSummary[], typed: string): { name: string; value: string }[] {
  const needle = typed.trim().toLowerCase();
  return sources
    .filter(({ article }) => needle === '' || [article.title, article.source, article.id].some((s) => s.toLowerCase().includes(needle)))
    .slice(0, 25)
    .map(({ article }) => ({
      name: cutOnWord(`${article.title} — ${publisherLabel(article.source)}`, LIMITS.choiceName),
      value: article.id.slice(0, 100),
    }));
}
