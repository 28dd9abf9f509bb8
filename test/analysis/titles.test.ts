import { describe, expect, it } from 'vitest';
import { aspectsOfTitle, isSummaryTitle, type AspectId } from '../../src/analysis/aspects.js';
import { bestMatch, featureName, featureSimilarity } from '../../src/analysis/features.js';
import { keyWords, normaliseTitle, stripNumbering } from '../../src/analysis/text.js';

// Titles are given as heading text after parsing: `## 3\. Storage` reaches the analysis as "3. Storage".

describe('normaliseTitle', () => {
  it.each<[string, string]>([
    ['3. Client → Server Flow', 'client -> server flow'],
    ['3) Client → Server Flow', 'client -> server flow'],
    ['3.1.A Client → Server Flow', 'client -> server flow'],
    ['A) Data Storage & Retrieval', 'data storage & retrieval'],
    ['FR1 — Real-time Editing', 'real-time editing'],
    ['Step 2: Send Message', 'send message'],
    ['5) Functional Deep Dives', 'functional deep dives'],
    ['2. 1:1 Messaging', '1:1 messaging'],
    ['Server ⇒ Recipient', 'server -> recipient'],
    ['Offline ← Sync', 'offline <- sync'],
  ])('%s -> %s', (title, expected) => {
    expect(normaliseTitle(title)).toBe(expected);
  });

  it('drops bold markers, emoji and extra whitespace', () => {
    expect(normaliseTitle('**3. Client → Server Flow** 🚀')).toBe('client -> server flow');
    expect(normaliseTitle('🛰️  **Messaging   &  Eventing**')).toBe('messaging & eventing');
    expect(normaliseTitle('`Storage` _Layer_')).toBe('storage layer');
  });

  it('keeps digits that belong to a name', () => {
    expect(normaliseTitle('2FA Login')).toBe('2fa login');
    expect(normaliseTitle('5G Network Slicing')).toBe('5g network slicing');
    expect(normaliseTitle('1:1 Messaging')).toBe('1:1 messaging');
  });

  it('leaves a bare number alone rather than returning an empty title', () => {
    expect(normaliseTitle('3.1.A')).toBe('3.1.a');
  });
});

describe('stripNumbering', () => {
  it.each<[string, string]>([
    ['3. Storage', 'Storage'],
    ['3) Storage', 'Storage'],
    ['3.1.A Client → Server Flow', 'Client → Server Flow'],
    ['3 . 1 Storage', 'Storage'],
    ['A) Storage', 'Storage'],
    ['A. Storage', 'Storage'],
    ['(b) Storage', 'Storage'],
    ['iv. Monitoring', 'Monitoring'],
    ['#3 Storage', 'Storage'],
    ['FR1 — 1:1 Messaging', '1:1 Messaging'],
    ['NFR2 | Latency', 'Latency'],
    ['Step 2: Upload', 'Upload'],
    ['Part 2 — Storage', 'Storage'],
    ['Section 4: Storage', 'Storage'],
    ['Feature 3 - Search', 'Search'],
    ['5. 3. Nested Numbering', 'Nested Numbering'],
  ])('%s -> %s', (title, expected) => {
    expect(stripNumbering(title)).toBe(expected);
  });

  it.each(['1:1 Messaging', '2FA Login', 'I/O Path', '3.1.A'])('leaves %s unchanged', (title) => {
    expect(stripNumbering(title)).toBe(title);
  });
});

describe('keyWords', () => {
  it('drops stop words, priority tags and framing words', () => {
    expect(keyWords('The Video Upload Service')).toEqual(['video', 'upload']);
    expect(keyWords('Real-time Chat')).toEqual(['chat']);
    expect(keyWords('P0: Upload')).toEqual(['upload']);
    expect(keyWords('Group Chat (P0)')).toEqual(['group', 'chat']);
    expect(keyWords('Deep Dive — Search')).toEqual(['search']);
  });

  it('keeps "1:1" as one word', () => {
    expect(keyWords('1:1 Messaging')).toEqual(['1:1', 'messag']);
  });

  it('splits on slashes and ampersands', () => {
    expect(keyWords('Follow / Unfollow')).toEqual(['follow', 'unfollow']);
    expect(keyWords('Feed Ranking & Delivery')).toEqual(['feed', 'rank', 'delivery']);
  });

  it('stems inflections to the same word', () => {
    expect(keyWords('Messages')).toEqual(keyWords('messaging'));
    expect(keyWords('Messages')).toEqual(['messag']);
    expect(keyWords('Holds')).toEqual(['hold']);
  });

  it('returns nothing for a title made of stop words', () => {
    expect(keyWords('The Feature')).toEqual([]);
  });
});

