/**
 * The API client's transport rules: problem+json answers become typed ApiErrors, the
 * requests carry the bearer token only when the client has one, and never cookies. The
 * `fetch` given to the client only records the request and returns a Response built here
 * (our parser under test, not a fake of the server's logic).
 */
import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError, apiErrorFromResponse } from '../../src/client/api.js';

function problem(status: number, body: unknown, type = 'application/problem+json; charset=utf-8'): Response {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': type } });
}

/** A fetch that records each call and answers with `answer()`. */
function recorder(answer: () => Response) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    return answer();
  }) as typeof globalThis.fetch;
  return { calls, fetch };
}

describe('apiErrorFromResponse', () => {
  it('takes status, code and detail from a problem document', async () => {
    const e = await apiErrorFromResponse(problem(409, {
      type: 'urn:anfora:problem:token_already_issued', title: 'Ficha ya emitida', status: 409,
      detail: 'Ya se emitió una ficha para esta asociación.', code: 'token_already_issued', lang: 'es',
    }));
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 409, code: 'token_already_issued', detail: 'Ya se emitió una ficha para esta asociación.' });
    expect(e.problem?.lang).toBe('es');
  });

  it('falls back to the type URI for the code and to the title for the detail', async () => {
    const e = await apiErrorFromResponse(problem(404, { type: 'urn:anfora:problem:not_found', title: 'No encontrado', status: 404 }));
    expect(e).toMatchObject({ status: 404, code: 'not_found', detail: 'No encontrado' });
  });

  it('maps an answer that is not a problem document to http_<status>', async () => {
    const html = await apiErrorFromResponse(new Response('<h1>Bad gateway</h1>', { status: 502, statusText: 'Bad Gateway' }));
    expect(html).toMatchObject({ status: 502, code: 'http_502', detail: 'Bad Gateway' });
    const empty = await apiErrorFromResponse(new Response(null, { status: 503 }));
    expect(empty).toMatchObject({ status: 503, code: 'http_503' });
    const array = await apiErrorFromResponse(problem(400, [1, 2]));
    expect(array.code).toBe('http_400');
  });

  it('keeps the list of validation errors in the problem', async () => {
    const e = await apiErrorFromResponse(problem(400, { code: 'validation_failed', detail: 'x', errors: ['body/contestId: required'] }));
    expect(e.problem?.errors).toEqual(['body/contestId: required']);
  });
});

describe('ApiClient', () => {
  it('sends JSON with Accept-Language, no cookies, and the bearer token only when it has one', async () => {
    const r = recorder(() => Response.json({ ok: 1 }));
    const pub = new ApiClient({ baseUrl: 'http://api.test/', lang: 'en', fetch: r.fetch });
    expect(await pub.post('/x', { a: 1 })).toEqual({ ok: 1 });
    await pub.withToken('abc').get('/y');
    await pub.withToken('abc').anonymous().get('/z');
    const [post, authed, anon] = r.calls.map((c) => ({ url: c.url, init: c.init, headers: c.init.headers as Record<string, string> }));
    expect(post!.url).toBe('http://api.test/x');
    expect(post!.init.method).toBe('POST');
    expect(post!.init.body).toBe('{"a":1}');
    expect(post!.headers['content-type']).toBe('application/json');
    expect(post!.headers['accept-language']).toBe('en');
    expect(post!.headers.authorization).toBeUndefined();
    expect(authed!.headers.authorization).toBe('Bearer abc');
    expect(anon!.headers.authorization).toBeUndefined();
    for (const c of r.calls) expect(c.init.credentials).toBe('omit');
  });

  it('turns an error answer into ApiError and a network failure into network_error', async () => {
    const failing = new ApiClient({ baseUrl: 'http://api.test', fetch: recorder(() => problem(401, { code: 'invalid_credentials', detail: 'no' })).fetch });
    await expect(failing.login('a@b.pe', 'x')).rejects.toMatchObject({ status: 401, code: 'invalid_credentials', detail: 'no' });
    const down = new ApiClient({ baseUrl: 'http://api.test', fetch: (async () => { throw new TypeError('fetch failed'); }) as typeof fetch });
    await expect(down.get('/x')).rejects.toMatchObject({ status: 0, code: 'network_error' });
    const garbage = new ApiClient({ baseUrl: 'http://api.test', fetch: recorder(() => new Response('not json', { status: 200 })).fetch });
    await expect(garbage.get('/x')).rejects.toMatchObject({ code: 'bad_response' });
  });

  it('login returns a client carrying the access token', async () => {
    const r = recorder(() => Response.json({ accessToken: 'jwt-1', tokenType: 'Bearer', expiresIn: 900, role: 'committee' }));
    const api = await new ApiClient({ baseUrl: 'http://api.test', fetch: r.fetch }).login('a@b.pe', 'pw');
    expect(api.token).toBe('jwt-1');
    expect(JSON.parse(r.calls[0]!.init.body as string)).toEqual({ email: 'a@b.pe', password: 'pw' });
  });

  it('refuses a base URL that is not http(s) and a path without a leading slash', async () => {
    expect(() => new ApiClient({ baseUrl: 'file:///etc' })).toThrow(TypeError);
    await expect(new ApiClient({ baseUrl: 'http://a' }).get('x')).rejects.toThrow(TypeError);
  });
});
