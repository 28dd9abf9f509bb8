import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/analyze.js';
import type { AspectId } from '../../src/analysis/aspects.js';
import type { Outline } from '../../src/analysis/outline.js';

function outlineOf(md: string): Outline {
  return analyze(md).outline;
}

interface DiveView {
  feature: string;
  line: number;
  p0: boolean;
  aspects: AspectId[];
}

function divesOf(outline: Outline): DiveView[] {
  return outline.deepDives.map((d) => ({ feature: d.feature, line: d.line, p0: d.p0, aspects: d.aspects }));
}

/** 1-based line of the only line containing `needle`. */
function lineOf(md: string, needle: string): number {
  const lines = md.split('\n');
  const hits = lines.flatMap((line, index) => (line.includes(needle) ? [index + 1] : []));
  if (hits.length !== 1) throw new Error(`expected one line containing ${JSON.stringify(needle)}, found ${hits.length}`);
  return hits[0]!;
}

// Parts with substance: ~40 words carrying inline code and measured quantities, or an artifact.
const SEND_FLOW =
  'The client sends `POST /v1/messages` with an `Idempotency-Key` header; the gateway validates the JWT, applies a limit of 20 req/s per user and routes the request to the chat service, which writes the row and acks within 150 ms.';
const FANOUT =
  'Each member device holds a WebSocket to a gateway; the fan-out worker reads `group:{id}:members` from Redis, looks up `conn:{device}` and pushes the frame, falling back to APNs/FCM for devices offline longer than 30 s, capped at 500 members.';
const MESSAGES_SQL = '```sql\nCREATE TABLE messages (chat_id BIGINT, msg_id BIGINT, body TEXT, PRIMARY KEY (chat_id, msg_id));\n```';
// A hollow part: one generic sentence.
const HOLLOW = 'Things can fail and we handle them.';

describe('feature-major deep dives', () => {
  const md = `# Design: Team Chat

## 1. Functional Requirements

* **P0**: 1:1 messaging, group chat
* **P1**: read receipts

## 3. Functional Requirement Deep Dives

### 3.1 1:1 Messaging

#### 3.1.A Client → Server Flow

${SEND_FLOW}

#### 3.1.B Data Storage & Retrieval

${MESSAGES_SQL}

#### 3.1.C Edge Cases

${HOLLOW}

### 3.2 Group Chat

#### 3.2.A Server → Recipient Flow

${FANOUT}

#### 3.2.B Messaging & Eventing

Events are published and consumed as needed by workers.

### 3.3 Read Receipts (P1)

#### 3.3.A Server → Recipient Flow

${FANOUT}

### 3.9 Summary Table

| Feature | Client→Server | Server→DB/Cache | Server→Recipient | Messaging Events | Notes |
| --- | --- | --- | --- | --- | --- |
| 1:1 messaging | POST /v1/messages | messages table | WebSocket | MessageSent | offline inbox |
`;

  it('reads ### 3.1 Feature with #### 3.1.A aspects although the numbers are the template aspect numbers', () => {
    expect(divesOf(outlineOf(md))).toEqual([
      { feature: '1:1 Messaging', line: lineOf(md, '### 3.1 1:1 Messaging'), p0: true, aspects: ['client_server', 'storage'] },
      { feature: 'Group Chat', line: lineOf(md, '### 3.2 Group Chat'), p0: true, aspects: ['server_recipient'] },
      { feature: 'Read Receipts', line: lineOf(md, '### 3.3 Read Receipts'), p0: false, aspects: ['server_recipient'] },
    ]);
  });

  it('records a hollow part in coverage without counting it as an aspect', () => {
    const dive = outlineOf(md).deepDives[0]!;
    expect(dive.coverage.map((c) => [c.aspect, c.line, c.substantive])).toEqual([
      ['client_server', lineOf(md, '3.1.A Client'), true],
      ['storage', lineOf(md, '3.1.B Data'), true],
      ['edge_cases', lineOf(md, '3.1.C Edge'), false],
    ]);
  });

  it('reports the layout, the sections, the summary table and one turn', () => {
    const outline = outlineOf(md);
    expect(outline.layout).toBe('feature-major');
    expect(outline.p0Features).toEqual([
      { name: '1:1 messaging', line: 5 },
      { name: 'group chat', line: 5 },
    ]);
    expect(outline.requirementsSection).toEqual({ line: 3, title: '1. Functional Requirements' });
    expect(outline.deepDiveSection).toEqual({ line: 8, title: '3. Functional Requirement Deep Dives' });
    expect(outline.summaryTable).toEqual({
      line: lineOf(md, '| Feature | Client→Server'),
      columns: ['feature', 'client_server', 'server_storage', 'server_recipient', 'messaging_events', 'notes'],
      missing: [],
      rows: 1,
    });
    expect(outline.turns).toEqual([1]);
  });
});

