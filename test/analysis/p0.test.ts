import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/analyze.js';
import type { P0Feature } from '../../src/analysis/p0.js';

function p0Of(md: string): P0Feature[] {
  return analyze(md).outline.p0Features;
}

/** 1-based line of the only line containing `needle`. */
function lineOf(md: string, needle: string): number {
  const lines = md.split('\n');
  const hits = lines.flatMap((line, index) => (line.includes(needle) ? [index + 1] : []));
  if (hits.length !== 1) throw new Error(`expected one line containing ${JSON.stringify(needle)}, found ${hits.length}`);
  return hits[0]!;
}

describe('P0 features from a table', () => {
  it('takes the rows whose Priority column says P0', () => {
    const md = `# Chat

## 1. Functional Requirements

| Feature | Priority | Notes |
| --- | --- | --- |
| 1:1 messaging | P0 | core |
| Group chat | **P0** | up to 500 members |
| Read receipts | P1 | later |
| Stickers | P2 | nice to have |

## 3. Deep Dives
`;
    expect(p0Of(md)).toEqual([
      { name: '1:1 messaging', line: lineOf(md, '| 1:1 messaging') },
      { name: 'Group chat', line: lineOf(md, '| Group chat') },
    ]);
  });

  it('finds the name column when it is not first', () => {
    const md = `## Requirements

| Priority | Capability | Complexity |
| --- | --- | --- |
| P1 | Analytics | low |
| P0 | Shorten URL | ID generation |
| P0 | Redirect | hot keys |
`;
    expect(p0Of(md)).toEqual([
      { name: 'Shorten URL', line: lineOf(md, 'Shorten URL') },
      { name: 'Redirect', line: lineOf(md, 'Redirect') },
    ]);
  });

  it('reads a Tier column and strips bold names', () => {
    const md = `## Requirements

| Capability | Tier |
| --- | --- |
| **Upload** | P0 |
| **Search** | P1 |
`;
    expect(p0Of(md)).toEqual([{ name: 'Upload', line: lineOf(md, 'Upload') }]);
  });

  it('without a priority column, takes rows with a cell that is just P0', () => {
    const md = `## Requirements

| Name | Level | Owner |
| --- | --- | --- |
| Upload | P0 | media team |
| Search | P1 | search team |
`;
    expect(p0Of(md)).toEqual([{ name: 'Upload', line: lineOf(md, 'Upload') }]);
  });
});

describe('P0 features as bullets under a P0 heading or label', () => {
  it('### P0 heading, stopping at ### P1', () => {
    const md = `## 1. Functional Requirements

### P0

* 1:1 messaging
* Group chat (up to 256 members)
* Offline delivery — store and forward

### P1

* Read receipts
* Typing indicators
`;
    expect(p0Of(md)).toEqual([
      { name: '1:1 messaging', line: lineOf(md, '1:1 messaging') },
      { name: 'Group chat', line: lineOf(md, 'Group chat') },
      { name: 'Offline delivery', line: lineOf(md, 'Offline delivery') },
    ]);
  });

  it('**P0 (must have)** paragraph label, stopping at the P1 label', () => {
    const md = `## 1. Requirements

**P0 (must have)**

- Post creation: text and images
- Feed generation
- Follow / unfollow

**P1 (should have)**

- Notifications
`;
    expect(p0Of(md)).toEqual([
      { name: 'Post creation', line: lineOf(md, 'Post creation') },
      { name: 'Feed generation', line: lineOf(md, 'Feed generation') },
      { name: 'Follow / unfollow', line: lineOf(md, 'Follow / unfollow') },
    ]);
  });

  it('### Must have (P0) with a numbered list', () => {
    const md = `## 1. Requirements

### Must have (P0)

1. Shorten URL
2. Redirect

### Nice to have (P1)

1. Analytics
`;
    expect(p0Of(md)).toEqual([
      { name: 'Shorten URL', line: lineOf(md, 'Shorten URL') },
      { name: 'Redirect', line: lineOf(md, 'Redirect') },
    ]);
  });

  it('#### P0 Features heading', () => {
    const md = `## 1. Requirements

#### P0 Features

- Checkout
- Cart

#### P1 Features

- Wishlist
`;
    expect(p0Of(md)).toEqual([
      { name: 'Checkout', line: lineOf(md, 'Checkout') },
      { name: 'Cart', line: lineOf(md, 'Cart') },
    ]);
  });

  it('a list item `* **P0**` whose nested list holds the features', () => {
    const md = `## 1. Requirements

* **P0**
  * Video upload
  * Video playback
* **P1**
  * Comments
* **P2**
  * Live streaming
`;
    expect(p0Of(md)).toEqual([
      { name: 'Video upload', line: lineOf(md, 'Video upload') },
      { name: 'Video playback', line: lineOf(md, 'Video playback') },
    ]);
  });

  it('bold bullet leads give the name, descriptions are dropped', () => {
    const md = `## 1. Requirements

### P0

- **1:1 messaging**: text between two users, delivered in order
- **Group messaging**: up to 1,000 members
`;
    expect(p0Of(md)).toEqual([
      { name: '1:1 messaging', line: lineOf(md, '1:1 messaging') },
      { name: 'Group messaging', line: lineOf(md, 'Group messaging') },
    ]);
  });
});

