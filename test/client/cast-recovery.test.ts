/**
 * A cast whose answer was lost, without a server: recoverCast reads the board the client
 * is given (page by page, chain-checked, without credentials) and finds the ballot event
 * that carries exactly the body sent — or says it is not there, that another ballot of the
 * same token is, that it is there twice, or that the board is unusable; castBallot falls
 * back on it after no answer, a 5xx or 409 `token_used`, and only then. The `fetch` given to
 * the client serves a board built here with record's appendEvent (the server's own append).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, ApiError } from '../../src/client/api.js';
import {
  type CastRequest, type VotingCredentials, castBallot, checkReceiptFromBoard, checkTrackingEvent,
  findCastEvent, parseReceiptFromBoard, prepareBallot, receiptFromBoard, recoverCast,
} from '../../src/client/voter.js';
import { toHex } from '../../src/crypto/group.js';
import { type BoardEvent, appendEvent, eventHash } from '../../src/record/board.js';
import { signReceipt } from '../../src/record/tracking.js';
import { type Election, election, issueToken } from '../record/fixtures.js';

const ELECTION = 'election-recovery';
const BASE = 'http://api.test';
let e: Election;
let mine: VotingCredentials;
let theirs: VotingCredentials;

async function tokenFor(contestId: string): Promise<VotingCredentials> {
  const { token, keys } = await issueToken(e, contestId);
  return { token, ballotKeys: keys };
}

const ballot = (c: VotingCredentials, choices = [1, 0, 0, 0]): CastRequest => prepareBallot(e.decoded, e.hash, 'board', choices, c).body;

/** A board of `payloads` (a `token_window` first), each a ballot event unless it says otherwise. */
function board(...bodies: (CastRequest | { kind: 'close' })[]): BoardEvent[] {
  const events: BoardEvent[] = [appendEvent(null, 'token_window', '2026-03-01T12:00:00.000Z', { contests: [{ contestId: 'board', issued: 1 }] })];
  for (const [i, b] of bodies.entries()) {
    const prev = events[events.length - 1]!;
    const at = `2026-03-01T12:0${i + 1}:00.000Z`;
    events.push('kind' in b
      ? appendEvent(prev, 'close', at, { ballots: [] })
      : appendEvent(prev, 'ballot', at, { ...JSON.parse(JSON.stringify(b)), trackingCode: (i + 10).toString(16).padStart(64, '0') }));
  }
  return events;
}

interface Call { method: string; url: string; headers: Record<string, string> }

/**
 * A fetch that serves `GET /elections/:id/board?from=&limit=` from `events()` (or
 * `boardAnswer`, or throws when `boardDown`), `GET …/board/tracking/:code` from `tracking`
 * (or `events()`), and answers the cast with `cast()`.
 */
function server(opts: {
  events?: () => readonly unknown[];
  boardAnswer?: unknown;
  boardDown?: boolean;
  /** What the tracking route looks in, if not `events()`. */
  tracking?: readonly unknown[];
  cast?: () => Response | Promise<Response>;
}) {
  const calls: Call[] = [];
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    calls.push({ method: init?.method ?? 'GET', url: url.pathname + url.search, headers: (init?.headers ?? {}) as Record<string, string> });
    if (init?.method === 'POST' && url.pathname === `/elections/${ELECTION}/ballots`) {
      if (opts.cast === undefined) throw new Error('no cast expected');
      return opts.cast();
    }
    if (url.pathname.startsWith(`/elections/${ELECTION}/board/tracking/`)) {
      const code = url.pathname.split('/').pop();
      const hit = (opts.tracking ?? opts.events?.() ?? []).find((x) => (x as BoardEvent).kind === 'ballot'
        && ((x as BoardEvent).payload as { trackingCode?: string }).trackingCode === code);
      if (hit !== undefined) return json(200, hit);
    }
    if (url.pathname === `/elections/${ELECTION}/board`) {
      if (opts.boardDown) throw new TypeError('fetch failed');
      if (opts.boardAnswer !== undefined) return json(200, opts.boardAnswer);
      const all = opts.events?.() ?? [];
      const from = Number(url.searchParams.get('from'));
      const limit = Number(url.searchParams.get('limit'));
      const last = all[all.length - 1] as BoardEvent | undefined;
      return json(200, { events: all.slice(from, from + limit), head: last === undefined ? null : { seq: last.seq, hash: last.hash } });
    }
    return json(404, { code: 'not_found', detail: 'not found' });
  }) as typeof globalThis.fetch;
  return { calls, fetch, api: (token?: string) => new ApiClient({ baseUrl: BASE, fetch, ...(token === undefined ? {} : { token }) }) };
}