describe('aspect-major deep dives', () => {
  const md = `# Photo Sharing

## 1. Requirements

P0: photo upload, home feed

## 3. Deep Dives

### 3.1 Client → Server Flow

#### Photo Upload

The app calls \`POST /v1/uploads\` to get a presigned S3 URL valid for 15 min, uploads parts of 8 MB directly, then confirms with \`POST /v1/photos\` carrying the \`upload_id\`; the API verifies the checksum and the caller's token before it commits.

#### Home Feed

The app requests the feed page.

### 3.2 Data Storage & Retrieval

#### Photo Upload

\`\`\`sql
CREATE TABLE photos (photo_id BIGINT PRIMARY KEY, owner_id BIGINT, s3_key TEXT, created_at TIMESTAMP);
\`\`\`

#### Home Feed

Feed entries live in Redis sorted sets \`feed:{user_id}\` scored by timestamp, trimmed to 800 entries with a 7 day TTL; a miss rebuilds from the \`follows\` table and the 50 most recent posts of each followee, sharded by \`user_id\` across 64 partitions.

### 3.6 Pagination & Cursor Handling

#### Home Feed

\`\`\`json
{"cursor": "eyJ0cyI6MTcwMDAwMDAwMH0="}
\`\`\`

### 3.9 Summary Table

| Feature | API | Storage | Events |
| --- | --- | --- | --- |
| Photo upload | presigned URL | photos table | PhotoUploaded |
| Home feed | GET /v1/feed | Redis ZSET | none |
`;

  it('gathers each feature across the aspect headings, listed at its first appearance', () => {
    const outline = outlineOf(md);
    expect(outline.layout).toBe('aspect-major');
    expect(divesOf(outline)).toEqual([
      { feature: 'Photo Upload', line: 11, p0: true, aspects: ['client_server', 'storage'] },
      { feature: 'Home Feed', line: 15, p0: true, aspects: ['storage', 'pagination'] },
    ]);
  });

  it('spans one range per aspect heading', () => {
    const [upload, feed] = outlineOf(md).deepDives;
    expect(upload!.ranges).toEqual([
      { start: 11, end: 14 },
      { start: 21, end: 26 },
    ]);
    expect(feed!.ranges).toEqual([
      { start: 15, end: 18 },
      { start: 27, end: 30 },
      { start: 33, end: 38 },
    ]);
  });

  it('detects a summary table with four of the six columns', () => {
    expect(outlineOf(md).summaryTable).toEqual({
      line: lineOf(md, '| Feature | API'),
      columns: ['feature', 'client_server', 'server_storage', 'messaging_events'],
      missing: ['server_recipient', 'notes'],
      rows: 2,
    });
  });
});

