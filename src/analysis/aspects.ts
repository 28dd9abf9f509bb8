import { normaliseTitle } from './text.js';

/** The template's eight per-feature parts, 3.1–3.8, in template order. */
export const ASPECTS = [
  'client_server',
  'storage',
  'server_recipient',
  'messaging',
  'edge_cases',
  'pagination',
  'performance',
  'monitoring',
] as const;
export type AspectId = (typeof ASPECTS)[number];

/**
 * How models title each part. Every pattern is anchored at the start of a title segment, so
 * "Messaging & Eventing" is the messaging aspect but the feature "1:1 Messaging" is not.
 */
const PATTERNS: ReadonlyArray<readonly [AspectId, RegExp]> = [
  ['client_server', /^(?:client\s*(?:->|to|-)?\s*server|client[- ]side|client (?:flow|request)s?|requests? (?:flow|path|handling|lifecycle)|(?:write|read|upload|send|api|request|end-to-end|e2e) (?:flow|path)|apis?(?: (?:flow|design|contract|endpoints?))?$|endpoints?$|step-by-step(?: flow| handling)?|flow$|steps?$|(?:http|rest|grpc|websocket) (?:api|flow|request)|request flow)/],
  ['storage', /^(?:server\s*(?:->|to|-)\s*(?:db|database|cache|storage|store)\b|(?:data )?(?:storage|store|stores|model|modell?ing|schemas?|persistence|retrieval)|databases?|db\b|tables?|collections?|quer(?:y|ies)|cach(?:e|es|ing)|redis|sql|cql|indexe?s|indices|shard(?:ing)?|partition(?:ing)?|data (?:layer|access))/],
  ['server_recipient', /^(?:server\s*(?:->|to|-)\s*(?!(?:db|database|cache|storage|store|kafka|queue|disk|server)\b)\w+|recipients?|deliver(?:y|ies|ing)?|fan-?out|fanout|push(?:ing)?(?: to| delivery| notifications?)?|broadcast(?:ing)?|real-?time (?:delivery|updates|push|fan-?out)|live (?:delivery|updates)|to other (?:clients|devices)|notify(?:ing)? (?:recipients|clients|subscribers|devices))/],
  ['messaging', /^(?:messaging|message (?:bus|queues?|brokers?)|event(?:s|ing)?\b|(?:kafka|sqs|sns|pulsar|rabbitmq|nats|kinesis)\b|topics?|queues?|pubsub|async(?:hronous)?(?: processing| flow)?|streams?\b|outbox)/],
  ['edge_cases', /^(?:edge[- ]?cases?|corner cases?|failures?|failure (?:handling|modes?|scenarios|cases)|error(?:s| handling)?|fault[- ]tolerance|resilien(?:ce|cy)|retries|recovery|reliability|what can go wrong)/],
  ['pagination', /^(?:paginat|paging|cursors?|listing|page(?: tokens?|ing)|infinite scroll|keyset|(?:first|next|subsequent|later) pages?\b)/],
  ['performance', /^(?:performance|perf\b|scal(?:ability|ing|e)\b|bottlenecks?|capacity|throughput|latency|optimi[sz]ations?|high availability|ha\b|autoscal|multi-(?:az|region)|hot ?spots?)/],
  ['monitoring', /^(?:instrumentation|monitoring|observability|metrics|telemetry|alert(?:s|ing)?|logging|tracing|slos?\b|dashboards?)/],
];

/** Leading words that do not change what a part is about ("Example event payloads"). */
const FILLER = /^(?:(?:example|examples|sample|samples|the|detailed|key|core|main|feature|p0|p1|(?:[a-z]+ )?specific)\s+)+/;

/**
 * The aspects a heading or label title names, or [] when it is not an aspect title.
 * "Perf & Monitoring" names two; the first segment must name one for the title to count.
 */
export function aspectsOfTitle(title: string): AspectId[] {
  const normal = normaliseTitle(title)
    .replace(/\([^)]*\)/g, ' ')
    .replace(/pub\s*\/\s*sub/g, 'pubsub')
    .replace(/[:.]+\s*$/, '')
    .trim();
  const segments = normal.split(/\s*(?:&|\/|,|\+|\band\b|\bvs\.?\b)\s*/).filter((s) => s.length > 0);
  const found: AspectId[] = [];
  for (const [index, raw] of segments.entries()) {
    const segment = raw.replace(FILLER, '');
    const hit = PATTERNS.find(([, pattern]) => pattern.test(segment));
    if (hit === undefined) {
      if (index === 0) return [];
      continue;
    }
    if (!found.includes(hit[0])) found.push(hit[0]);
  }
  return found;
}

export function isSummaryTitle(title: string): boolean {
  return /^(?:summary(?: table)?|feature summary|.*summary table)\b/.test(normaliseTitle(title));
}
