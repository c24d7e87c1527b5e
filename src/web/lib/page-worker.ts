/**
 * The Web Worker side shared by the pages that keep secrets in a worker (the issuers' and
 * the trustees' pages): typed posting to the page, the hand-over of a newly sealed key
 * file that waits until the page says it is saved (nothing that depends on the file is
 * posted before), the {@link PageStop} error that carries a refusal, and the refusal an
 * error becomes when it reaches the page. Runs only inside a worker (`self`).
 * @module
 */
import { ApiError } from '../../client/api.js';

/** An expected refusal, thrown to end the worker's task and reported to the page as is. */
export class PageStop<R extends { readonly kind: string }> extends Error {
  constructor(readonly refused: R) {
    super(refused.kind);
  }
}

/** What every worker's refusal may be beyond its own: the API's answer, or an unexpected error. */
export type CommonRefusal =
  | { readonly kind: 'api'; readonly status: number; readonly code: string; readonly detail: string }
  | { readonly kind: 'unexpected'; readonly detail: string };

/** The refusal `e` becomes: a {@link PageStop}'s own, the API's error, or `unexpected` with its message. */
export function refusalOf<R extends { readonly kind: string }>(e: unknown): R | CommonRefusal {
  return e instanceof PageStop ? e.refused as R
    : e instanceof ApiError ? { kind: 'api', status: e.status, code: e.code, detail: e.detail }
      : { kind: 'unexpected', detail: e instanceof Error ? e.message : String(e) };
}

/** The page's answer that a handed-over key file is saved. */
export interface Saved { readonly type: 'saved'; readonly id: number }

/** The worker's end of the channel to its page. */
export interface PageChannel<From, To> {
  /** Post a message to the page. */
  readonly post: (m: From) => void;
  /** Post the message `make(id)` (a new key file) and resolve once the page answers `saved` with that id. */
  readonly handOver: (make: (id: number) => From) => Promise<void>;
  /** Handle every message from the page but `saved` (which {@link PageChannel.handOver} takes). */
  readonly listen: (handle: (m: Exclude<To, Saved>) => void) => void;
}

/**
 * This worker's channel to its page.
 * @example const { post, handOver, listen } = pageChannel<FromWorker, ToWorker>();
 */
export function pageChannel<From, To extends { readonly type: string }>(): PageChannel<From, To> {
  const scope = self as unknown as { postMessage(m: From): void; onmessage: ((ev: MessageEvent<To>) => void) | null };
  const post = (m: From) => scope.postMessage(m);
  const waiting = new Map<number, () => void>();
  let nextId = 1;
  return {
    post,
    handOver: async (make) => {
      const id = nextId++;
      const saved = new Promise<void>((resolve) => waiting.set(id, resolve));
      post(make(id));
      await saved;
    },
    listen: (handle) => {
      scope.onmessage = (ev) => {
        const m = ev.data;
        if (m.type === 'saved') {
          const id = (m as unknown as Saved).id;
          waiting.get(id)?.();
          waiting.delete(id);
          return;
        }
        handle(m as Exclude<To, Saved>);
      };
    },
  };
}
