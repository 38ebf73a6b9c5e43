/** Why a link (an article page or a feed) was refused. */
export type LinkRefusalReason =
  | 'bad-url'
  | 'private-address'
  | 'dns'
  | 'network'
  | 'timeout'
  | 'too-many-redirects'
  | 'too-large'
  | 'http'
  | 'wrong-type'
  | 'no-article'
  | 'not-a-feed';

/** A link that cannot be fetched or used, with a message fit to show to the admin who gave it. Nothing was written. */
export class LinkRefused extends Error {
  override readonly name = 'LinkRefused';

  constructor(
    readonly reason: LinkRefusalReason,
    message: string,
    /** The HTTP status, for `http`. */
    readonly status?: number,
  ) {
    super(message);
  }
}
