/**
 * The one door into the background. Every feature registers its requests here (each type once,
 * with a check for each of its fields and a handler); `entrypoints/background.ts` adds this
 * router's `listener` as the only `runtime.onMessage` listener. The router:
 *
 * 1. checks the sender once, for every request (`isTrusted`, see sender.ts): a sender that is not
 *    one of our own pages gets no answer at all, and nothing runs;
 * 2. refuses a message that is not a request it knows (unknown `type`, a field missing or of the
 *    wrong kind, a field it does not declare) with `err_bad_request`, before any handler runs;
 * 3. hands the request to the feature's handler and sends back its `Result`; a handler that
 *    throws answers `err_internal`.
 *
 * Pure of browser APIs, so the whole door is unit-tested in Node.
 */
import { fail, type Result } from '../result';
import type { FieldCheck, FieldChecks, RequestFields } from './field-checks';
import type { MessageSender } from './sender';

export const ERR_BAD_REQUEST = 'err_bad_request';

type Request = { readonly type: string };
type Handler<R, Reply> = (request: R, sender: MessageSender) => Promise<Result<Reply>>;
/** A handler for each request of a feature's union `R`. */
export type Handlers<R extends Request, Replies> = {
  readonly [T in R['type']]: Handler<Extract<R, { type: T }>, T extends keyof Replies ? Replies[T] : never>;
};

interface Route {
  readonly fields: Readonly<Record<string, FieldCheck>>;
  readonly handle: Handler<never, unknown>;
}

const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

export class Router<Req extends Request, Replies extends { [T in Req['type']]: unknown }> {
  private readonly routes = new Map<string, Route>();

  constructor(private readonly isTrusted: (sender: MessageSender | undefined) => boolean) {}

  /** Adds one request type. Registering a type twice is a programming error and throws. */
  register<T extends Req['type']>(
    type: T,
    fields: FieldChecks<Extract<Req, { type: T }>>,
    handle: Handler<Extract<Req, { type: T }>, Replies[T]>,
  ): this {
    if (this.routes.has(type)) throw new Error(`request type registered twice: ${type}`);
    this.routes.set(type, { fields, handle });
    return this;
  }

  /** Adds every request of a feature's union: one field check table and one handler table. */
  registerAll<R extends Req>(fields: RequestFields<R>, handlers: Handlers<R, Replies>): this {
    for (const type of Object.keys(fields) as R['type'][]) {
      const handle = (handlers as Record<string, Handler<never, unknown>>)[type];
      if (!handle) throw new Error(`no handler for request type ${type}`);
      this.register(type, (fields as unknown as Record<string, never>)[type] as never, handle as never);
    }
    return this;
  }

  /** The registered request types (for tests and docs). */
  types(): string[] {
    return [...this.routes.keys()];
  }

  /**
   * The request as the handler will see it, or null: a plain object whose `type` is registered,
   * with every declared field passing its check and no field that is not declared.
   */
  parse(message: unknown): { request: Req; route: Route } | null {
    if (typeof message !== 'object' || message === null || Array.isArray(message)) return null;
    const proto = Object.getPrototypeOf(message) as unknown;
    if (proto !== Object.prototype && proto !== null) return null;
    const record = message as Record<string, unknown>;
    const type = record['type'];
    if (typeof type !== 'string' || !hasOwn(record, 'type')) return null;
    const route = this.routes.get(type);
    if (!route) return null;
    for (const key of Object.keys(record)) if (key !== 'type' && !hasOwn(route.fields, key)) return null;
    for (const [key, check] of Object.entries(route.fields)) if (!check(hasOwn(record, key) ? record[key] : undefined)) return null;
    return { request: record as unknown as Req, route };
  }

  /**
   * Answers one message: `undefined` when the sender is refused (no answer is sent at all),
   * otherwise the handler's `Result` (or `err_bad_request` / `err_internal`).
   */
  route(message: unknown, sender: MessageSender | undefined): Promise<Result<unknown>> | undefined {
    if (!this.isTrusted(sender)) return undefined;
    const parsed = this.parse(message);
    if (!parsed) return Promise.resolve(fail(ERR_BAD_REQUEST));
    let answer: Promise<Result<unknown>>;
    try {
      answer = (parsed.route.handle as Handler<Req, unknown>)(parsed.request, sender as MessageSender);
    } catch {
      return Promise.resolve(fail('err_internal'));
    }
    return Promise.resolve(answer).catch(() => fail('err_internal'));
  }

  /** For `runtime.onMessage.addListener`: answers asynchronously, or not at all for a refused sender. */
  readonly listener = (message: unknown, sender: MessageSender, sendResponse: (reply: unknown) => void): boolean => {
    const answer = this.route(message, sender);
    if (!answer) return false;
    void answer.then(sendResponse);
    return true;
  };
}
