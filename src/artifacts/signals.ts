/** Template requirements that show in the wording rather than in a code block. */
export interface Signals {
  idempotency: boolean;
  dedupStrategy: boolean;
  multiDeviceOffline: boolean;
  multipleApproaches: boolean;
  metricsNamed: string[];
}

const IDEMPOTENCY = /idempoten|Idempotency-Key|dedup(?:e|lication)?[-_ ]?(?:key|id)\b/i;
const DEDUP = /bloom\s+filter|seen[- ]?set|\bdedup(?:e|ed|ing|lication)?\b|de-duplicat|unique\s+(?:constraint|index|key)|\bUNIQUE\s*\(|\bON\s+CONFLICT\b|INSERT\s+IGNORE|\bBF\.(?:ADD|EXISTS)\b/i;
const DEVICE_OR_OFFLINE = /multi[- ]?device|per[- ]device|device[_ ]?id|other devices|all (?:of the user'?s )?devices|each device|\boffline\b|\breconnect(?:s|ed|ion|ing)?\b/i;
/** A mechanism named on the same line: what makes offline/multi-device handling concrete. */
const MECHANISM = /queue|sync|cursor|\bseq|sequence|resum|replay|local|last[_ ]?(?:seen|ack|sync)|\back|pending|outbox|catch[- ]?up|registry|inbox|watermark|version|fan-?out|deliver|buffer|backfill|since|offset|upload_id|checkpoint|latest|last (?:known|point|position|state)|snapshot|expir|\bttl\b|heartbeat/i;
const TEMPLATE_COLUMN = /multi-device\s*\/\s*offline handling/i;
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

export function detectSignals(text: string): Signals {
  return {
    idempotency: IDEMPOTENCY.test(text),
    dedupStrategy: DEDUP.test(text),
    multiDeviceOffline: text.split('\n').some((line) => DEVICE_OR_OFFLINE.test(line) && !TEMPLATE_COLUMN.test(line) && !/^\s*#/.test(line) && MECHANISM.test(line.replace(DEVICE_OR_OFFLINE, ' '))),
    multipleApproaches: APPROACH.test(text) && RECOMMEND.test(text),
    metricsNamed: METRICS.filter(([, pattern]) => pattern.test(text)).map(([name]) => name),
  };
}
