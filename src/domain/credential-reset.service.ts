/**
 * A lost password or signing key (issue 11): the committee decides, by the same
 * multi-sector quorum as every consequential decision, to reset an account's
 * credentials. Executing the decision revokes the account's key (recorded with the
 * decision, for the board), ends its sessions, and issues a new invitation, whose code
 * is shown once to the member whose approval executed it, to hand over out of band.
 * Nobody sets a password: the owner chooses a new one when activating the invitation.
 * @module
 */
import { DomainError } from './errors.js';
import { issueInvitation, type IssuedInvitation } from './invitations.js';
import type { Account, Election, Proposal } from './model.js';
import type { Repos } from './ports.js';

export interface CredentialResetInput {
  readonly accountId: string;
  readonly reason: string;
}

const notAllowed = (reasonEs: string, reasonEn: string) => new DomainError('decision_not_allowed', { reasonEs, reasonEn });

/**
 * The account and whom a letter addresses, if this election's committee may reset it:
 * a member of this committee, or an association that applied in this election.
 */
async function subject(r: Repos, e: Election, accountId: string): Promise<{ account: Account; addressee: string }> {
  const account = await r.accounts.byId(accountId);
  if (!account) throw new DomainError('not_found', { what: 'account' });
  if (account.committeeMemberId) {
    const m = await r.committee.byId(account.committeeMemberId);
    if (m?.electionId === e.id) return { account, addressee: m.fullName };
  }
  if (account.associationId) {
    const applied = (await r.applications.listByElection(e.id, account.associationId)).length > 0;
    const a = await r.associations.byId(account.associationId);
    if (applied && a) return { account, addressee: a.legalName };
  }
  throw notAllowed('la cuenta no pertenece a un miembro de este comité ni a una asociación que participe en esta elección',
    'the account belongs neither to a member of this committee nor to an association taking part in this election');
}

/** Throws unless the reset may be decided: an account this committee answers for, not disabled, with a reason. */
export async function validateReset(r: Repos, e: Election, p: CredentialResetInput): Promise<void> {
  const { account } = await subject(r, e, p.accountId);
  if (account.status === 'disabled') throw notAllowed('la cuenta está desactivada', 'the account is disabled');
  if (!p.reason?.trim()) throw notAllowed('el restablecimiento requiere un motivo', 'a reset needs a reason');
}

/** Revoke the key, end the sessions, clear the password, and issue the new invitation. */
export async function executeReset(
  r: Repos, e: Election, p: CredentialResetInput, proposal: Proposal, invitationSeconds: number,
): Promise<IssuedInvitation> {
  const { addressee } = await subject(r, e, p.accountId);
  const account = (await r.accounts.lockById(p.accountId))!;
  if (account.signingKey) await r.keyRevocations.insert({ accountId: account.id, signingKey: account.signingKey, proposalId: proposal.id });
  await r.accounts.resetCredentials(account.id);
  return issueInvitation(r, account, addressee, { reason: 'credential_reset', createdBy: null, proposalId: proposal.id, seconds: invitationSeconds });
}
