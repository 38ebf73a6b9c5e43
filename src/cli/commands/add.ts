import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AddedArticle } from '../../library/library-types.js';
import { CORPUS_OPTION, JSON_OPTION, UsageError, defineCommand } from '../command.js';
import { reportingRefusals } from '../open-feeds.js';
import { libraryOptionsFor, withLibrary } from '../open-library.js';

/** `storybot add <url|file>`: adds the article at a link, or an article file, to the corpus. */
const addCommand = defineCommand({
  name: 'add',
  summary: 'add the article at a link (read from its page) or an article file (.md/.txt) to the corpus',
  details:
    'A link is fetched under the same rules as /add-article url: (public addresses only unless STORYBOT_ALLOW_PRIVATE_URLS=true, 10 s, 5 redirects, 5 MB). ' +
    'Exit code 1 when it is refused (nothing is written), with the reason on stderr.',
  positionals: [{ usage: '<url|file>', description: 'an http(s) link to an article page, or the path of a .md or .txt file' }],
  options: {
    title: { type: 'string', value: 'T', description: 'its headline (default: from the page or file)' },
    source: { type: 'string', value: 'S', description: 'its publisher (default: from the page or file)' },
    published: { type: 'string', value: 'D', description: 'when: YYYY-MM-DD, YYYY-MM or YYYY (default: from the page or file)' },
    corpus: CORPUS_OPTION,
    json: JSON_OPTION,
  },
  async run({ values, positionals }, io) {
    const target = positionals[0];
    if (target === undefined) throw new UsageError('give a link or a file: storybot add https://example.com/news/story', addCommand);
    const metadata = Object.fromEntries(
      (['title', 'source', 'published'] as const).flatMap((key) => (values[key]?.trim() ? [[key, values[key].trim()]] : [])),
    );
    // A scheme (https:, ftp:…) makes it a link, which safeFetch checks; a drive letter (C:\\) does not.
    const isLink = /^[a-z][a-z0-9+.-]*:/i.test(target) && !/^[a-z]:[\\/]/i.test(target);
    // A file that cannot be read is bad input, found before the library is opened.
    const bytes = isLink ? undefined : await readArticleFile(path.resolve(io.cwd, target));
    return reportingRefusals(io, values.json, () =>
      withLibrary(libraryOptionsFor(values.corpus, io), io, async (library) => {
        if (bytes === undefined) {
          const [{ addArticleFromLink }, { loadConfig }, { fetchPolicyOf }] = await Promise.all([
            import('../../links/add-from-link.js'),
            import('../../config.js'),
            import('../../feeds/open-feeds.js'),
          ]);
          const read = await addArticleFromLink(library, target, fetchPolicyOf(loadConfig(io.env, io.cwd)), metadata);
          if (values.json) io.out(JSON.stringify({ ...addedJson(read.added), paragraphs: read.page.paragraphs, missing: read.missing }));
          else {
            const { renderLinkAddedText } = await import('../../console/render-feeds-text.js');
            io.out(renderLinkAddedText(read, Object.keys(metadata)));
          }
        } else {
          const added = await library.addArticle({ fileName: path.basename(target), bytes, ...metadata });
          if (values.json) io.out(JSON.stringify(addedJson(added)));
          else {
            const { renderAddedText } = await import('../../console/render-feeds-text.js');
            io.out(renderAddedText(added));
          }
        }
        return 0;
      }),
    );
  },
});

export default addCommand;

/** The `add --json` object: the article, the file it was saved as, its passages. */
function addedJson({ article, file, passages }: AddedArticle) {
  return { article, file, passages };
}

async function readArticleFile(file: string): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new UsageError(
      `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}): give an http(s) link or an existing file`,
      addCommand,
    );
  }
}
