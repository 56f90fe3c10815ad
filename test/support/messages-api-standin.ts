/**
 * A local stand-in for the Anthropic Messages API, good enough for the real Claude Code CLI.
 *
 * It listens on a free loopback port and answers:
 * - `POST /v1/messages` (Claude Code adds `?beta=true`), streamed (SSE: message_start,
 *   content_block_start / _delta / _stop, message_delta, message_stop) or not, with a `usage` block
 *   whose numbers the test chooses;
 * - `POST /v1/messages/count_tokens` with a fixed count;
 * - `GET /v1/models` with a small list; anything else with a JSON 404 in the API's error shape;
 * - HTTP `CONNECT` (when the CLI is given `HTTPS_PROXY` pointing here): recorded and refused, so any
 *   attempt to reach the internet is visible in `proxyAttempts` and fails fast instead of hanging.
 *
 * Replies are scripted: `enqueue()` adds replies that the next "main loop" requests receive in
 * order (a reply is text, a tool call, or both); once the queue is empty each request gets
 * `defaultReply`. Requests that are not main-loop ones (Claude Code's small side queries, e.g. a
 * title or a quota check: no `tools` in the body) get `auxiliaryReply` and never consume the queue.
 * Every request is recorded together with the usage that was answered, so a test can compute the
 * totals it expects.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

export interface Usage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
}

export interface ToolCall {
  /** Claude Code tool name, e.g. `Write`, `Bash`, `Edit`. */
  name: string;
  input: Record<string, unknown>;
  id?: string;
}

export interface ScriptedReply {
  /** Assistant text. Defaults to "OK." when there is neither text nor a tool call. */
  text?: string;
  /** Tool calls to make; the reply then stops with `tool_use`, and Claude Code runs the tools and asks again. */
  toolUse?: ToolCall | ToolCall[];
  /** Token usage reported for this reply (missing fields: the stand-in's default usage). */
  usage?: Partial<Usage>;
  /** Model name reported; defaults to the model the request asked for. */
  model?: string;
  /** Answer with an HTTP error instead (status, API error type, message). */
  error?: { status: number; type?: string; message?: string };
}

export type RequestKind = 'messages' | 'count_tokens' | 'models' | 'other';

export interface RecordedRequest {
  at: number;
  method: string;
  /** Path with query string, as received. */
  url: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  kind: RequestKind;
  /** Parsed JSON body, if the body was JSON. */
  body: unknown;
  stream?: boolean;
  model?: string;
  /** For `messages`: whether the request was treated as a main-loop one (consumed the script). */
  main?: boolean;
  /** For `messages`: what was answered. */
  reply?: { model: string; usage: Usage; text: string; toolNames: string[]; stopReason: string; status: number };
}

export interface StandinOptions {
  /** Replies for the first main-loop requests, in order. More can be added with `enqueue()`. */
  replies?: ScriptedReply[];
  /** Answer for main-loop requests once the queue is empty. */
  defaultReply?: ScriptedReply;
  /** Answer for side queries (requests without tools). */
  auxiliaryReply?: ScriptedReply;
  /** Usage for replies that don't set their own. */
  defaultUsage?: Partial<Usage>;
  /** Decide which requests are main-loop ones; default: the body has a non-empty `tools` array. */
  isMain?: (body: Record<string, unknown>) => boolean;
  /** Token count answered by count_tokens. */
  countTokens?: number;
  /** Delay between SSE events in ms (default 0). */
  eventDelayMs?: number;
}

export interface MessagesApiStandin {
  /** Base URL for `ANTHROPIC_BASE_URL`, e.g. `http://127.0.0.1:43123`. */
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Hosts the client tried to reach through the proxy (`CONNECT host:port`, or absolute-URL requests). */
  proxyAttempts: string[];
  /** Add scripted replies for the next main-loop requests. */
  enqueue(...replies: ScriptedReply[]): void;
  /** Scripted replies not yet consumed. */
  pending(): number;
  /** Recorded Messages API calls (optionally main-loop only). */
  messageRequests(opts?: { mainOnly?: boolean }): RecordedRequest[];
  /** Sum of the usage answered so far, over all Messages API calls. */
  totalUsage(): Usage;
  /**
   * Headers sent with every Messages API answer from now on, e.g. a subscriber's plan limits:
   * `anthropic-ratelimit-unified-5h-utilization: 0.37`, `...-5h-reset` (epoch s), `...-7d-...`,
   * `anthropic-ratelimit-unified-status: allowed`. See `planLimitHeaders`.
   */
  setResponseHeaders(headers: Record<string, string>): void;
  close(): Promise<void>;
}

