import { JSON_OPTION, UsageError, defineCommand } from '../command.js';
import { reportingRefusals, withFeeds } from '../open-feeds.js';

/** `storybot follow <url>`: follows an RSS or Atom feed; `storybot poll` (or the bot) adds its articles. */
const followCommand = defineCommand({
  name: 'follow',
  summary: 'follow an RSS or Atom feed: each poll adds its new articles',
  details: 'The feed is fetched once to check it is one. Feeds are kept in STORYBOT_DATA_DIR/feeds.json.',
  positionals: [{ usage: '<url>', description: 'the address of the feed' }],
  options: {
    match: { type: 'string', value: 'WORDS', description: 'only items whose title or summary contain all these words' },
    json: JSON_OPTION,
  },
  async run({ values, positionals }, io) {
    const url = positionals[0];
    if (url === undefined)
      throw new UsageError('give the address of the feed: storybot follow https://example.com/feed.xml', followCommand);
    return reportingRefusals(io, values.json, async () => {
      const followed = await withFeeds(io, (feeds) => feeds.follow({ url, match: values.match ?? null }));
      if (values.json) io.out(JSON.stringify(followed));
      else {
        const { renderFollowedText } = await import('../../console/render-feeds-text.js');
        io.out(renderFollowedText(followed));
      }
      return 0;
    });
  },
});

export default followCommand;
