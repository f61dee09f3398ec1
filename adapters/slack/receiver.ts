// An HTTP receiver for the Events API that lives on the bot's one express app (POST /slack/events)
// instead of opening a second port. It checks Slack's request signature, rejects malformed bodies
// with 400 before Bolt sees them, and hands everything else to Bolt.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { parse as parseQuery } from 'node:querystring';
import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type Request, type Response, type Router } from 'express';
import { HTTPModuleFunctions, HTTPResponseAck, type App, type Receiver, type ReceiverEvent } from '@slack/bolt';
import type { Logger as BoltLogger } from '@slack/logger';
import type { Logger } from '../../src/ops/logger';

export const SLACK_EVENTS_PATH = '/slack/events';
/** Requests older or newer than this are refused (replay protection). */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;
const BODY_LIMIT_BYTES = 1024 * 1024;

export class RejectedRequest extends Error {
  constructor(
    readonly status: 400 | 401 | 413,
    message: string,
  ) {
    super(message);
    this.name = 'RejectedRequest';
  }
}

/** Checks x-slack-signature / x-slack-request-timestamp against the raw body; throws RejectedRequest(401). */
export function verifySlackSignature(
  signingSecret: string,
  headers: IncomingMessage['headers'],
  rawBody: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): void {
  const signature = headers['x-slack-signature'];
  const timestamp = headers['x-slack-request-timestamp'];
  if (typeof signature !== 'string' || typeof timestamp !== 'string') {
    throw new RejectedRequest(401, 'signature headers missing');
  }
  if (!/^\d{1,12}$/.test(timestamp)) throw new RejectedRequest(401, 'timestamp is not a number');
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) {
    throw new RejectedRequest(401, 'timestamp is more than five minutes away from now');
  }
  const expected = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
  const a = Buffer.from(expected);
  const b = Buffer.from(signature);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new RejectedRequest(401, 'signature mismatch');
}

type Body = Record<string, unknown>;
const isObject = (v: unknown): v is Body => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** Parses a request body the way Slack sends it (JSON for events, form fields for commands and interactions). */
export function parseSlackBody(rawBody: string, contentType: string | undefined): Body {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  let parsed: unknown;
  try {
    if (type === 'application/x-www-form-urlencoded') {
      const form = parseQuery(rawBody);
      parsed = typeof form.payload === 'string' ? JSON.parse(form.payload) : form;
    } else {
      parsed = JSON.parse(rawBody);
    }
  } catch {
    throw new RejectedRequest(400, 'body is not valid JSON or form data');
  }
  if (!isObject(parsed)) throw new RejectedRequest(400, 'body is not an object');
  return parsed;
}

/**
 * Accepts only the shapes the bot knows how to handle; anything else is a 400 so that a broken
 * or hostile payload never reaches a listener.
 */
export function checkSlackBody(body: Body): void {
  const bad = (why: string): never => {
    throw new RejectedRequest(400, why);
  };
  if (body.ssl_check !== undefined) return;
  if (isString(body.command)) {
    if (!isString(body.user_id) || !isString(body.channel_id)) bad('slash command without user_id/channel_id');
    if (body.text !== undefined && typeof body.text !== 'string') bad('slash command text is not a string');
    return;
  }
  switch (body.type) {
    case 'url_verification':
      if (!isString(body.challenge)) bad('url_verification without a challenge');
      return;
    case 'event_callback': {
      const event = body.event;
      if (!isObject(event) || !isString(event.type)) bad('event_callback without an event type');
      if (!isString(body.event_id)) bad('event_callback without an event_id');
      if (!isString(body.team_id) && !isObject(body.authorizations) && !isString(body.enterprise_id)) bad('event_callback without a team');
      return;
    }
    case 'app_rate_limited':
      return;
    case 'block_actions':
      if (!Array.isArray(body.actions) || body.actions.length === 0 || !body.actions.every(isObject)) bad('block_actions without actions');
      if (!isObject(body.user) || !isString(body.user.id)) bad('block_actions without a user');
      return;
    case 'message_action':
    case 'shortcut':
      if (!isString(body.callback_id)) bad('shortcut without a callback_id');
      if (!isObject(body.user) || !isString(body.user.id)) bad('shortcut without a user');
      if (body.type === 'message_action' && (!isObject(body.message) || !isObject(body.channel))) bad('message shortcut without message/channel');
      return;
    case 'view_submission':
    case 'view_closed':
      if (!isObject(body.view)) bad('view payload without a view');
      return;
    case 'block_suggestion':
    case 'interactive_message':
    case 'dialog_submission':
      return;
    default:
      bad(`unknown payload type ${JSON.stringify(String(body.type ?? '')).slice(0, 40)}`);
  }
}

