import { loadConfig } from '../../config.js';
import { JSON_OPTION, UsageError, defineCommand } from '../command.js';

/** `storybot unanswered`: the questions the Discord bot could not answer and the answers voted 👎. */
const unanswered = defineCommand({
  name: 'unanswered',
  summary: 'the questions the Discord bot could not answer and the answers voted 👎, grouped, most frequent first',
  details: 'Reads the feedback record in STORYBOT_DATA_DIR/feedback (kept STORYBOT_FEEDBACK_DAYS days, default 90).',
  positionals: [],
  options: {
    days: { type: 'string', value: 'N', description: 'look back N days (default: all that is kept)' },
    json: JSON_OPTION,
  },
  async run({ values }, io) {
    const config = loadConfig(io.env, io.cwd);
    const days = values.days === undefined ? config.feedbackDays : Number(values.days);
    if (!Number.isInteger(days) || days < 1 || days > 3650) {
      throw new UsageError(`--days must be a whole number from 1 to 3650 (got '${values.days}')`, unanswered);
    }
    const { readUnanswered } = await import('../../feedback/feedback-log.js');
    const kept = Math.min(days, config.feedbackDays);
    const questions = await readUnanswered(config.dataDir, kept);
    if (values.json) io.out(JSON.stringify({ questions }));
    else {
      const { renderUnansweredText } = await import('../../console/unanswered-text.js');
      io.out(renderUnansweredText(questions, kept));
    }
    return 0;
  },
});

export default unanswered;