describe('aspectsOfTitle', () => {
  it.each<[string, AspectId[]]>([
    ['3.1 Client → Server Flow', ['client_server']],
    ['3.2 Data Storage & Retrieval', ['storage']],
    ['3.3 Server → Recipient Flow', ['server_recipient']],
    ['3.4 Messaging & Eventing', ['messaging']],
    ['3.5 Edge Cases & Failure Handling', ['edge_cases']],
    ['3.6 Pagination & Cursor Handling', ['pagination']],
    ['3.7 Performance & Scalability Considerations', ['performance']],
    ['3.8 Instrumentation & Monitoring', ['monitoring']],
  ])('the template title %s', (title, expected) => {
    expect(aspectsOfTitle(title)).toEqual(expected);
  });

  it.each<[string, AspectId[]]>([
    ['3) Client → Server Flow', ['client_server']],
    ['3. Data Storage & Retrieval', ['storage']],
    ['3.1.A Client → Server Flow', ['client_server']],
    ['B) Server → Recipient Flow', ['server_recipient']],
    ['Step 4: Edge Cases', ['edge_cases']],
  ])('numbered %s', (title, expected) => {
    expect(aspectsOfTitle(title)).toEqual(expected);
  });

  it('reads titles with emoji and bold', () => {
    expect(aspectsOfTitle('**3.4 Messaging & Eventing** 📨')).toEqual(['messaging']);
    expect(aspectsOfTitle('📦 Data Storage & Retrieval')).toEqual(['storage']);
  });

  it('reads common synonyms', () => {
    expect(aspectsOfTitle('Data Model')).toEqual(['storage']);
    expect(aspectsOfTitle('Caching')).toEqual(['storage']);
    expect(aspectsOfTitle('Kafka Topics')).toEqual(['messaging']);
    expect(aspectsOfTitle('Example event payloads')).toEqual(['messaging']);
    expect(aspectsOfTitle('Cursor Pagination')).toEqual(['pagination']);
    expect(aspectsOfTitle('Observability')).toEqual(['monitoring']);
    expect(aspectsOfTitle('Failure Handling & Edge Cases')).toEqual(['edge_cases']);
    expect(aspectsOfTitle('Fan-out')).toEqual(['server_recipient']);
  });

  it('ignores parenthesised detail', () => {
    expect(aspectsOfTitle('Client → Server Flow (HTTP / WebSocket)')).toEqual(['client_server']);
    expect(aspectsOfTitle('Data Storage & Retrieval (SQL vs NoSQL)')).toEqual(['storage']);
  });

  it('names two aspects in a combined title, in the order written', () => {
    expect(aspectsOfTitle('Perf & Monitoring')).toEqual(['performance', 'monitoring']);
    expect(aspectsOfTitle('Perf / Monitoring')).toEqual(['performance', 'monitoring']);
    expect(aspectsOfTitle('Monitoring & Perf')).toEqual(['monitoring', 'performance']);
    expect(aspectsOfTitle('Storage & Messaging')).toEqual(['storage', 'messaging']);
    expect(aspectsOfTitle('Kafka Topics & Partitioning')).toEqual(['messaging', 'storage']);
  });

  it('lists an aspect named twice once', () => {
    expect(aspectsOfTitle('Storage, Caching & Sharding')).toEqual(['storage']);
  });

  it('keeps "1:1 Messaging" a feature, not the messaging aspect', () => {
    expect(aspectsOfTitle('1:1 Messaging')).toEqual([]);
    expect(aspectsOfTitle('2. 1:1 Messaging')).toEqual([]);
    expect(aspectsOfTitle('FR1 — 1:1 Messaging')).toEqual([]);
    expect(aspectsOfTitle('Group Messaging')).toEqual([]);
  });

  it('is not an aspect title when the first segment names no aspect', () => {
    expect(aspectsOfTitle('Feed Pagination')).toEqual([]);
    expect(aspectsOfTitle('Message Delivery')).toEqual([]);
    expect(aspectsOfTitle('Presence & Monitoring')).toEqual([]);
    expect(aspectsOfTitle('Send Message')).toEqual([]);
    expect(aspectsOfTitle('Checkout')).toEqual([]);
  });

  it('does not take a server-to-storage hop for delivery to recipients', () => {
    expect(aspectsOfTitle('Server → Kafka')).not.toContain('server_recipient');
    expect(aspectsOfTitle('Server → Database')).not.toContain('server_recipient');
  });

  it('is not a summary title', () => {
    expect(aspectsOfTitle('3.9 Summary Table')).toEqual([]);
  });
});

