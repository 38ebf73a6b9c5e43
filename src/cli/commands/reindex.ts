import { CORPUS_OPTION, JSON_OPTION, defineCommand } from '../command.js';
import { libraryOptionsFor, withUsableDataDir } from '../open-library.js';

/** `storybot reindex`: rebuilds the index and reports each file. */
export default defineCommand({
  name: 'reindex',
  summary: 'rebuild the index and report each file: added, changed, unchanged, removed or failed',
  details: 'Exit code 1 when a file failed (the others are still indexed).',
  positionals: [],
  options: { corpus: CORPUS_OPTION, json: JSON_OPTION },
  async run({ values }, io) {
    const { createLibrary } = await import('../../library/library.js');
    const options = await withUsableDataDir(libraryOptionsFor(values.corpus, io), io);
    const library = await createLibrary({ ...options, rebuild: true, facts: 'on-demand' });
    await library.close();
    const report = library.loadReport;
    if (values.json) {
      io.out(
        JSON.stringify({
          before: report.before,
          after: report.after,
          files: report.changes.map(({ file, change, reason }) => ({ file, change, ...(reason === undefined ? {} : { reason }) })),
          notices: report.notices ?? [],
          version: library.version,
          updatedAt: library.updatedAt.toISOString(),
        }),
      );
    } else {
      const { renderReindexText } = await import('../../console/render-text.js');
      io.out(renderReindexText(report));
    }
    return report.failures.length > 0 ? 1 : 0;
  },
});
