/**
 * Only `https:` links are ever rendered or opened; anything else (javascript:, data:, http:, file:) is text.
 * The schema already demands https for shipped content; this guards every place a link leaves the data.
 */
export function isHttpsUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}
