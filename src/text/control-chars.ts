/**
 * C0 controls other than tab and newline (a carriage return only when it does not end a CRLF line),
 * DEL and the C1 controls: what a terminal would obey rather than show (ANSI escapes clear the
 * screen, recolour text, move the cursor; a lone CR overwrites the line).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\r(?!\n)/g;

/**
 * Text from articles (or file names) made safe to print on a terminal: each control character shown
 * as its escape (`\x1b`), newlines and tabs kept. Used wherever such text reaches a terminal (the
 * console chat and the `storybot` command); JSON output needs none, JSON escapes them itself.
 */
export function escapeControlChars(text: string): string {
  return text.replace(CONTROL_CHARS, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
