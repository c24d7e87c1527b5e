/**
 * The account's signing key as the browser keeps it: the passphrase-encrypted key file
 * (src/crypto/account-keyfile.ts) in localStorage, one per account. Only the sealed file is
 * stored, never the secret in clear; the pages that sign (booth, committee console) open
 * it with the owner's passphrase, or take the downloaded file instead.
 * @module
 */
import { type AccountKeyfileResult, importAccountKeyfileAsync, readAccountKeyfileHeader } from '../../crypto/account-keyfile.js';

const PREFIX = 'anfora.accountKey.';

/** Keep the sealed key file of `accountId`; false when the browser refuses storage. */
export function storeAccountKeyfile(accountId: string, keyfileText: string): boolean {
  try {
    localStorage.setItem(PREFIX + accountId, keyfileText);
    return localStorage.getItem(PREFIX + accountId) === keyfileText;
  } catch {
    return false;
  }
}

/** Forget the key file kept for `accountId` (a key that was never registered). */
export function forgetAccountKeyfile(accountId: string): void {
  try {
    localStorage.removeItem(PREFIX + accountId);
  } catch {
    // nothing was kept then
  }
}

/** The sealed key file kept for `accountId`, if any (and well-formed for that account). */
export function storedAccountKeyfile(accountId: string): string | null {
  try {
    const text = localStorage.getItem(PREFIX + accountId);
    return text !== null && readAccountKeyfileHeader(text)?.account === accountId ? text : null;
  } catch {
    return null;
  }
}

/** Open the kept key file of `accountId` with the passphrase. */
export async function unlockStoredAccountKey(accountId: string, passphrase: string): Promise<AccountKeyfileResult | null> {
  const text = storedAccountKeyfile(accountId);
  return text === null ? null : importAccountKeyfileAsync(text, passphrase);
}
