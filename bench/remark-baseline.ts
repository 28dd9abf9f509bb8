/** The baseline process for bench/grade.ts: parse every file of a folder with remark + remark-gfm. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: remark-baseline DIR');
const processor = unified().use(remarkParse).use(remarkGfm);
let nodes = 0;
for (const file of readdirSync(dir).sort()) nodes += processor.parse(readFileSync(join(dir, file), 'utf8')).children.length;
process.stdout.write(`${nodes}\n`);
