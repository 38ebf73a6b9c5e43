import { CORPUS_OPTION, JSON_OPTION, defineCommand } from '../command.js';
import { libraryOptionsFor, openLibrary } from '../open-library.js';

/** `storybot sources`: the articles with publisher, date and passage count, and the index version. */
export default defineCommand({
  name: 'sources',
  summary: 'list the articles with publisher, date and passage count, and the index version',
  positionals: [],
  options: { corpus: CORPUS_OPTION, json: JSON_OPTION },
  async run({ values }, io) {
    const library = await openLibrary(libraryOptionsFor(values.corpus, io), io);
    const sources = library.sources();
    if (values.json) {
      io.out(
        JSON.stringify({
          articles: sources.map(({ article, passages, file }) => ({
            id: article.id,
            title: article.title,
            source: article.source,
            url: article.url,
            published: article.published,
            passages,
            file,
          })),
          version: library.version,
          updatedAt: library.updatedAt.toISOString(),
          failed: library.loadReport.failures.map(({ file, reason }) => ({ file, reason })),
        }),
      );
    } else {
      const { renderSourcesText } = await import('../../console/render-text.js');
      io.out(renderSourcesText(sources, library));
    }
    return 0;
  },
});
