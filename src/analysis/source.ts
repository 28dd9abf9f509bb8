/** The answer's raw text with a line index, so every finding can name a 1-based line. */
export interface SourceText {
  readonly text: string;
  readonly lines: readonly string[];
  /** Line number (1-based) of the last line that has any non-blank character; 0 when empty. */
  readonly lastContentLine: number;
}

export function toSourceText(text: string): SourceText {
  const lines = text.split(/\r\n|\r|\n/);
  let last = lines.length;
  while (last > 0 && lines[last - 1]!.trim() === '') last--;
  return { text, lines, lastContentLine: last };
}
