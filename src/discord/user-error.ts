/**
 * An expected failure whose message is fit to show the user as is (bad input, missing permission,
 * cooldown…). The error boundary shows it ephemerally and logs it at debug level only.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
}
