import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';

/**
 * The one parse of an answer. Only the GFM table extension is loaded: tables are the only GFM
 * construct the analysis reads, and the full remark-gfm costs ~1.6x more parse time for
 * strikethrough, autolinks and footnotes nobody grades.
 */
export function parseMarkdown(text: string): Root {
  return fromMarkdown(text, { extensions: [gfmTable()], mdastExtensions: [gfmTableFromMarkdown()] });
}