describe('bold-label deep dives', () => {
  const md = `# Ride Hailing

## 1. Requirements

- Request a ride (P0)
- Driver matching (P0)
- Ratings (P1)

## 3. Functional Requirement Deep Dives

### Request a Ride

**Client → Server:** The rider app sends \`POST /v1/rides\` with pickup and drop-off coordinates and an \`Idempotency-Key\`; the gateway checks the JWT, enforces 5 req/min per rider, and the ride service stores the request in state \`REQUESTED\` within 100 ms.

**Storage:** rows go somewhere durable.

- **Edge cases:** If the rider retries after a timeout, the same \`Idempotency-Key\` returns the original ride; if payment pre-auth fails, the ride moves to \`PAYMENT_FAILED\` and the app shows a retry within 30 s; duplicate taps within 2 s are dropped.

### Driver Matching

**Messaging:**

\`\`\`json
{"topic": "ride.requested", "key": "ride_id", "partitions": 48}
\`\`\`
`;

  it('reads **Label:** paragraphs and - **Label:** list items as parts', () => {
    const outline = outlineOf(md);
    expect(outline.layout).toBe('bold-labels');
    expect(divesOf(outline)).toEqual([
      { feature: 'Request a Ride', line: 11, p0: true, aspects: ['client_server', 'edge_cases'] },
      { feature: 'Driver Matching', line: 19, p0: true, aspects: ['messaging'] },
    ]);
  });

  it('keeps the one-line storage label as a hollow part at its own line', () => {
    const storage = outlineOf(md).deepDives[0]!.coverage.find((c) => c.aspect === 'storage');
    expect(storage).toMatchObject({ line: lineOf(md, '**Storage:**'), substantive: false });
  });
});

describe('mixed deep dives', () => {
  it('is mixed when features use headings and labels about equally', () => {
    const md = `# Ride Hailing

## 1. Requirements

- Request a ride (P0)
- Driver matching (P0)

## 3. Functional Requirement Deep Dives

### Request a Ride

#### Client → Server Flow

${SEND_FLOW}

### Driver Matching

**Messaging:**

\`\`\`json
{"topic": "ride.requested", "key": "ride_id", "partitions": 48}
\`\`\`
`;
    const outline = outlineOf(md);
    expect(outline.layout).toBe('mixed');
    expect(divesOf(outline)).toEqual([
      { feature: 'Request a Ride', line: 10, p0: true, aspects: ['client_server'] },
      { feature: 'Driver Matching', line: 16, p0: true, aspects: ['messaging'] },
    ]);
  });
});

