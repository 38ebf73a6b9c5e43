import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logger on stderr (stdout stays free for answers and `--json`).
 * Token-bearing fields are redacted wherever they appear.
 */
export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      base: { app: 'storybot' },
      redact: {
        paths: ['token', '*.token', 'config.discordToken', 'discordToken', 'headers.authorization', '*.headers.authorization'],
        censor: '[redacted]',
      },
    },
    pino.destination(2),
  );
}
