/** The most bytes (UTF-8) a stored job message or row-error reason keeps. */
export const maxStoredMessageBytes = 1024;

/**
 * `text` cut to at most `maxBytes` UTF-8 bytes, ending in `…` when cut (never inside a character),
 * so no feed can make a stored message or an import-list answer large.
 */
export function boundedText(text: string, maxBytes = maxStoredMessageBytes): string {
  if (text.length <= maxBytes / 4 || Buffer.byteLength(text) <= maxBytes) return text;
  const ellipsis = '…';
  const room = maxBytes - Buffer.byteLength(ellipsis);
  let cut = Buffer.from(text.slice(0, room)).subarray(0, room).toString('utf8');
  // a character cut in two decodes to U+FFFD: drop it
  if (cut.endsWith('\uFFFD') && !text.startsWith(cut)) cut = cut.slice(0, -1);
  return cut + ellipsis;
}
