/**
 * A small HTTP client for the Ánfora API, shared by the trustee CLI and the voter's booth:
 * JSON in and out over the global `fetch`, an optional bearer token, and every failure
 * (an RFC 9457 `application/problem+json` answer, any other non-2xx answer, an answer that
 * is not JSON, a network error) turned into one typed {@link ApiError}.
 *
 * Browser-safe: no `node:*` import. Cookies are never sent (`credentials: 'omit'`): the
 * API authenticates with bearer tokens only, and the cast route must carry no credential
 * at all (docs/voting-protocol.md, "Casting"), for which {@link ApiClient.anonymous} gives
 * a copy without the token.
 * @module
 */

/** The response language asked for with `Accept-Language` (the API answers Spanish by default). */
export type Lang = 'es' | 'en';

/** Options of {@link ApiClient}. */
export interface ApiClientOptions {
  /** The API's base URL, e.g. `https://anfora.example/api` (a trailing slash is ignored). */
  readonly baseUrl: string;
  /** A bearer access token (from {@link ApiClient.login}); none for public routes. */
  readonly token?: string;
  /** Language of problem details (`Accept-Language`); default Spanish. */
  readonly lang?: Lang;
  /** The fetch implementation; default the global `fetch`. */
  readonly fetch?: typeof fetch;
}

/**
 * An API call that failed. `status` is the HTTP status (0 when no answer arrived), `code`
 * the problem's stable code (`token_already_issued`, `validation_failed`, … as in
 * `src/domain/errors.ts`; `network_error` or `bad_response` for failures of the transport),
 * `detail` the human-readable text in the requested language.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  /** The problem document as received (for `errors`/`failed` lists), if there was one. */
  readonly problem?: Readonly<Record<string, unknown>>;

  constructor(status: number, code: string, detail: string, problem?: Readonly<Record<string, unknown>>) {
    super(`${status === 0 ? 'no answer' : `HTTP ${status}`} ${code}: ${detail}`);
    this.status = status;
    this.code = code;
    this.detail = detail;
    if (problem !== undefined) this.problem = problem;
  }
}

/**
 * A refusal of untrusted content (a server answer, a receipt, a ceremony state): a stable
 * `reason` for programs and an English `detail` for logs. Client functions return these
 * instead of throwing (STYLE rule 6); only the transport throws ({@link ApiError}).
 */
export interface Refusal<R extends string> {
  readonly ok: false;
  readonly reason: R;
  readonly detail: string;
}

/** The `type` URI prefix of the API's problems (src/http/plugins/problem.ts). */
const PROBLEM_TYPE_BASE = 'urn:anfora:problem:';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The {@link ApiError} for a non-2xx answer: from its problem+json body when it has one
 * (`code`, else the `type` after `urn:anfora:problem:`; `detail`, else `title`), otherwise
 * `http_<status>` with the status text. Never throws.
 * @example
 * const err = await apiErrorFromResponse(new Response(JSON.stringify({ code: 'token_used', detail: '…' }), { status: 409 }));
 * err.code // 'token_used'
 */
export async function apiErrorFromResponse(response: Response): Promise<ApiError> {
  let text = '';
  try {
    text = await response.text();
  } catch {
    // an unreadable body is reported like an empty one
  }
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  const fallbackCode = `http_${response.status}`;
  const fallbackDetail = response.statusText || `HTTP ${response.status}`;
  if (!isRecord(body)) return new ApiError(response.status, fallbackCode, fallbackDetail);
  const fromType = typeof body.type === 'string' && body.type.startsWith(PROBLEM_TYPE_BASE)
    ? body.type.slice(PROBLEM_TYPE_BASE.length) : undefined;
  const code = typeof body.code === 'string' && body.code !== '' ? body.code : fromType ?? fallbackCode;
  const detail = typeof body.detail === 'string' && body.detail !== '' ? body.detail
    : typeof body.title === 'string' && body.title !== '' ? body.title : fallbackDetail;
  return new ApiError(response.status, code, detail, Object.freeze({ ...body }));
}

/**
 * JSON over HTTP to the Ánfora API. Immutable: {@link ApiClient.withToken} and
 * {@link ApiClient.anonymous} return new clients.
 * @example
 * const pub = new ApiClient({ baseUrl: 'http://localhost:3000' });
 * const me = await pub.login('ana@example.org', password); // an authenticated client
 * await me.get('/auth/me');
 */
export class ApiClient {
  readonly baseUrl: string;
  readonly token: string | undefined;
  readonly lang: Lang;
  readonly #fetch: typeof fetch;

  constructor(options: ApiClientOptions) {
    if (typeof options?.baseUrl !== 'string' || !/^https?:\/\//i.test(options.baseUrl)) {
      throw new TypeError(`"baseUrl" expected an http(s) URL, got ${JSON.stringify(options?.baseUrl)}`);
    }
    if (options.token !== undefined && (typeof options.token !== 'string' || options.token === '')) {
      throw new TypeError('"token" expected a non-empty string');
    }
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.token = options.token;
    this.lang = options.lang ?? 'es';
    // Bound so that a browser's fetch is not called with the client as `this`.
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** The same client with a bearer token. */
  withToken(token: string): ApiClient {
    return new ApiClient({ baseUrl: this.baseUrl, token, lang: this.lang, fetch: this.#fetch });
  }

  /** The same client without any credential (for the cast route). */
  anonymous(): ApiClient {
    return new ApiClient({ baseUrl: this.baseUrl, lang: this.lang, fetch: this.#fetch });
  }

  /** GET a JSON document. @throws ApiError */
  get(path: string): Promise<unknown> {
    return this.request('GET', path);
  }

  /** POST a JSON body and read the JSON answer. @throws ApiError */
  post(path: string, body: unknown): Promise<unknown> {
    return this.request('POST', path, body);
  }

  /**
   * Sign in (`POST /auth/login`) and return a client carrying the access token.
   * @throws ApiError (401 `invalid_credentials`, 429 `rate_limited`, …)
   */
  async login(email: string, password: string): Promise<ApiClient> {
    const answer = await this.post('/auth/login', { email, password });
    if (!isRecord(answer) || typeof answer.accessToken !== 'string' || answer.accessToken === '') {
      throw new ApiError(200, 'bad_response', 'the login answer has no accessToken');
    }
    return this.withToken(answer.accessToken);
  }

  /** One request; the path is appended to the base URL and must start with `/`. */
  async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    if (typeof path !== 'string' || !path.startsWith('/')) throw new TypeError(`"path" expected to start with "/", got ${JSON.stringify(path)}`);
    const headers: Record<string, string> = { accept: 'application/json', 'accept-language': this.lang };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.token !== undefined) headers.authorization = `Bearer ${this.token}`;
    let response: Response;
    try {
      response = await this.#fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        cache: 'no-store',
      });
    } catch (e) {
      throw new ApiError(0, 'network_error', e instanceof Error ? e.message : String(e));
    }
    if (!response.ok) throw await apiErrorFromResponse(response);
    const text = await response.text().catch(() => undefined);
    if (text === undefined) throw new ApiError(response.status, 'bad_response', 'the answer could not be read');
    if (text === '') return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new ApiError(response.status, 'bad_response', 'the answer is not JSON');
    }
  }
}

/**
 * A path segment, percent-encoded (ids come from users and manifests).
 * @example `/elections/${seg(id)}/manifest`
 */
export function seg(value: string): string {
  if (typeof value !== 'string' || value === '') throw new TypeError(`"path segment" expected a non-empty string, got ${JSON.stringify(value)}`);
  return encodeURIComponent(value);
}
