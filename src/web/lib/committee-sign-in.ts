/**
 * A committee member's sign-in on an election's page (the issuers' and the trustees'
 * pages): each page keeps its own session (the issuers' page the renewed session of
 * session.ts, the trustees' page a token in its memory only), so the page signs in and
 * says who it is; this takes the member's name from the election's public committee and
 * turns any failure into the API's detail for the page's notice.
 * @module
 */
import { publicApi } from './api.js';

/** How a sign-in ended: signed in, not a committee member's account, or the API's detail. */
export type CommitteeSignIn = 'ok' | 'not_committee' | { detail: string };

/**
 * Sign in: `login` signs in and returns who it is (null if the account is not a committee
 * member's); then `signedIn` gets it with the member's full name on `electionId`'s committee
 * (`email` if not listed) and brings the page's data up to date.
 * @example return committeeSignIn(electionId!, email, login, async (who, fullName) => { state.fullName = fullName; await reload(); });
 */
export async function committeeSignIn<W extends { readonly committeeMemberId: string }>(
  electionId: string, email: string, login: () => Promise<W | null>, signedIn: (who: W, fullName: string) => Promise<void>,
): Promise<CommitteeSignIn> {
  try {
    const who = await login();
    if (who === null) return 'not_committee';
    const committee = (await publicApi().get(`/elections/${encodeURIComponent(electionId)}/committee`)) as { id: string; fullName: string }[];
    await signedIn(who, committee.find((m) => m.id === who.committeeMemberId)?.fullName ?? email);
    return 'ok';
  } catch (e) {
    return { detail: e instanceof Error && 'detail' in e ? String((e as { detail: unknown }).detail) : String(e) };
  }
}
