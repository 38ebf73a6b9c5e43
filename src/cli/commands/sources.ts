import { CORPUS_OPTION, JSON_OPTION, defineCommand, type CliIo } from '../command.js';
import type { LoadedLibrary } from '../../library/library.js';
import { libraryOptionsFor, withLibrary } from '../open-library.js';

/** `storybot sources`: the articles with publisher, date and passage count, and the index version. */
export default defineCommand({
  name: 'sources',
  summary: 'list the articles with publisher, date and passage count, and the index version',
  positionals: [],
  options: { corpus: CORPUS_OPTION, json: JSON_OPTION },
  async run({ values }, io) {
    return withLibrary(libraryOptionsFor(values.corpus, io), io, (library) => sourcesOf(library, values.json === true, io));
  },
});

/** Prints the sources as text or JSON. */
async function sourcesOf(library: LoadedLibrary, json: boolean, io: CliIo): Promise<number> {
  const sources = library.sources();
  if (json) {
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
}
