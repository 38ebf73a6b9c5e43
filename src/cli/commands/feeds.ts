import { JSON_OPTION, defineCommand } from '../command.js';
import { reportingRefusals } from '../open-feeds.js';

/** `storybot feeds`: the followed feeds with their words, notice channel, articles added and last poll. */
export default defineCommand({
  name: 'feeds',
  summary: 'list the followed feeds with their words, articles added and last poll',
  positionals: [],
  options: { json: JSON_OPTION },
  async run({ values }, io) {
    return reportingRefusals(io, values.json, async () => {
      const [{ loadConfig }, { FeedStore }] = await Promise.all([import('../../config.js'), import('../../feeds/feed-store.js')]);
      // Listing needs neither the corpus nor the network: only the subscriptions file.
      const feeds = await new FeedStore(loadConfig(io.env, io.cwd).dataDir).list();
      if (values.json) {
        io.out(
          JSON.stringify({
            feeds: feeds.map(({ delivered, ...feed }) => ({
              ...feed,
              articles: Object.values(delivered).flatMap((d) => (d.articleId === null ? [] : [d.articleId])),
            })),
          }),
        );
      } else {
        const { renderFeedsText } = await import('../../console/render-feeds-text.js');
        io.out(renderFeedsText(feeds));
      }
      return 0;
    });
  },
});