const DEFAULT_USAGE: Usage = {
  input_tokens: 100,
  output_tokens: 20,
  cache_read_input_tokens: 0,
  cache_creation_input_tokens: 0,
};

function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function json(res: http.ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    ...extra,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'request-id': newId('req'),
  });
  res.end(text);
}

function apiError(res: http.ServerResponse, status: number, type: string, message: string): void {
  json(res, status, { type: 'error', error: { type, message } });
}

function defaultIsMain(body: Record<string, unknown>): boolean {
  return Array.isArray(body.tools) && body.tools.length > 0;
}

interface Block {
  type: 'text' | 'tool_use';
  text?: string;
  id?: string;
  name?: string;
  input?: Record<string, unknown>;
}

function blocksOf(reply: ScriptedReply): Block[] {
  const blocks: Block[] = [];
  const calls = reply.toolUse === undefined ? [] : Array.isArray(reply.toolUse) ? reply.toolUse : [reply.toolUse];
  if (reply.text !== undefined || calls.length === 0) blocks.push({ type: 'text', text: reply.text ?? 'OK.' });
  for (const c of calls) blocks.push({ type: 'tool_use', id: c.id ?? newId('toolu'), name: c.name, input: c.input });
  return blocks;
}

export async function startMessagesApiStandin(options: StandinOptions = {}): Promise<MessagesApiStandin> {
  const queue: ScriptedReply[] = [...(options.replies ?? [])];
  const requests: RecordedRequest[] = [];
  const proxyAttempts: string[] = [];
  const baseUsage: Usage = { ...DEFAULT_USAGE, ...options.defaultUsage };
  const isMain = options.isMain ?? defaultIsMain;
  const delay = options.eventDelayMs ?? 0;

  const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
  let extraHeaders: Record<string, string> = {};

  async function answerMessages(rec: RecordedRequest, body: Record<string, unknown>, res: http.ServerResponse) {
    const main = isMain(body);
    rec.main = main;
    let reply: ScriptedReply;
    if (main) reply = queue.shift() ?? options.defaultReply ?? { text: 'OK.' };
    else reply = options.auxiliaryReply ?? { text: 'OK.' };

    const model = reply.model ?? (typeof body.model === 'string' ? body.model : 'claude-sonnet-4-5');
    const usage: Usage = { ...baseUsage, ...reply.usage };
    const blocks = blocksOf(reply);
    const stopReason = blocks.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn';
    const text = blocks.filter((b) => b.type === 'text').map((b) => b.text ?? '').join('');
    const toolNames = blocks.filter((b) => b.type === 'tool_use').map((b) => b.name ?? '');

    if (reply.error) {
      rec.reply = { model, usage: { input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 }, text: '', toolNames: [], stopReason: 'error', status: reply.error.status };
      apiError(res, reply.error.status, reply.error.type ?? 'api_error', reply.error.message ?? 'scripted error');
      return;
    }
    rec.reply = { model, usage, text, toolNames, stopReason, status: 200 };

    const msgId = newId('msg');
    const content = blocks.map((b) =>
      b.type === 'text' ? { type: 'text', text: b.text ?? '' } : { type: 'tool_use', id: b.id, name: b.name, input: b.input ?? {} },
    );

    if (body.stream !== true) {
      json(res, 200, {
        id: msgId,
        type: 'message',
        role: 'assistant',
        model,
        content,
        stop_reason: stopReason,
        stop_sequence: null,
        usage,
      }, extraHeaders);
      return;
    }

    res.writeHead(200, {
      ...extraHeaders,
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'request-id': newId('req'),
    });
    const send = async (event: string, data: unknown) => {
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      if (delay > 0) await sleep(delay);
    };
    await send('message_start', {
      type: 'message_start',
      message: {
        id: msgId,
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...usage, output_tokens: 1 },
      },
    });
    await send('ping', { type: 'ping' });
    for (const [index, b] of blocks.entries()) {
      if (b.type === 'text') {
        await send('content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
        const t = b.text ?? '';
        const half = Math.ceil(t.length / 2);
        for (const piece of [t.slice(0, half), t.slice(half)]) {
          if (piece) await send('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } });
        }
      } else {
        await send('content_block_start', {
          type: 'content_block_start',
          index,
          content_block: { type: 'tool_use', id: b.id, name: b.name, input: {} },
        });
        await send('content_block_delta', {
          type: 'content_block_delta',
          index,
          delta: { type: 'input_json_delta', partial_json: JSON.stringify(b.input ?? {}) },
        });
      }
      await send('content_block_stop', { type: 'content_block_stop', index });
    }
    await send('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage,
    });
    await send('message_stop', { type: 'message_stop' });
    res.end();
  }

  const server = http.createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const url = req.url ?? '/';
      // A proxied absolute-URL request (plain http through HTTP(S)_PROXY): record and refuse.
      if (/^https?:\/\//i.test(url)) {
        proxyAttempts.push(url);
        apiError(res, 502, 'proxy_refused', 'offline test stand-in: outbound traffic refused');
        return;
      }
      const path = url.split('?')[0] ?? '/';
      let body: unknown = undefined;
      if (raw.length > 0) {
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          body = raw.toString('utf8');
        }
      }
      const kind: RequestKind =
        path === '/v1/messages' ? 'messages' : path === '/v1/messages/count_tokens' ? 'count_tokens' : path.startsWith('/v1/models') ? 'models' : 'other';
      const obj = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
      const rec: RecordedRequest = {
        at: Date.now(),
        method: req.method ?? 'GET',
        url,
        path,
        headers: req.headers,
        kind,
        body,
        ...(typeof obj.stream === 'boolean' ? { stream: obj.stream } : {}),
        ...(typeof obj.model === 'string' ? { model: obj.model } : {}),
      };
      requests.push(rec);

      if (kind === 'messages' && req.method === 'POST') {
        await answerMessages(rec, obj, res);
      } else if (kind === 'count_tokens' && req.method === 'POST') {
        json(res, 200, { input_tokens: options.countTokens ?? 100 });
      } else if (kind === 'models' && req.method === 'GET') {
        const models = ['claude-sonnet-4-5-20250929', 'claude-opus-4-1-20250805', 'claude-haiku-4-5-20251001'];
        json(res, 200, {
          data: models.map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-01-01T00:00:00Z' })),
          has_more: false,
          first_id: models[0],
          last_id: models[models.length - 1],
        });
      } else if (req.method === 'HEAD' || (req.method === 'GET' && path === '/')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(req.method === 'HEAD' ? undefined : '{}');
      } else {
        apiError(res, 404, 'not_found_error', `stand-in: no route for ${req.method} ${path}`);
      }
    })().catch((err: unknown) => {
      if (!res.headersSent) apiError(res, 500, 'api_error', String(err));
      else res.destroy();
    });
  });

  // HTTPS through a proxy arrives as CONNECT: record the host, refuse.
  server.on('connect', (req: http.IncomingMessage, socket) => {
    proxyAttempts.push(req.url ?? '?');
    socket.on('error', () => undefined);
    socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    proxyAttempts,
    enqueue(...replies) {
      queue.push(...replies);
    },
    pending: () => queue.length,
    messageRequests(opts) {
      return requests.filter((r) => r.kind === 'messages' && (!opts?.mainOnly || r.main === true));
    },
    setResponseHeaders(headers) {
      extraHeaders = { ...headers };
    },
    totalUsage() {
      const t: Usage = { input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };
      for (const r of requests) {
        if (r.kind !== 'messages' || !r.reply || r.reply.status !== 200) continue;
        t.input_tokens += r.reply.usage.input_tokens;
        t.output_tokens += r.reply.usage.output_tokens;
        t.cache_read_input_tokens += r.reply.usage.cache_read_input_tokens;
        t.cache_creation_input_tokens += r.reply.usage.cache_creation_input_tokens;
      }
      return t;
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** The answer headers a claude.ai subscriber's requests carry (what Claude Code reads its plan limits from). */
export function planLimitHeaders(fiveHour: { utilization: number; resetsAt: number }, sevenDay: { utilization: number; resetsAt: number }): Record<string, string> {
  return {
    'anthropic-ratelimit-unified-status': 'allowed',
    'anthropic-ratelimit-unified-5h-utilization': String(fiveHour.utilization),
    'anthropic-ratelimit-unified-5h-reset': String(fiveHour.resetsAt),
    'anthropic-ratelimit-unified-5h-status': 'allowed',
    'anthropic-ratelimit-unified-7d-utilization': String(sevenDay.utilization),
    'anthropic-ratelimit-unified-7d-reset': String(sevenDay.resetsAt),
    'anthropic-ratelimit-unified-7d-status': 'allowed',
  };
}
