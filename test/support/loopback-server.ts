/**
 * A loopback server speaking the OpenAI chat-completions and Anthropic messages wire protocols
 * (JSON and SSE streaming), scriptable per request: an answer, a status with Retry-After, a
 * connection reset, a hang, a `length` stop, a stream cut partway, malformed JSON. It counts
 * requests and the most in flight at once.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Behaviour =
  /** Streamed one word per event, or `chunkChars` characters per event (the benchmark's coarser network chunks). */
  | { kind: 'answer'; text: string; finishReason?: 'stop' | 'length'; delayMs?: number; chunkChars?: number }
  | { kind: 'status'; status: number; retryAfter?: string; message?: string }
  | { kind: 'reset' }
  | { kind: 'hang' }
  /** A 200 whose stream stops partway: the server ends it cleanly (`end`) or drops the connection (`destroy`). */
  | { kind: 'cut'; text: string; how: 'end' | 'destroy' }
  /** A 200 whose event stream carries JSON that does not parse. */
  | { kind: 'malformed' };

export interface SeenRequest {
  api: 'openai' | 'anthropic';
  prompt: string;
  body: Record<string, unknown>;
  stream: boolean;
  at: number;
  /** When it left flight (response sent or connection gone); null while in flight. */
  doneAt: number | null;
}

export interface Loopback {
  url: string;
  requests: SeenRequest[];
  maxInFlight: number;
  inFlight: number;
  close(): Promise<void>;
}

export async function startLoopback(script: (request: SeenRequest, index: number) => Behaviour): Promise<Loopback> {
  const state: Loopback = { url: '', requests: [], maxInFlight: 0, inFlight: 0, close: async () => undefined };
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => void handle(req, res));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
    const api = req.url?.includes('/messages') ? 'anthropic' : 'openai';
    const messages = (body.messages as Array<{ content: unknown }> | undefined) ?? [];
    const content = messages[0]?.content;
    const prompt = typeof content === 'string' ? content : JSON.stringify(content);
    const seen: SeenRequest = { api, prompt, body, stream: body.stream === true, at: performance.now(), doneAt: null };
    const index = state.requests.push(seen) - 1;
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    // Out of flight once the server has handed over the whole response or the connection is gone,
    // whichever comes first.
    let open = true;
    const done = (): void => {
      if (!open) return;
      open = false;
      seen.doneAt = performance.now();
      state.inFlight--;
    };
    // The client may read the response and send its next request before 'finish' fires here.
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.end = ((...args: unknown[]) => {
      done();
      return end(...args);
    }) as typeof res.end;
    res.on('close', done);
    const behaviour = script(seen, index);
    switch (behaviour.kind) {
      case 'reset':
        done();
        req.socket.destroy();
        return;
      case 'hang':
        hanging.add(res);
        return;
      case 'status': {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (behaviour.retryAfter !== undefined) headers['retry-after'] = behaviour.retryAfter;
        res.writeHead(behaviour.status, headers);
        const message = behaviour.message ?? `scripted ${behaviour.status}`;
        res.end(JSON.stringify(api === 'openai' ? { error: { message, type: 'scripted' } } : { type: 'error', error: { type: 'scripted', message } }));
        return;
      }
      case 'cut': {
        const events = api === 'openai' ? openAiEvents(body, behaviour.text, 'stop', pieces(behaviour.text, undefined)) : anthropicEvents(body, behaviour.text, 'end_turn', pieces(behaviour.text, undefined));
        // Half the events: past the first content, before any finish reason.
        const stream = serialize(events.slice(0, Math.max(2, Math.floor(events.length / 2))));
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        if (behaviour.how === 'end') res.end(stream);
        else
          res.write(stream, () =>
            setTimeout(() => {
              done();
              req.socket.destroy();
            }, 5),
          );
        return;
      }
      case 'malformed':
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        res.end(api === 'openai' ? 'data: {"id":"chatcmpl-1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hel\n\n' : 'event: message_start\ndata: {"type":"message_start","message":{"id":\n\n');
        return;
      case 'answer':
        if (behaviour.delayMs !== undefined) await new Promise((r) => setTimeout(r, behaviour.delayMs));
        if (api === 'openai') openAiAnswer(res, body, behaviour.text, behaviour.finishReason ?? 'stop', seen.stream, pieces(behaviour.text, behaviour.chunkChars));
        else anthropicAnswer(res, body, behaviour.text, behaviour.finishReason === 'length' ? 'max_tokens' : 'end_turn', seen.stream, pieces(behaviour.text, behaviour.chunkChars));
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = async () => {
    for (const res of hanging) res.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return state;
}

const words = (text: string): string[] => text.match(/\S+\s*/g) ?? [];

function pieces(text: string, chunkChars: number | undefined): string[] {
  if (chunkChars === undefined) return words(text);
  const out: string[] = [];
  for (let i = 0; i < text.length; i += chunkChars) out.push(text.slice(i, i + chunkChars));
  return out;
}

type SseEvent = { event?: string; data: unknown };

const serialize = (events: readonly SseEvent[]): string => events.map((e) => `${e.event !== undefined ? `event: ${e.event}\n` : ''}data: ${typeof e.data === 'string' ? e.data : JSON.stringify(e.data)}\n\n`).join('');

/** The whole event stream in one write: thousands of small writes would make the server the bottleneck. */
function sse(res: ServerResponse, events: readonly SseEvent[]): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.end(serialize(events));
}

function openAiEvents(body: Record<string, unknown>, text: string, finish: 'stop' | 'length', parts: string[]): SseEvent[] {
  const model = String(body.model);
  const usage = { prompt_tokens: 100, completion_tokens: words(text).length, total_tokens: 100 + words(text).length };
  const chunk = (delta: Record<string, unknown>, finish_reason: string | null): unknown => ({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 0, model, choices: [{ index: 0, delta, finish_reason }] });
  return [
    { data: chunk({ role: 'assistant', content: '' }, null) },
    ...parts.map((w) => ({ data: chunk({ content: w }, null) })),
    { data: chunk({}, finish) },
    { data: { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 0, model, choices: [], usage } },
    { data: '[DONE]' },
  ];
}

function openAiAnswer(res: ServerResponse, body: Record<string, unknown>, text: string, finish: 'stop' | 'length', stream: boolean, parts: string[]): void {
  if (stream) return sse(res, openAiEvents(body, text, finish, parts));
  const usage = { prompt_tokens: 100, completion_tokens: words(text).length, total_tokens: 100 + words(text).length };
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion', created: 0, model: String(body.model), choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: finish }], usage }));
}

function anthropicEvents(body: Record<string, unknown>, text: string, stop: 'end_turn' | 'max_tokens', parts: string[]): SseEvent[] {
  const model = String(body.model);
  const output = words(text).length;
  return [
    { event: 'message_start', data: { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 100, output_tokens: 1 } } } },
    { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } } },
    ...parts.map((w) => ({ event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: w } } })),
    { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
    { event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: output } } },
    { event: 'message_stop', data: { type: 'message_stop' } },
  ];
}

function anthropicAnswer(res: ServerResponse, body: Record<string, unknown>, text: string, stop: 'end_turn' | 'max_tokens', stream: boolean, parts: string[]): void {
  if (stream) return sse(res, anthropicEvents(body, text, stop, parts));
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ id: 'msg_1', type: 'message', role: 'assistant', model: String(body.model), content: [{ type: 'text', text }], stop_reason: stop, stop_sequence: null, usage: { input_tokens: 100, output_tokens: words(text).length } }));
}
