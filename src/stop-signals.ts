import type { Logger } from './log.js';

/** Longest a stop may take: supervisors commonly wait 5–10 s after SIGTERM before SIGKILL. */
export const STOP_DEADLINE_MS = 4000;

/** Ends the process once, cleanly when it can. */
export interface Stopper {
  /** Whether a stop has begun (a signal, or `exit`). */
  readonly stopping: boolean;
  /** Runs the stop, then exits with `code`; after the deadline it exits anyway. Later calls do nothing. */
  exit(code: number): void;
}

/**
 * Makes a Stopper and hands it SIGTERM and SIGINT: the first runs `stop` (disconnect, close the
 * library, save the snapshot) and exits 0 once it is done, or after `deadlineMs` with whatever is
 * still pending (a stuck read, a peer that never answers), so the process always ends; a second
 * signal exits at once. Listening starts right away, so a signal during start-up (indexing,
 * logging in) stops the process too.
 */
export function exitOnStopSignals(stop: () => Promise<void>, logger: Logger, deadlineMs: number = STOP_DEADLINE_MS): Stopper {
  let stopping = false;
  const exit = (code: number): void => {
    if (stopping) return;
    stopping = true;
    // unref: the deadline must not keep alive a process that is otherwise done.
    setTimeout(() => {
      logger.warn({ deadlineMs }, 'did not stop in time; exiting anyway');
      process.exit(code === 0 ? 1 : code);
    }, deadlineMs).unref();
    stop().then(
      () => process.exit(code),
      (error: unknown) => {
        logger.error({ err: error }, 'stopping failed');
        process.exit(1);
      },
    );
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn({ signal }, 'second stop signal; exiting now');
      process.exit(1);
    }
    logger.info({ signal }, 'stopping');
    exit(0);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    get stopping() {
      return stopping;
    },
    exit,
  };
}