const problem = (status: number, code: string) => new Response(JSON.stringify({ code, detail: code, status }), {
  status, headers: { 'content-type': 'application/problem+json' },
});

beforeAll(async () => {
  e = election(ELECTION);
  mine = await tokenFor('board');
  theirs = await tokenFor('board');
});

describe('recoverCast', () => {
  it('finds the ballot sent: its event, tracking code and position, read page by page without credentials', async () => {
    const sent = ballot(mine);
    const events = board(ballot(theirs), { kind: 'close' }, sent, ballot(theirs, [0, 1, 0, 0]));
    const s = server({ events: () => events });
    const r = await recoverCast(s.api('assoc-jwt'), e.decoded, sent, 2);
    expect(r).toEqual({ ok: true, recovered: true, event: events[3], trackingCode: (12).toString(16).padStart(64, '0'), position: 3 });
    // Pages of 2 from seq 0 up to the head; no bearer token on any of them.
    expect(s.calls.map((c) => c.url)).toEqual([0, 2, 4].map((from) => `/elections/${ELECTION}/board?from=${from}&limit=2`));
    for (const c of s.calls) expect(Object.keys(c.headers).map((h) => h.toLowerCase())).not.toContain('authorization');
  });

  it('not_found when no ballot of this token and contest is on the board (the token is unused)', async () => {
    const sent = ballot(mine);
    // The same key under another contest is another token.
    const otherContest = { ...JSON.parse(JSON.stringify(sent)), contestId: 'alt' } as CastRequest;
    for (const events of [board(), board(ballot(theirs)), board(otherContest)]) {
      const r = await recoverCast(server({ events: () => events }).api(), e.decoded, sent);
      expect(r).toMatchObject({ ok: false, reason: 'not_found' });
    }
  });

  it('token_used_by_other when another ballot signed with this token\'s key is on the board, with or without the one sent', async () => {
    const sent = ballot(mine);
    const other = ballot(mine, [0, 0, 1, 0]);
    let r = await recoverCast(server({ events: () => board(ballot(theirs), other) }).api(), e.decoded, sent);
    expect(r).toMatchObject({ ok: false, reason: 'token_used_by_other' });
    expect(r.ok ? '' : r.detail).toContain('position 2');
    r = await recoverCast(server({ events: () => board(sent, other) }).api(), e.decoded, sent);
    expect(r).toMatchObject({ ok: false, reason: 'token_used_by_other' });
    expect(r.ok ? '' : r.detail).toContain('besides the one sent (position 1)');
    // Same ballot and token, another signature: not what was sent.
    const resigned = { ...JSON.parse(JSON.stringify(sent)), signature: other.signature } as CastRequest;
    r = await recoverCast(server({ events: () => board(resigned) }).api(), e.decoded, sent);
    expect(r).toMatchObject({ ok: false, reason: 'token_used_by_other' });
  });

  it('duplicate_ballot when the ballot sent is on the board twice', async () => {
    const sent = ballot(mine);
    const r = await recoverCast(server({ events: () => board(sent, ballot(theirs), sent) }).api(), e.decoded, sent);
    expect(r).toMatchObject({ ok: false, reason: 'duplicate_ballot' });
  });

  it('a malformed board is a refusal: not { events, head }, a broken chain, a ballot of this token whose payload is malformed', async () => {
    const sent = ballot(mine);
    const api = (o: Parameters<typeof server>[0]) => server(o).api();
    expect(await recoverCast(api({ boardAnswer: { nothing: true } }), e.decoded, sent)).toMatchObject({ ok: false, reason: 'malformed_board' });
    expect(await recoverCast(api({ boardAnswer: { events: [], head: { seq: 'x' } } }), e.decoded, sent)).toMatchObject({ ok: false, reason: 'malformed_board' });
    // The head promises more than the pages give.
    expect(await recoverCast(api({ boardAnswer: { events: [], head: { seq: 3, hash: '00'.repeat(32) } } }), e.decoded, sent))
      .toMatchObject({ ok: false, reason: 'malformed_board' });
    const events = board(ballot(theirs), sent);
    const altered = events.map((x, i) => (i === 2 ? { ...x, at: '2026-03-01T13:00:00.000Z' } : x));
    expect(await recoverCast(api({ events: () => altered }), e.decoded, sent)).toMatchObject({ ok: false, reason: 'broken_chain' });
    // Chained correctly (the hash computed over it), but the payload is no ballot: the board cannot be judged.
    const [first, good] = board(sent);
    const payload = { ...(good!.payload as object), signature: 'zz' };
    const bad = [first!, { ...good!, payload, hash: eventHash(good!.prevHash, good!.seq, 'ballot', good!.at, payload) }];
    expect(await recoverCast(api({ events: () => bad }), e.decoded, sent)).toMatchObject({ ok: false, reason: 'malformed_event' });
  });

  it('findCastEvent on events nobody chain-checked: a ballot whose hash does not recompute is not taken for another ballot', () => {
    const sent = ballot(mine);
    const events = board(sent);
    const forged = [events[0]!, { ...events[1]!, hash: 'ab'.repeat(32) }];
    expect(findCastEvent(forged, ELECTION, sent)).toMatchObject({ ok: false, reason: 'event_mismatch' });
    expect(findCastEvent(events, ELECTION, sent)).toMatchObject({ ok: true, position: 1 });
  });

  it('throws TypeError on a body that is not a cast request (the caller\'s mistake)', async () => {
    expect(() => findCastEvent([], ELECTION, {} as CastRequest)).toThrow(TypeError);
    await expect(recoverCast(server({}).api(), e.decoded, null as unknown as CastRequest)).rejects.toThrow(TypeError);
  });

  it('the receipt from the board holds the event and the receipt fields read from it, and checks as its receipt', async () => {
    const sent = ballot(mine);
    const events = board(ballot(theirs), sent);
    const r = await recoverCast(server({ events: () => events }).api(), e.decoded, sent);
    if (!r.ok) throw new Error(r.detail);
    const proof = receiptFromBoard(ELECTION, r);
    expect(proof).toEqual({
      format: 'anfora-receipt-from-board', version: 1, electionId: ELECTION, contestId: 'board', trackingCode: r.trackingCode,
      position: 2, boardHead: events[2]!.hash, receivedAt: events[2]!.at, event: events[2],
    });
    expect(checkTrackingEvent(JSON.parse(JSON.stringify(proof.event)), proof, sent)).toMatchObject({ ok: true });
    expect(checkTrackingEvent(proof.event, proof, ballot(mine))).toMatchObject({ ok: false, reason: 'event_mismatch' });
  });
});

