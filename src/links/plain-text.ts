/** C0 and C1 control characters other than tab and newline: never text a reader should see, and able to drive a terminal. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Text read from the web as one clean line: control characters dropped (an escape sequence in a
 * headline must not reach a terminal), white space collapsed, trimmed.
 */
export function plainText(raw: string): string {
  return raw.replace(CONTROL_CHARACTERS, '').replace(/\s+/g, ' ').trim();
}
