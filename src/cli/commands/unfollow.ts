import { JSON_OPTION, UsageError, defineCommand } from '../command.js';
import { reportingRefusals, withFeeds } from '../open-feeds.js';

/** `storybot unfollow <url>`: stops following a feed; the articles it added stay. */
const unfollowCommand = defineCommand({
  name: 'unfollow',
  summary: 'stop following a feed (the articles it added stay)',
  positionals: [{ usage: '<url>', description: 'the address of the feed, as storybot feeds lists it' }],
  options: { json: JSON_OPTION },
  async run({ values, positionals }, io) {
    const url = positionals[0];
    if (url === undefined)
      throw new UsageError('give the address of the feed: storybot unfollow https://example.com/feed.xml', unfollowCommand);
    return reportingRefusals(io, values.json, async () => {
      const removed = await withFeeds(io, (feeds) => feeds.unfollow(url));
      io.out(values.json ? JSON.stringify({ unfollowed: removed.url }) : `No longer following ${removed.url}; the articles it added stay.`);
      return 0;
    });
  },
});

export default unfollowCommand;
