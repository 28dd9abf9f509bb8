export interface JsonBlockCheck {
  valid: boolean;
  error: string | null;
}

/** A JSON block is copy-paste ready when it parses as one value or as JSON Lines. */
export function checkJson(value: string): JsonBlockCheck {
  try {
    JSON.parse(value);
    return { valid: true, error: null };
  } catch (error) {
    const lines = value.split('\n').filter((l) => l.trim().length > 0);
    if (lines.length > 1 && lines.every(parsesAlone)) return { valid: true, error: null };
    return { valid: false, error: error instanceof Error ? error.message : String(error) };
  }
}

function parsesAlone(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

const EVENT_KEY = /"(?:event|event_?type|eventType|type|topic|event_?id|eventId|schema|event_?name)"\s*:/;
const EVENT_CONTEXT = /\bevents?\b|kafka|topic|publish|emit|produce|consume|websocket|\bws\b|push|frame|payload|queue|stream|broadcast|fan-?out|pub\/?sub|notification/i;
const API_CONTEXT = /\bresponse\b|\brequest\b|\bbody\b|\breturns?\b|\bapi\b|\b(?:GET|POST|PUT|PATCH|DELETE)\b|\b20[01]\b|\bclient (?:sends|subscribes)\b|\bsubscribe (?:request|frame|message)\b/;

/**
 * An event or message payload, as opposed to an API body: it names its event type, and the
 * words just above it do not introduce a request or response without mentioning events.
 */
export function isMessagingPayload(value: string, contextAbove: string): boolean {
  if (!EVENT_KEY.test(value)) return EVENT_CONTEXT.test(contextAbove) && !API_CONTEXT.test(contextAbove);
  return !(API_CONTEXT.test(contextAbove) && !EVENT_CONTEXT.test(contextAbove));
}
