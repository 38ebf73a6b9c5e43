/**
 * A question as typed in a hurry in a chat: lower-cased, with one letter dropped from the middle of its
 * longest word of five letters or more (the first of the longest). Deterministic, so that runs compare.
 */
export function typedInChat(question: string): string {
  const lower = question.toLowerCase();
  let longest: RegExpExecArray | null = null;
  for (const match of lower.matchAll(/\p{L}{5,}/gu)) if (!longest || match[0].length > longest[0].length) longest = match;
  if (!longest) return lower;
  const at = longest.index + Math.floor(longest[0].length / 2);
  return lower.slice(0, at) + lower.slice(at + 1);
}
