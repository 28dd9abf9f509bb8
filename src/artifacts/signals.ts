/** Template requirements that show in the wording rather than in a code block. */
export interface Signals {
  idempotency: boolean;
  dedupStrategy: boolean;
  multiDeviceOffline: boolean;
  multipleApproaches: boolean;
  metricsNamed: string[];
}

const IDEMPOTENCY = /idempoten|Idempotency-Key|dedup(?:e|lication)?[-_ ]?(?:key|id)\b/i;
const DEDUP = /bloom\s+filter|seen[- ]?set|\bdedup(?:e|ed|ing|lication)?\b|de-duplicat|unique\s+(?:constraint|index|key)|\bON\s+CONFLICT\b|INSERT\s+IGNORE|\bSETNX\b|\bSET\b[^\n]*\bNX\b|\bBF\.(?:ADD|EXISTS)\b/i;
const MULTI_DEVICE = /multi[- ]?device|per[- ]device|device[_ ]?id|other devices|all (?:of the user'?s )?devices|each device/gi;
const OFFLINE = /\boffline\b|\breconnect(?:s|ed|ion)?\b|last[_ ]?(?:seen|synced|ack(?:ed)?)[_ ]?(?:seq|id|cursor|offset|version)|sync[_ ]?(?:token|cursor)/gi;
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
  const deviceHits = (text.match(MULTI_DEVICE) ?? []).length;
  const offlineHits = (text.match(OFFLINE) ?? []).length;
  return {
    idempotency: IDEMPOTENCY.test(text),
    dedupStrategy: DEDUP.test(text),
    multiDeviceOffline: deviceHits + offlineHits >= 2,
    multipleApproaches: APPROACH.test(text) && RECOMMEND.test(text),
    metricsNamed: METRICS.filter(([, pattern]) => pattern.test(text)).map(([name]) => name),
  };
}