describe('checking a receipt from the board later', () => {
  /** The file the booth saves after recovering `sent` from `events`, as read back from disk. */
  async function proofOf(events: BoardEvent[], sent: CastRequest): Promise<Record<string, unknown> & { event: BoardEvent }> {
    const r = await recoverCast(server({ events: () => events }).api(), e.decoded, sent);
    if (!r.ok) throw new Error(r.detail);
    return JSON.parse(JSON.stringify(receiptFromBoard(ELECTION, r)));
  }

  /** The file's event with another ballot (the other token's), its hash recomputed: a file consistent in itself. */
  function forged(proof: Record<string, unknown> & { event: BoardEvent }): Record<string, unknown> & { event: BoardEvent } {
    const { event: ev } = proof;
    const payload = { ...JSON.parse(JSON.stringify(ballot(theirs))), trackingCode: (ev.payload as { trackingCode: string }).trackingCode };
    const hash = eventHash(ev.prevHash, ev.seq, ev.kind, ev.at, payload);
    return { ...proof, boardHead: hash, event: { ...ev, payload, hash } };
  }

  it('holds when the board has its event under its tracking code and at its position of the chain; read without credentials', async () => {
    const sent = ballot(mine);
    const events = board(ballot(theirs), sent, { kind: 'close' });
    const proof = await proofOf(events, sent);
    const s = server({ events: () => events });
    const r = await checkReceiptFromBoard(s.api('bearer-secret'), proof, 2);
    expect(r).toMatchObject({ ok: true, event: events[2] });
    expect(s.calls.map((c) => c.url)).toEqual([
      `/elections/${ELECTION}/board/tracking/${proof.trackingCode}`,
      `/elections/${ELECTION}/board?from=0&limit=2`, `/elections/${ELECTION}/board?from=2&limit=2`,
    ]);
    expect(s.calls.filter((c) => Object.keys(c.headers).some((h) => h.toLowerCase() === 'authorization'))).toEqual([]);
  });

  it('the file alone: refused when it is not one (a signed receipt, another field) or its fields are not its event\'s', async () => {
    const sent = ballot(mine);
    const events = board(sent);
    const proof = await proofOf(events, sent);
    expect(parseReceiptFromBoard(proof)).toMatchObject({ ok: true, proof: { position: 1, trackingCode: proof.trackingCode } });
    const { format: _f, version: _v, event: _e, ...fields } = proof;
    const signed = signReceipt(e.receiptSecret, fields as Parameters<typeof signReceipt>[1]);
    for (const bad of [null, 'text', signed, { ...proof, signature: signed.signature }, { ...proof, version: 2 }, { ...proof, event: undefined }]) {
      expect(parseReceiptFromBoard(bad)).toMatchObject({ ok: false, reason: 'malformed_proof' });
    }
    // Edited fields or an edited event: the hash no longer recomputes, or names another position, head or time.
    const ev = proof.event;
    const altered = [
      { ...proof, position: 0 },
      { ...proof, receivedAt: '2026-03-01T12:59:00.000Z' },
      { ...proof, trackingCode: 'cd'.repeat(32) },
      { ...proof, event: { ...ev, payload: { ...(ev.payload as object), signature: ballot(theirs).signature } } },
      { ...proof, event: { ...ev, at: '2026-03-01T12:59:00.000Z' } },
    ];
    for (const bad of altered) expect(parseReceiptFromBoard(bad)).toMatchObject({ ok: false, reason: 'event_mismatch' });
    expect(parseReceiptFromBoard({ ...proof, event: { ...ev, kind: 'close' } })).toMatchObject({ ok: false, reason: 'malformed_event' });
    // The check refuses it the same way, before asking the board.
    const s = server({ events: () => events });
    expect(await checkReceiptFromBoard(s.api(), altered[0])).toMatchObject({ ok: false, reason: 'event_mismatch' });
    expect(s.calls).toEqual([]);
  });

  it('a file consistent in itself whose ballot is not the board\'s is refused: another event under its code, or none', async () => {
    const sent = ballot(mine);
    const events = board(sent);
    const proof = forged(await proofOf(events, sent));
    expect(parseReceiptFromBoard(proof)).toMatchObject({ ok: true });
    expect(await checkReceiptFromBoard(server({ events: () => events }).api(), proof)).toMatchObject({ ok: false, reason: 'event_mismatch' });
    expect(await checkReceiptFromBoard(server({ events: () => [events[0]!] }).api(), proof)).toMatchObject({ ok: false, reason: 'not_found' });
  });

  it('the tracking route serving the file\'s event is not enough: the chain-checked board must hold it at its position, and be whole', async () => {
    const sent = ballot(mine);
    const events = board(sent);
    const proof = forged(await proofOf(events, sent));
    // A server that answers the lookup with the forged event but whose chain holds the real one.
    const lying = server({ events: () => events, tracking: [proof.event] });
    expect(await checkReceiptFromBoard(lying.api(), proof)).toMatchObject({ ok: false, reason: 'event_mismatch', detail: expect.stringContaining('position 1') });
    const real = await proofOf(events, sent);
    expect(await checkReceiptFromBoard(server({ events: () => events, tracking: events }).api(), real)).toMatchObject({ ok: true });
    // A board that ends before the position, or whose chain is broken.
    expect(await checkReceiptFromBoard(server({ events: () => [events[0]!], tracking: events }).api(), real))
      .toMatchObject({ ok: false, reason: 'event_mismatch' });
    const broken = [{ ...events[0]!, hash: 'ab'.repeat(32) }, events[1]!];
    expect(await checkReceiptFromBoard(server({ events: () => broken, tracking: events }).api(), real)).toMatchObject({ ok: false, reason: 'broken_chain' });
  });
});

