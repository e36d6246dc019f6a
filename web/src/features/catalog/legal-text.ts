/**
 * Official texts (EU law) arrive as one long paragraph. For reading, start a new
 * paragraph at each numbered paragraph ("… limits. 2. The use …") and a new line at
 * each lettered or roman point that follows a colon or semicolon ("prohibited: (a) …;
 * (b) …"). Points cited inside a sentence ("point (h) of paragraph 1") stay in place.
 */
export function paragraphsOf(text: string): string {
  if (text.includes('\n')) return text;
  return text
    .replace(/([.:;])\s+(\d{1,2})\.\s+(?=[A-Z‘“'"])/g, '$1\n\n$2. ')
    .replace(/([:;])\s+(\((?:[a-z]{1,2}|[ivx]{1,5})\))\s+/g, '$1\n$2 ');
}
