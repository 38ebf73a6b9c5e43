/** Why an upload was refused. */
export type RejectionReason = 'type' | 'size' | 'encoding' | 'empty' | 'front-matter' | 'duplicate';

/** An upload the library refuses, with a message fit to show to the person who sent it. */
export class ArticleRejected extends Error {
  override readonly name = 'ArticleRejected';

  constructor(
    readonly reason: RejectionReason,
    message: string,
  ) {
    super(message);
  }
}

/** An article id that is not in the library, with a message fit to show. */
export class ArticleNotFound extends Error {
  override readonly name = 'ArticleNotFound';
}

/** A full build given up because the library is closing (the process is stopping). */
export class LibraryClosing extends Error {
  override readonly name = 'LibraryClosing';

  constructor() {
    super('storybot: the library is closing (the bot is stopping); the index was not rebuilt. Run the reindex again after the restart.');
  }
}
