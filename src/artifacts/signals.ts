/** Template requirements that show in the wording rather than in a code block. */
export interface Signals {
  idempotency: boolean;
  dedupStrategy: boolean;
  multiDeviceOffline: boolean;
  multipleApproaches: boolean;
  metricsNamed: string[];
}

const IDEMPOTENCY = /idempoten|Idempotency-Key|dedup(?:e|lication)?[-_ ]?(?:key|id)\b/i;
const DEDUP = /bloom\s+filter|seen[- ]?(?:set|keys?|table|cache|list|ids?)\b|duplicates?\s+(?:\w+\s+){0,3}(?:are|is|get)\s+(?:dropped|discarded|ignored|skipped|rejected)|\bdedup(?:e|ed|ing|lication)?\b|de-duplicat|unique\s+(?:constraint|index|key)|\bUNIQUE\s*\(|\bON\s+CONFLICT\b|INSERT\s+IGNORE|\bBF\.(?:ADD|EXISTS)\b/i;
const DEVICE_OR_OFFLINE = /multi[- ]?device|per[- ]device|device[_ ]?id|other devices|all (?:of the user'?s )?devices|each device|\boffline\b|\breconnect(?:s|ed|ion|ing)?\b/i;
/** A mechanism named on the same line: what makes offline/multi-device handling concrete. */
const MECHANISM =
  /queue|sync|cursor|\bseq|sequence|resum|replay|local|last[_ ]?(?:seen|ack|sync)|\back|pending|outbox|catch[- ]?up|registry|inbox|watermark|version|fan-?out|deliver|buffer|backfill|since|offset|upload_id|checkpoint|latest|last (?:known|point|position|state)|snapshot|expir|\bttl\b|heartbeat/i;
const TEMPLATE_COLUMN = /multi-device\s*\/\s*offline handling/i;
/** The template's own instruction lines ("Include cursor examples, idempotency keys…") handle nothing. */
const INSTRUCTION = /^\s*(?:[-*+]\s+|\d+[.)]\s+)?(?:\*\*)?(?:include|highlight|produce|focus|integrate|prioriti[sz]e|list core|define user)\b/i;
const APPROACH = /\b(?:approach|option|alternative|strategy)\s*(?:[A-D1-4]\b|#\d)|\bapproaches\b|\balternatives\b|\boptions?\s+considered\b|\bvs\.?\s|\bversus\b|\bpros\b[\s\S]{0,40}\bcons\b/i;
const RECOMMEND = /\brecommend(?:ed|ation|s)?\b|\bwe (?:choose|chose|pick|go with)\b|\bchosen\b|\bwinner\b|\bpreferred\b/i;
const METRICS: ReadonlyArray<readonly [string, RegExp]> = [
  ['RED', /\bRED\b|rate[,/ ]+errors?[,/ ]+(?:and )?duration/],
  ['latency percentiles', /\bp9[059]\b|\bp50\b|latency (?:percentile|histogram)/i],
  ['cache hit ratio', /cache[- ]hit[- ](?:ratio|rate)|hit[- ](?:ratio|rate)/i],
  ['messaging lag', /(?:consumer|kafka|queue|messaging|partition|replication)[- ]lag|\blag\b/i],
  ['error rate', /error[- ]rate|5xx/i],
  ['throughput', /\bQPS\b|\bRPS\b|throughput|requests? per second/i],
];

/** One pass over the lines; headings and instruction-style lines count for nothing. */
export function detectSignals(text: string): Signals {
  const signals: Signals = { idempotency: false, dedupStrategy: false, multiDeviceOffline: false, multipleApproaches: false, metricsNamed: [] };
  let approaches = false;
  let recommends = false;
  const metrics = new Set<string>();
  for (const line of text.split('\n')) {
    if (/^\s{0,3}#/.test(line) || INSTRUCTION.test(line)) continue;
    signals.idempotency ||= IDEMPOTENCY.test(line);
    signals.dedupStrategy ||= DEDUP.test(line);
    if (!signals.multiDeviceOffline && DEVICE_OR_OFFLINE.test(line) && !TEMPLATE_COLUMN.test(line)) {
      signals.multiDeviceOffline = MECHANISM.test(line.replace(DEVICE_OR_OFFLINE, ' '));
    }
    approaches ||= APPROACH.test(line);
    recommends ||= RECOMMEND.test(line);
    for (const [name, pattern] of METRICS) if (pattern.test(line)) metrics.add(name);
  }
  signals.multipleApproaches = approaches && recommends;
  signals.metricsNamed = METRICS.map(([name]) => name).filter((name) => metrics.has(name));
  return signals;
}