describe('inline P0 lists', () => {
  it('P0: a, b, c in a paragraph, P1 line ignored', () => {
    const md = `## 1. Requirements

P0: upload, transcoding, playback

P1: comments, likes
`;
    const line = lineOf(md, 'P0:');
    expect(p0Of(md)).toEqual([
      { name: 'upload', line },
      { name: 'transcoding', line },
      { name: 'playback', line },
    ]);
  });

  it('**P0:** with "and" as the last separator', () => {
    const md = `## 1. Requirements

**P0:** upload, transcoding and playback

**P1:** comments
`;
    const line = lineOf(md, 'P0:');
    expect(p0Of(md)).toEqual([
      { name: 'upload', line },
      { name: 'transcoding', line },
      { name: 'playback', line },
    ]);
  });

  it('a bullet `**P0**: a, b` keeps "1:1 messaging" whole', () => {
    const md = `## 1. Requirements

* **P0**: 1:1 messaging, group chat
* **P1**: read receipts
`;
    const line = lineOf(md, '**P0**');
    expect(p0Of(md)).toEqual([
      { name: '1:1 messaging', line },
      { name: 'group chat', line },
    ]);
  });
});

describe('P0 tags on bullets', () => {
  it('(P0) and [P0] tags, P1/P2 tags excluded', () => {
    const md = `## 1. Requirements

* Send message (P0)
* Group chat [P0]
* Read receipts (P1)
* Stickers [P2]
* Media sharing (P0 – images and video)
`;
    expect(p0Of(md)).toEqual([
      { name: 'Send message', line: lineOf(md, 'Send message') },
      { name: 'Group chat', line: lineOf(md, 'Group chat') },
      { name: 'Media sharing', line: lineOf(md, 'Media sharing') },
    ]);
  });

  it('a P0 tag in inline code inside parentheses', () => {
    const md = `## 1. Requirements

- Video upload (\`P0\`)
- Video search (\`P1\`)
`;
    expect(p0Of(md)).toEqual([{ name: 'Video upload', line: lineOf(md, 'Video upload') }]);
  });

  it('a trailing "— P0" tag', () => {
    const md = `## 1. Requirements

- Checkout — P0
- Cart - P0
- Wishlist — P1
`;
    expect(p0Of(md)).toEqual([
      { name: 'Checkout', line: lineOf(md, 'Checkout') },
      { name: 'Cart', line: lineOf(md, 'Cart') },
    ]);
  });

  it('a tag after a description keeps the name only', () => {
    const md = `## 1. Requirements

- 1:1 messaging: text between two users (P0)
- Message search: full text (P1)
`;
    expect(p0Of(md)).toEqual([{ name: '1:1 messaging', line: lineOf(md, '1:1 messaging') }]);
  });

  it('tagged bullets nested under a plain bullet', () => {
    const md = `## 1. Requirements

- Core features
  - Checkout (P0)
  - Wishlist (P1)
`;
    expect(p0Of(md)).toEqual([{ name: 'Checkout', line: lineOf(md, 'Checkout') }]);
  });
});

describe('P0 prefixes on bullets', () => {
  it('**P0: Name**: description bullets', () => {
    const md = `## 1. Requirements

* **P0: Send Message**: deliver a message to one user
* **P0: Group Chat**: up to 500 members
* **P0: Order History**
* **P1: Reactions**: emoji on messages
`;
    expect(p0Of(md)).toEqual([
      { name: 'Send Message', line: lineOf(md, 'Send Message') },
      { name: 'Group Chat', line: lineOf(md, 'Group Chat') },
      { name: 'Order History', line: lineOf(md, 'Order History') },
    ]);
  });

  it('P0: Name — description bullets keep "1:1 messaging" whole', () => {
    const md = `## 1. Requirements

* P0: 1:1 messaging — text between two users
* P0: Group messaging
* P1: Stories
`;
    expect(p0Of(md)).toEqual([
      { name: '1:1 messaging', line: lineOf(md, '1:1 messaging') },
      { name: 'Group messaging', line: lineOf(md, 'Group messaging') },
    ]);
  });
});

describe('where P0 features are read from', () => {
  it('the requirements section only, not tags elsewhere in the answer', () => {
    const md = `# Shop

## 1. Functional Requirements

- Checkout (P0)
- Wishlist (P1)

## 2. Estimation

- Catalog browsing (P0) is 90% of traffic.

## 3. Deep Dives

### 3.1 Checkout
`;
    expect(p0Of(md)).toEqual([{ name: 'Checkout', line: lineOf(md, 'Checkout (P0)') }]);
  });

  it('everything before the deep dives when there is no requirements heading', () => {
    const md = `# Video Platform

Core P0 features:

- Upload
- Playback

## Deep Dives
`;
    expect(p0Of(md)).toEqual([
      { name: 'Upload', line: lineOf(md, 'Upload') },
      { name: 'Playback', line: lineOf(md, 'Playback') },
    ]);
  });

  it('lists a feature stated twice once, at its first mention', () => {
    const md = `## 1. Requirements

P0: checkout, cart

- Checkout (P0)
`;
    const line = lineOf(md, 'P0: checkout');
    expect(p0Of(md)).toEqual([
      { name: 'checkout', line },
      { name: 'cart', line },
    ]);
  });

  it('finds none when priorities are only mentioned generically', () => {
    const md = `## 1. Functional & Non-Functional Requirements (Brief)

* List core features, prioritized P0/P1/P2.
* Define user personas & goals.
`;
    expect(p0Of(md)).toEqual([]);
  });
});