describe('castBallot after a lost answer', () => {
  const receiptFor = (events: readonly BoardEvent[]) => {
    const last = events[events.length - 1]!;
    return signReceipt(e.receiptSecret, {
      electionId: ELECTION, contestId: 'board', trackingCode: (last.payload as { trackingCode: string }).trackingCode,
      position: last.seq, boardHead: last.hash, receivedAt: last.at,
    });
  };

  it('an answer that arrives is the signed receipt (recovered: false), and the board is not read', async () => {
    const sent = ballot(mine);
    const events = board(sent);
    const s = server({ events: () => events, cast: () => new Response(JSON.stringify(receiptFor(events)), { status: 201 }) });
    const r = await castBallot(s.api(), e.decoded, sent);
    expect(r).toEqual({ ok: true, recovered: false, receipt: receiptFor(events) });
    expect(s.calls.map((c) => c.method)).toEqual(['POST']);
  });

  it('the connection drops after the server recorded the ballot: the ballot is recovered from the board, sent once', async () => {
    const sent = ballot(mine);
    let events = board(ballot(theirs));
    const s = server({
      events: () => events,
      cast: () => {
        events = board(ballot(theirs), sent);
        throw new TypeError('network connection lost');
      },
    });
    const r = await castBallot(s.api('assoc-jwt'), e.decoded, sent);
    expect(r).toMatchObject({ ok: true, recovered: true, position: 2, event: events[2] });
    expect(s.calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    for (const c of s.calls) expect(Object.keys(c.headers).map((h) => h.toLowerCase())).not.toContain('authorization');
  });

  it('a retry refused 409 token_used is recovered; a 502 too', async () => {
    const sent = ballot(mine);
    const events = board(sent);
    for (const answer of [problem(409, 'token_used'), problem(502, 'http_502')]) {
      const r = await castBallot(server({ events: () => events, cast: () => answer.clone() }).api(), e.decoded, sent);
      expect(r).toMatchObject({ ok: true, recovered: true, position: 1 });
    }
  });

  it('not recorded after a lost answer: not_found, the same body may be sent again', async () => {
    const sent = ballot(mine);
    const r = await castBallot(server({ events: () => board(ballot(theirs)), cast: () => { throw new TypeError('timeout'); } }).api(), e.decoded, sent);
    expect(r).toMatchObject({ ok: false, reason: 'not_found' });
  });

  it('409 token_used with no ballot of the token on the board: missing_from_board; with another: token_used_by_other', async () => {
    const sent = ballot(mine);
    let r = await castBallot(server({ events: () => board(ballot(theirs)), cast: () => problem(409, 'token_used') }).api(), e.decoded, sent);
    expect(r).toMatchObject({ ok: false, reason: 'missing_from_board' });
    r = await castBallot(server({ events: () => board(ballot(mine, [0, 1, 0, 0])), cast: () => problem(409, 'token_used') }).api(), e.decoded, sent);
    expect(r).toMatchObject({ ok: false, reason: 'token_used_by_other' });
  });

  it('the board unreachable too: the cast\'s own error is thrown', async () => {
    const sent = ballot(mine);
    const s = server({ boardDown: true, cast: () => { throw new TypeError('offline'); } });
    const err = await castBallot(s.api(), e.decoded, sent).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 0, code: 'network_error', detail: 'offline' });
    const used = await castBallot(server({ boardDown: true, cast: () => problem(409, 'token_used') }).api(), e.decoded, sent).catch((x: unknown) => x);
    expect(used).toMatchObject({ status: 409, code: 'token_used' });
  });

  it('a refusal that says the ballot was not recorded is thrown as before, without reading the board', async () => {
    const sent = ballot(mine);
    for (const [status, code] of [[400, 'ballot_rejected'], [409, 'wrong_phase'], [404, 'not_found']] as const) {
      const s = server({ events: () => board(sent), cast: () => problem(status, code) });
      const err = await castBallot(s.api(), e.decoded, sent).catch((x: unknown) => x);
      expect(err).toMatchObject({ status, code });
      expect(s.calls.map((c) => c.method)).toEqual(['POST']);
    }
  });
});
