/**
 * Associations: registration (with the association's account) and who may see them.
 * @module
 */
import { DomainError } from './errors.js';
import { issueInvitation, type IssuedInvitation } from './invitations.js';
import type { Actor, Association } from './model.js';
import type { NewAssociation, Repos, Store } from './ports.js';

export interface RegisterAssociation extends NewAssociation {
  readonly accountEmail: string;
}

/**
 * Register an association and its account in one transaction. The account is an
 * invitation: the association chooses its password and key when it activates it.
 */
export async function registerAssociation(
  store: Store, actor: Actor, input: RegisterAssociation, policy: { invitationSeconds: number },
): Promise<{ association: Association; invitation: IssuedInvitation }> {
  return store.transaction(async (r) => {
    if (await r.associations.byRegistrationNumber(input.registrationNumber)) {
      throw new DomainError('duplicate_registration_number', { registrationNumber: input.registrationNumber });
    }
    if (await r.accounts.byEmail(input.accountEmail)) throw new DomainError('duplicate_email', { email: input.accountEmail });
    return insertAssociation(r, actor, input, policy);
  });
}

/**
 * Inside the caller's transaction, after it checked the registration number and the
 * e-mail are free: the association, its account, the audit entry and the invitation.
 */
export async function insertAssociation(
  r: Repos, actor: Actor, input: RegisterAssociation, policy: { invitationSeconds: number },
): Promise<{ association: Association; invitation: IssuedInvitation }> {
  const { accountEmail, ...data } = input;
  const association = await r.associations.insert({ ...data, constituencies: [...new Set(data.constituencies)] });
  const account = await r.accounts.insert({ email: accountEmail, role: 'association', associationId: association.id });
  await r.audit.append({ electionId: null, accountId: actor.accountId, action: 'register_association',
    details: { associationId: association.id, accountId: account.id } });
  const invitation = await issueInvitation(r, account, association.legalName,
    { reason: 'created', createdBy: actor.accountId, proposalId: null, seconds: policy.invitationSeconds });
  return { association, invitation };
}

/** One association: administrators and committee members see any; an association only itself. */
export async function getAssociation(store: Store, actor: Actor, id: string): Promise<Association> {
  if (actor.role === 'association' && actor.associationId !== id) {
    throw new DomainError('forbidden', { reason: 'only your own association' });
  }
  const a = await store.read.associations.byId(id);
  if (!a) throw new DomainError('not_found', { what: 'association' });
  return a;
}

export function listAssociations(store: Store): Promise<Association[]> {
  return store.read.associations.list();
}