describe('isSummaryTitle', () => {
  it.each(['Summary Table', '3.9 Summary Table', '3.10 Summary Table', 'Summary', 'Feature Summary', '**3.9 Summary Table** 📋', 'Deep-dive summary table'])(
    '%s is the summary',
    (title) => {
      expect(isSummaryTitle(title)).toBe(true);
    },
  );

  it.each(['Executive Summary', 'Client → Server Flow', 'Checkout', '3.9 Tables'])('%s is not', (title) => {
    expect(isSummaryTitle(title)).toBe(false);
  });
});

describe('featureName', () => {
  it.each<[string, string]>([
    ['Deep Dive: Checkout', 'Checkout'],
    ['Deep-dive — Payments', 'Payments'],
    ['Crawling — Functional Requirement Deep Dive', 'Crawling'],
    ['🕷️ Crawling — Functional Requirement Deep Dive', 'Crawling'],
    ['Video Upload – Detailed Deep Dive', 'Video Upload'],
    ['5. Functional Requirement Deep Dives: Video Upload', 'Video Upload'],
    ['P0: Upload', 'Upload'],
    ['[P0] Upload', 'Upload'],
    ['P1 - Wishlist', 'Wishlist'],
    ['Example: Group Chat', 'Group Chat'],
    ['Feature: Search', 'Search'],
    ['3.1 Group Chat (P0)', 'Group Chat'],
    ['3.2 Feed Generation [P0]', 'Feed Generation'],
    ['Checkout — P0 (must have)', 'Checkout'],
    ['FR2 — Presence & Typing (P0)', 'Presence & Typing'],
    ['Step 2: Send Message', 'Send Message'],
    ['A) Upload', 'Upload'],
    ['3.1.A Upload', 'Upload'],
    ['**1:1 Messaging**', '1:1 Messaging'],
    ['2. 1:1 Messaging', '1:1 Messaging'],
    ['🛒 Checkout', 'Checkout'],
  ])('%s -> %s', (title, expected) => {
    expect(featureName(title)).toBe(expected);
  });

  it('keeps a title that is nothing but framing', () => {
    expect(featureName('Deep Dive')).toBe('Deep Dive');
  });
});

describe('featureSimilarity', () => {
  it('is 1 when one name contains the other, in either order', () => {
    expect(featureSimilarity('Video Upload', 'Upload')).toBe(1);
    expect(featureSimilarity('Upload', 'Video Upload')).toBe(1);
    expect(featureSimilarity('Comments & Mentions', 'Comments')).toBe(1);
  });

  it('compares stems and ignores stop words and tags', () => {
    expect(featureSimilarity('Group Messages', 'group messaging')).toBe(1);
    expect(featureSimilarity('3.1 Group Chat (P0)', 'The group chat')).toBe(1);
  });

  it('measures overlap against the shorter name', () => {
    expect(featureSimilarity('Video Upload', 'Video Transcoding')).toBe(0.5);
    expect(featureSimilarity('Ranking Signals Pipeline', 'Ranking Model')).toBe(0.5);
    expect(featureSimilarity('Presence, Cursors, Selections', 'Presence & Cursors')).toBe(1);
  });

  it('is 0 for unrelated names and for names without key words', () => {
    expect(featureSimilarity('Shorten URL', 'Redirect')).toBe(0);
    expect(featureSimilarity('The', 'Upload')).toBe(0);
  });
});

describe('bestMatch', () => {
  it('returns the index of the closest candidate', () => {
    expect(bestMatch('Group Chat', ['Chat History', 'Group Chat'])).toBe(1);
    expect(bestMatch('Group Chats', ['1:1 messaging', 'group chat'])).toBe(1);
    expect(bestMatch('Video Upload', ['Upload', 'Video Upload'])).toBe(0);
  });

  it('keeps the first of equally good candidates', () => {
    expect(bestMatch('Upload', ['Video Upload', 'Upload'])).toBe(0);
  });

  it('returns -1 when nothing reaches the threshold', () => {
    expect(bestMatch('Search', ['Upload', 'Playback'])).toBe(-1);
    expect(bestMatch('Search', [])).toBe(-1);
  });

  it('honours a stricter threshold', () => {
    expect(bestMatch('Feed Ranking', ['feed generation'], 0.75)).toBe(-1);
    expect(bestMatch('Feed Generation', ['feed generation (hybrid)'], 0.75)).toBe(0);
  });
});
