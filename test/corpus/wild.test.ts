/** Real published answers (read from ../shared/wild, never copied): each must analyse sensibly. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { analyze } from '../../src/analysis/analyze.js';
import { gradeAnswer } from '../../src/grade/grade-answer.js';
import { GradeResultSchema } from '../../src/grade/schema.js';
import { WILD_DIR } from './corpus.js';

const index = z.array(z.object({ file: z.string(), template_variant: z.string() })).parse(JSON.parse(readFileSync(join(WILD_DIR, 'index.json'), 'utf8')));
const read = (file: string): string => readFileSync(join(WILD_DIR, file), 'utf8');

describe('every wild answer analyses without error', () => {
  for (const entry of index) {
    it(entry.file, () => {
      const result = gradeAnswer(entry.file, read(entry.file));
      expect(() => GradeResultSchema.parse(result)).not.toThrow();
      const features = result.outline.deepDives.map((d) => d.feature.toLowerCase());
      expect(new Set(features).size, 'a feature is never listed twice').toBe(features.length);
      if (entry.template_variant !== 'hlsd') expect(result.outline.deepDives.length).toBeGreaterThan(0);
    });
  }
});

describe('pinned facts per wild answer', () => {
  it('chat-whatsapp-v5: P0 table, 5 deep dives in section 5, two pasted follow-up turns merged', () => {
    const { outline } = analyze(read('chat-whatsapp-v5.md'));
    expect(outline.p0Features.map((f) => f.name)).toEqual(['1:1 messaging', 'Group messaging', 'Offline message delivery', 'Multi-device support', 'Online/offline presence']);
    expect(outline.turns).toEqual([1, 344, 472]);
    expect(outline.deepDives.map((d) => [d.feature, d.line, d.p0])).toEqual([
      ['Send Message (1:1 / Group)', 183, true],
      ['Presence / Online-Offline', 222, true],
      ['Offline Message Handling', 230, true],
      ['Multi-Device', 238, true],
      ['Group Chats', 247, true],
    ]);
    // "# **3. Group Messaging**" in the follow-up deepens Group Chats, not Send Message.
    expect(outline.deepDives[4]!.ranges.map((r) => r.start)).toEqual([247, 377, 609]);
    expect(outline.layout).toBe('bold-labels');
  });

  it('collab-editor-crdt-v3-gpt: `### 3.1 Feature` + `#### 3.1.A Aspect`, the P1 stays P1', () => {
    const { outline } = analyze(read('collab-editor-crdt-v3-gpt.md'));
    expect(outline.layout).toBe('feature-major');
    expect(outline.p0Features).toHaveLength(6);
    expect(outline.deepDives).toHaveLength(7);
    expect(outline.deepDives[0]).toMatchObject({ feature: 'Real-Time Collaborative Editing (Text)', line: 79, p0: true });
    expect(outline.deepDives[0]!.aspects).toEqual(['client_server', 'storage', 'server_recipient', 'messaging', 'edge_cases', 'pagination', 'performance', 'monitoring']);
    expect(outline.deepDives[6]).toMatchObject({ feature: 'Notifications (mentions, shares)', p0: false });
    expect(outline.summaryTable?.line).toBe(574);
  });

  it('news-feed-v5: P0 from a table with a Priority column; `## 5)` deep dives with bold labels', () => {
    const { outline } = analyze(read('news-feed-v5.md'));
    expect(outline.p0Features.map((f) => f.name)).toEqual(['Post creation', 'Follow graph', 'Feed generation', 'Engagement', 'Deduplication']);
    expect(outline.deepDives.map((d) => d.line)).toEqual([117, 146]);
    expect(outline.deepDives[1]!.aspects).toContain('pagination');
  });

  it('url-shortener-hlsd: the component-style sibling prompt has no feature deep dives and scores low on depth', () => {
    const result = gradeAnswer('url-shortener-hlsd.md', read('url-shortener-hlsd.md'));
    expect(result.outline.layout).toBe('none');
    expect(result.scores.depth).toBe(0);
    expect(result.findings).toContainEqual({ grader: 'depth', severity: 'error', line: null, message: 'no feature deep dives found' });
    expect(result.markdown.issues.filter((i) => i.kind === 'broken_list').map((i) => i.line)).toEqual([681, 686]);
  });

  it('web-search-engine-v5-gpt: follow-up "X — Functional Requirement Deep Dive" turns, escaped-pipe tables', () => {
    const result = gradeAnswer('web-search-engine-v5-gpt.md', read('web-search-engine-v5-gpt.md'));
    expect(result.outline.deepDives.map((d) => [d.feature, d.line, d.p0])).toEqual([
      ['Search Query Execution (Critical Read)', 153, true],
      ['Crawling', 294, true],
      ['Parser', 703, true],
      ['Indexer — How Parsed Docs Become Searchable', 907, true],
    ]);
    expect(result.markdown.issues.filter((i) => i.kind === 'escaped_pipe_table').map((i) => i.line)).toEqual([196, 1000, 1017]);
  });

  it('youtube-v5-gemini: `### P0: Feature` headings; the follow-up "Deep Dives: Video Upload" is a new deep dive', () => {
    const { outline } = analyze(read('youtube-v5-gemini.md'));
    expect(outline.p0Features.map((f) => f.name)).toEqual(['User Video Upload', 'Video Transcoding & Processing', 'Video Streaming & Playback']);
    expect(outline.deepDives.map((d) => [d.feature, d.line, d.turn])).toEqual([
      ['Video Transcoding & Processing', 237, 1],
      ['Video Streaming & Playback', 264, 1],
      ['Video Upload', 513, 2],
    ]);
    // "### 5\. … Deep Dives: Transcoding Service" (line 587) merges into the transcoding deep dive.
    expect(outline.deepDives[0]!.ranges.map((r) => r.start)).toEqual([237, 587]);
    expect(outline.summaryTable?.line).toBe(260);
  });
});
