/**
 * Child process of the crash test in feedback-log.test.ts: appends records to the feedback record in
 * the data directory given as the first argument until it is killed, printing "writing" once the
 * first record is on disk.
 */
import { openFeedbackLog } from '../../src/feedback/feedback-log.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: append-until-killed.ts DATA_DIR');
const log = await openFeedbackLog({ dataDir, keepDays: 90 });
// Long questions, so that a kill has many bytes of one write to land in.
const question = `what did the crash test ask ${'and then '.repeat(2000)}?`;
await log.recordNoAnswer(question, 'first-user');
process.stdout.write('writing\n');
for (let i = 0; ; i++) await log.recordNoAnswer(`${i} ${question}`, `user-${i}`);