describe('section numbering and heading styles', () => {
  it('reads a section numbered 5, setext headings and a chat preamble', () => {
    const md = `Sure! Here's a complete design for the URL shortener you asked about.

URL Shortener
=============

Functional Requirements
-----------------------

* Shorten URL (P0)
* Redirect (P0)
* Custom aliases (P1)

## 5) Functional Deep Dives

### 5.1 Shorten URL

#### 5.1.2 Data Storage & Retrieval

Codes are 7 base62 characters from a Snowflake-style counter; rows go to \`urls(code PK, long_url, owner_id, created_at)\` in DynamoDB with on-demand capacity, and the write path checks \`custom_alias\` uniqueness with a conditional put before returning 201 in under 50 ms.

### 5.2 Redirect

#### 5.2.7 Performance & Scalability

A CDN caches 301 responses for popular codes with a 24 h TTL; the redirect service keeps a local LRU of 100k entries backed by Redis, so p99 stays below 10 ms at 100k QPS across 3 regions with read replicas.
`;
    const outline = outlineOf(md);
    expect(outline.turns).toEqual([1]);
    expect(outline.requirementsSection).toEqual({ line: 6, title: 'Functional Requirements' });
    expect(outline.deepDiveSection).toEqual({ line: 13, title: '5) Functional Deep Dives' });
    expect(outline.p0Features).toEqual([
      { name: 'Shorten URL', line: 9 },
      { name: 'Redirect', line: 10 },
    ]);
    expect(outline.layout).toBe('feature-major');
    expect(divesOf(outline)).toEqual([
      { feature: 'Shorten URL', line: 15, p0: true, aspects: ['storage'] },
      { feature: 'Redirect', line: 21, p0: true, aspects: ['performance'] },
    ]);
  });

  it('reads a setext deep-dive section with bold, emoji-decorated feature headings', () => {
    const md = `Requirements
============

- Checkout (P0)
- Order history (P0)

Functional Requirement Deep Dives
=================================

## **1. Checkout** 🛒

### Client → Server Flow

${SEND_FLOW}

## **2. Order History** 📜

### Pagination & Cursor Handling

\`\`\`json
{"next_cursor": "eyJvcmRlcl9pZCI6MTAwfQ=="}
\`\`\`
`;
    const outline = outlineOf(md);
    expect(outline.deepDiveSection).toEqual({ line: 7, title: 'Functional Requirement Deep Dives' });
    expect(divesOf(outline)).toEqual([
      { feature: 'Checkout', line: 10, p0: true, aspects: ['client_server'] },
      { feature: 'Order History', line: 16, p0: true, aspects: ['pagination'] },
    ]);
  });

  it('reads "Deep Dive: X" and "X — Functional Requirement Deep Dive" feature headings without an umbrella section', () => {
    const md = `# Web Crawler

## Requirements

| Feature | Priority |
| --- | --- |
| Crawling | P0 |
| Indexing | P0 |
| Ranking | P1 |

## Crawling — Functional Requirement Deep Dive

### Messaging & Eventing

Fetch tasks go to the \`crawl.frontier\` topic with 256 partitions keyed by host, retained for 3 days; workers commit offsets after the page is stored, failed fetches go to \`crawl.retry\` with exponential backoff from 1 min to 1 h, and after 5 attempts to a DLQ.

## Deep Dive: Ranking

### Performance & Scalability

${HOLLOW}
`;
    const outline = outlineOf(md);
    expect(outline.layout).toBe('feature-major');
    expect(divesOf(outline)).toEqual([
      { feature: 'Crawling', line: 11, p0: true, aspects: ['messaging'] },
      { feature: 'Ranking', line: 17, p0: false, aspects: [] },
    ]);
  });
});

describe('substance of a part', () => {
  const md = (body: string): string => `## 1. Requirements

- Checkout (P0)

## 3. Deep Dives

### 3.1 Checkout

#### Data Storage & Retrieval

${body}
`;

  it('does not count a heading with one generic sentence', () => {
    const outline = outlineOf(md('Orders are stored in a database and read back when needed.'));
    expect(divesOf(outline)).toEqual([{ feature: 'Checkout', line: 7, p0: true, aspects: [] }]);
    expect(outline.deepDives[0]!.coverage.map((c) => [c.aspect, c.substantive])).toEqual([['storage', false]]);
  });

  it('counts ~40 specific words', () => {
    const body =
      'Orders go to Postgres table `orders(order_id PK, user_id, status, total_cents)` with an index on `(user_id, created_at DESC)`; the cart lives in Redis hash `cart:{user_id}` with a 30 min TTL, and order rows are sharded by `user_id` over 16 shards.';
    expect(divesOf(outlineOf(md(body)))).toEqual([{ feature: 'Checkout', line: 7, p0: true, aspects: ['storage'] }]);
  });

  it('counts a code block alone', () => {
    const body = '```sql\nSELECT order_id, status FROM orders WHERE user_id = $1 ORDER BY created_at DESC LIMIT 20;\n```';
    expect(divesOf(outlineOf(md(body)))).toEqual([{ feature: 'Checkout', line: 7, p0: true, aspects: ['storage'] }]);
  });
});

