/*
 * The field separator of an uploaded CSV file: `;` (German Excel), `,` or tab. Counted on the
 * first lines outside quotes; the separator that appears the same number of times (and at least
 * once) on most lines wins, `;` on a tie because German files are the common case.
 */

export const IMPORT_SEPARATORS = [';', ',', '\t'] as const;
export type ImportSeparator = (typeof IMPORT_SEPARATORS)[number];

export function isImportSeparator(value: unknown): value is ImportSeparator {
  return typeof value === 'string' && (IMPORT_SEPARATORS as readonly string[]).includes(value);
}

export function detectSeparator(text: string, maxLines = 10): ImportSeparator {
  const lines = splitLinesOutsideQuotes(text, maxLines);
  let best: ImportSeparator = ';';
  let bestScore = -1;
  for (const separator of IMPORT_SEPARATORS) {
    const counts = lines.map((line) => countOutsideQuotes(line, separator));
    const first = counts[0] ?? 0;
    if (first === 0) {
      continue;
    }
    // Lines agreeing with the header's count, then the count itself as a tie-breaker.
    const score = counts.filter((count) => count === first).length * 1000 + first;
    if (score > bestScore) {
      best = separator;
      bestScore = score;
    }
  }
  return best;
}

function splitLinesOutsideQuotes(text: string, maxLines: number): string[] {
  const lines: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length && lines.length < maxLines; i++) {
    const char = text[i];
    if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && (char === '\n' || char === '\r')) {
      if (i > start) {
        lines.push(text.slice(start, i));
      }
      start = i + 1;
    }
  }
  if (lines.length < maxLines && start < text.length && !quoted) {
    lines.push(text.slice(start));
  }
  return lines.filter((line) => line.trim() !== '');
}

function countOutsideQuotes(line: string, separator: string): number {
  let quoted = false;
  let count = 0;
  for (const char of line) {
    if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && char === separator) {
      count++;
    }
  }
  return count;
}
