import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { boundTree, type LimitNotice } from './limits.js';

/**
 * The one parse of an answer. Only the GFM table extension is loaded: tables are the only GFM
 * construct the analysis reads, and the full remark-gfm costs ~1.6x more parse time for
 * strikethrough, autolinks and footnotes nobody grades. The tree is cut below
 * LIMITS.maxTreeDepth, so no recursive walk over it can overflow the stack.
 */
export function parseMarkdown(text: string): Root {
  return parseBounded(text).tree;
}

/** The same, with a notice when the tree had to be cut. */
export function parseBounded(text: string): { tree: Root; notices: LimitNotice[] } {
  const tree = fromMarkdown(text, { extensions: [gfmTable()], mdastExtensions: [gfmTableFromMarkdown()] });
  return { tree, notices: boundTree(tree) };
}