describe('follow-up turns pasted after the answer', () => {
  const md = `# Team Chat Design

## 1. Functional Requirements

* 1:1 messaging (P0)
* Group chat (P0)
* Read receipts (P1)

## 3. Functional Requirement Deep Dives

### 3.1 1:1 Messaging

#### Client → Server Flow

${SEND_FLOW}

### 3.2 Group Chat

#### Server → Recipient Flow

${FANOUT}

#### Edge Cases

Failures are retried.

---

Can you expand the group chat part with storage and failure handling?

## 1. Functional Requirements (recap)

* Group chat (P0)
* Message search (P1)

# Deep Dive: Group Chat

## Data Storage & Retrieval

\`\`\`sql
CREATE TABLE group_messages (group_id BIGINT, msg_id BIGINT, sender_id BIGINT, body TEXT, PRIMARY KEY (group_id, msg_id));
\`\`\`

## Edge Cases & Failure Handling

If a member's device is offline, the message id is appended to \`inbox:{device}\` in Redis with a 14 day TTL; on reconnect the client sends its last \`msg_id\` and the server replays up to 1000 entries, deduplicating on \`(group_id, msg_id)\` so retries after a 5 s timeout never show twice.
`;

  it('starts a second turn at the conversational line', () => {
    expect(outlineOf(md).turns).toEqual([1, lineOf(md, 'Can you expand')]);
  });

  it('merges "# Deep Dive: <known feature>" into the existing deep dive', () => {
    const outline = outlineOf(md);
    expect(divesOf(outline)).toEqual([
      { feature: '1:1 Messaging', line: lineOf(md, '### 3.1 1:1 Messaging'), p0: true, aspects: ['client_server'] },
      { feature: 'Group Chat', line: lineOf(md, '### 3.2 Group Chat'), p0: true, aspects: ['storage', 'server_recipient', 'edge_cases'] },
    ]);
    expect(outline.deepDives[1]!.turn).toBe(1);
    expect(outline.deepDives[1]!.ranges).toEqual([
      { start: lineOf(md, '### 3.2 Group Chat'), end: lineOf(md, 'Can you expand') - 1 },
      { start: lineOf(md, '# Deep Dive: Group Chat'), end: md.split('\n').length },
    ]);
  });

  it('counts the better attempt at a part: the follow-up edge cases, not the hollow first one', () => {
    const edge = outlineOf(md).deepDives[1]!.coverage.find((c) => c.aspect === 'edge_cases');
    expect(edge).toMatchObject({ line: lineOf(md, '## Edge Cases & Failure Handling'), substantive: true });
  });

  it('keeps the P0 features of the first requirements section only', () => {
    const outline = outlineOf(md);
    expect(outline.p0Features).toEqual([
      { name: '1:1 messaging', line: 5 },
      { name: 'Group chat', line: 6 },
    ]);
    expect(outline.requirementsSection).toEqual({ line: 3, title: '1. Functional Requirements' });
  });

  it('treats a restarted requirements section as a new turn without a conversational line', () => {
    const restarted = md.replace('---\n\nCan you expand the group chat part with storage and failure handling?\n\n', '');
    const outline = outlineOf(restarted);
    expect(outline.turns).toEqual([1, lineOf(restarted, '## 1. Functional Requirements (recap)')]);
    expect(divesOf(outline)).toEqual([
      { feature: '1:1 Messaging', line: 11, p0: true, aspects: ['client_server'] },
      { feature: 'Group Chat', line: 17, p0: true, aspects: ['storage', 'server_recipient', 'edge_cases'] },
    ]);
    expect(outline.p0Features.map((f) => f.name)).toEqual(['1:1 messaging', 'Group chat']);
  });

  it('merges a follow-up whose top heading just names a known feature', () => {
    const followUp = `# Team Chat

## 1. Requirements

* Group chat (P0)
* Presence (P0)

## 3. Deep Dives

### 3.1 Group Chat

#### Client → Server Flow

${SEND_FLOW}

### 3.2 Presence

#### Storage

Presence is kept.

---

Sure, here is more detail on presence.

# Presence

## Storage

Each connected device writes \`presence:{user_id}\` as a Redis hash field \`device_id -> gateway_id\` with a 60 s TTL refreshed by heartbeats every 20 s; the user is online while any field remains, and last-seen is persisted to \`users.last_seen_at\` on expiry.
`;
    const outline = outlineOf(followUp);
    expect(outline.turns).toEqual([1, lineOf(followUp, 'Sure, here is more detail')]);
    expect(divesOf(outline)).toEqual([
      { feature: 'Group Chat', line: 10, p0: true, aspects: ['client_server'] },
      { feature: 'Presence', line: 16, p0: true, aspects: ['storage'] },
    ]);
  });
});