export interface SharedHttpReceiverOptions {
  signingSecret: string;
  logger: Logger;
  boltLogger: BoltLogger;
  path?: string;
}

/** Bolt receiver mounted on an existing express app; start()/stop() only open and close the gate. */
export class SharedHttpReceiver implements Receiver {
  readonly router: Router;
  private bolt: App | undefined;
  private accepting = false;
  private readonly path: string;

  constructor(private readonly opts: SharedHttpReceiverOptions) {
    this.path = opts.path ?? SLACK_EVENTS_PATH;
    this.router = express.Router();
    this.router.post(this.path, (req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        opts.logger.error({ err }, 'slack request failed');
        if (!res.headersSent) res.status(500).end();
      });
    });
  }

  init(app: App): void {
    this.bolt = app;
  }

  async start(): Promise<void> {
    this.accepting = true;
  }

  async stop(): Promise<void> {
    this.accepting = false;
  }

  private async readRawBody(req: Request): Promise<string> {
    const withRaw = req as Request & { rawBody?: Buffer | string };
    if (withRaw.rawBody !== undefined) return withRaw.rawBody.toString();
    if (Buffer.isBuffer(req.body)) return req.body.toString('utf8');
    if (req.readableEnded || (req as unknown as { _body?: boolean })._body) {
      // A body parser mounted before this route consumed the stream: the signature cannot be checked.
      throw new Error('the request body was already read by another middleware; mount Slack before body parsers');
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > BODY_LIMIT_BYTES) throw new RejectedRequest(413, 'body too large');
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  private async handle(req: Request, res: Response): Promise<void> {
    const log = this.opts.logger;
    if (!this.accepting || !this.bolt) {
      // Slack retries later; nothing is lost while the bot starts or stops.
      res.status(503).set('Retry-After', '5').end();
      return;
    }
    let body: Body;
    try {
      const raw = await this.readRawBody(req);
      verifySlackSignature(this.opts.signingSecret, req.headers, raw);
      body = parseSlackBody(raw, req.headers['content-type']);
      checkSlackBody(body);
    } catch (err) {
      if (err instanceof RejectedRequest) {
        // The socket's address: req.ip needs express's app settings, which a mounted router may lack.
        log.warn({ status: err.status, reason: err.message, ip: req.socket?.remoteAddress }, 'slack request rejected');
        // A body cut short (413) leaves the rest unread: close the connection rather than reuse it.
        if (err.status === 413) res.set('connection', 'close');
        res.status(err.status).end();
        return;
      }
      throw err;
    }

    if (body.ssl_check !== undefined) {
      res.status(200).end();
      return;
    }
    if (body.type === 'url_verification') {
      res.status(200).json({ challenge: body.challenge });
      return;
    }
    if (body.type === 'app_rate_limited') {
      log.warn({ minute: body.minute_rate_limited }, 'slack paused event delivery: the app was rate limited');
      res.status(200).end();
      return;
    }

    const ack = new HTTPResponseAck({
      logger: this.opts.boltLogger,
      processBeforeResponse: false,
      unhandledRequestHandler: ({ response }) => {
        log.warn({ type: body.type, command: body.command }, 'slack request was not acknowledged in time');
        if (!response.headersSent) {
          response.writeHead(200);
          response.end();
        }
      },
      unhandledRequestTimeoutMillis: 2500,
      httpRequest: req as IncomingMessage,
      httpRequestBody: body,
      httpResponse: res as ServerResponse,
    });
    const event: ReceiverEvent = {
      body,
      ack: ack.bind(),
      retryNum: HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req as IncomingMessage),
      retryReason: HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req as IncomingMessage),
    };
    try {
      await this.bolt.processEvent(event);
      if (ack.storedResponse !== undefined && !res.headersSent) {
        HTTPModuleFunctions.buildContentResponse(res as ServerResponse, ack.storedResponse);
      }
    } catch (err) {
      log.error({ err, type: body.type }, 'slack event processing failed');
      if (!res.headersSent) res.status(500).end();
    }
  }
}
