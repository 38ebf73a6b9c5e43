import { describe, expect, it } from 'vitest';
import { measureAskLoad } from '../../bench/ask-load.js';
import { CORPUS_DIR } from '../helpers.js';

describe('ask load', () => {
  it('drives the real bot process through the stand-in: every question acknowledged and answered, one thread each, 3 REST calls a question', async () => {
    const figures = await measureAskLoad({ perSecond: 5, seconds: 2, corpusDir: CORPUS_DIR }, () => undefined);
    expect(figures.questions).toBe(10);
    expect(figures.askLoad50PerSecAckedShare).toBe(1);
    expect(figures.askLoad50PerSecThreadsOpenedShare).toBe(1);
    // Defer, the answer's edit, the thread: nothing else per question.
    expect(figures.askLoad50PerSecRestCallsPerQuestion).toBe(3);
    for (const [field, value] of Object.entries(figures)) if (field !== 'corpus') expect(Number.isFinite(value), field).toBe(true);
  }, 120_000);
});
