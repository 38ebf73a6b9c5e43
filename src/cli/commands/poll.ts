import type { LinkArticle } from '../../links/add-from-link.js';
import { JSON_OPTION, defineCommand } from '../command.js';
import { reportingRefusals, withFeeds } from '../open-feeds.js';

/** `storybot poll`: one round of polls now (for cron or tests), with each feed's TTL honoured. */
export default defineCommand({
  name: 'poll',
  summary: 'poll the followed feeds once now and add their new articles (for cron or tests)',
  details: 'A feed polled less than its own TTL ago is skipped. Exit code 1 when a feed could not be fetched or read.',
  positionals: [],
  options: { json: JSON_OPTION },
  async run({ values }, io) {
    return reportingRefusals(io, values.json, async () => {
      const results = await withFeeds(io, (feeds) => feeds.poll());
      if (values.json) {
        const articles = (list: readonly LinkArticle[]) =>
          list.map(({ added }) => ({ article: added.article, file: added.file, passages: added.passages }));
        io.out(JSON.stringify({ feeds: results.map((r) => ({ ...r, added: articles(r.added), updated: articles(r.updated) })) }));
      } else {
        const { renderPollText } = await import('../../console/render-feeds-text.js');
        io.out(renderPollText(results));
      }
      return results.some((r) => r.status === 'failed') ? 1 : 0;
    });
  },
});