describe('summary table and layout none', () => {
  it('the template skeleton (aspect headings, no features) has no deep dives', () => {
    const md = `## 1. Functional & Non-Functional Requirements (Brief)

* List core features, prioritized P0/P1/P2.

## 3. Functional Requirement Deep Dives (P0 + critical P1)

### 3.1 Client → Server Flow

* Exact request flow.

### 3.2 Data Storage & Retrieval

* DB choice and justification.

### 3.3 Server → Recipient Flow

* Push data to recipients.

### 3.4 Messaging & Eventing

* Topics and partition keys.

### 3.9 Summary Table

| Feature | Client→Server | Server→DB/Cache | Server→Recipient | Messaging Events | Notes / Multi-device / Offline Handling |
| --- | --- | --- | --- | --- | --- |
`;
    const outline = outlineOf(md);
    expect(outline.layout).toBe('none');
    expect(outline.deepDives).toEqual([]);
    expect(outline.p0Features).toEqual([]);
    expect(outline.summaryTable).toEqual({
      line: lineOf(md, '| Feature |'),
      columns: ['feature', 'client_server', 'server_storage', 'server_recipient', 'messaging_events', 'notes'],
      missing: [],
      rows: 0,
    });
  });

  it('an answer without deep dives has layout none and no sections', () => {
    const md = `# URL Shortener

## Architecture

Clients call an API behind a load balancer.

| Component | Technology | Notes |
| --- | --- | --- |
| API | Go | stateless |
`;
    const outline = outlineOf(md);
    expect(outline.layout).toBe('none');
    expect(outline.deepDives).toEqual([]);
    expect(outline.deepDiveSection).toBeNull();
    expect(outline.requirementsSection).toBeNull();
    expect(outline.summaryTable).toBeNull();
  });

  it('an escaped-pipe summary table is text, not a table', () => {
    const md = `## 3. Deep Dives

### 3.9 Summary Table

\\| Feature | Client→Server | Server→DB/Cache | Server→Recipient | Messaging Events | Notes |
\\|---|---|---|---|---|---|
\\| Upload | presigned URL | videos table | none | VideoUploaded | resumable |
`;
    expect(outlineOf(md).summaryTable).toBeNull();
  });

  it('a priority table is not the summary table', () => {
    const md = `## 1. Requirements

| Feature | Priority | Notes |
| --- | --- | --- |
| Upload | P0 | resumable |
`;
    expect(outlineOf(md).summaryTable).toBeNull();
  });

  it('picks the table with the most summary columns', () => {
    const md = `## 3. Deep Dives

| Feature | API | Storage | Events |
| --- | --- | --- | --- |
| Upload | POST | S3 | uploaded |

| Feature | Client→Server | Server→DB/Cache | Server→Recipient | Messaging Events |
| --- | --- | --- | --- | --- |
| Upload | POST | S3 | none | uploaded |
| Playback | GET | CDN | HLS | viewed |
`;
    expect(outlineOf(md).summaryTable).toEqual({
      line: lineOf(md, 'Server→Recipient'),
      columns: ['feature', 'client_server', 'server_storage', 'server_recipient', 'messaging_events'],
      missing: ['notes'],
      rows: 2,
    });
  });
});
