/**
 * The floor: the bare `openai` SDK and p-limit, nothing else: the same streamed requests our
 * engine sends, no config, no storage, no grading. Usage: node floor.js <baseURL> <cases> <concurrency>
 */
import OpenAI from 'openai';
import pLimit from 'p-limit';

const [baseURL, cases, concurrency] = process.argv.slice(2);
const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY ?? 'bench', baseURL: baseURL!, maxRetries: 0 });
const limit = pLimit(Number(concurrency));
let bytes = 0;
await Promise.all(
  Array.from({ length: Number(cases) }, (_, i) =>
    limit(async () => {
      const stream = await client.chat.completions.create({ model: 'bench-model', messages: [{ role: 'user', content: `Design a scalable system for \`case-${i}\`.` }], stream: true, stream_options: { include_usage: true } });
      let output = '';
      for await (const chunk of stream) output += chunk.choices[0]?.delta.content ?? '';
      bytes += output.length;
    }),
  ),
);
process.stdout.write(`${cases} answers, ${bytes} characters\n`);
