import { CORPUS_OPTION, JSON_OPTION, defineCommand } from '../command.js';
import { libraryOptionsFor, readAllFacts, withLibrary } from '../open-library.js';

/** `storybot timeline`: the dated statements of the story, oldest first. */
export default defineCommand({
  name: 'timeline',
  summary: 'the dated statements of the story in chronological order, each quoted with its date and source',
  positionals: [],
  options: {
    about: { type: 'string', value: 'WORDS', description: 'only statements about these words' },
    source: { type: 'string', value: 'S', description: "only one article: its id, or part of its publisher's name or title" },
    corpus: CORPUS_OPTION,
    json: JSON_OPTION,
  },
  async run({ values }, io) {
    const { events } = await withLibrary(libraryOptionsFor(values.corpus, io), io, async (library) => {
      await readAllFacts(library, io);
      return library.timeline({
        ...(values.about ? { about: values.about } : {}),
        ...(values.source ? { source: values.source } : {}),
      });
    });
    if (values.json) io.out(JSON.stringify({ events }));
    else {
      const { renderTimelineText } = await import('../../console/render-text.js');
      io.out(renderTimelineText(events));
    }
    return 0;
  },
});
