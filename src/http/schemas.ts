/**
 * Request and response schemas shared by the routes, and the presenters that turn domain
 * entities into those responses. Named schemas become OpenAPI components.
 * @module
 */
import { z } from 'zod';
import { IMPORT_MAX_ROWS } from '../domain/association-import.js';
import { invitationTexts } from '../domain/invitation-letter.js';
import type { IssuedInvitation } from '../domain/invitations.js';
import type {
  Account, Application, Association, Candidate, CommitteeMember, Contest, Election, Proposal,
} from '../domain/model.js';
import {
  COMMITTEE_ROLES, CONSTITUENCY_CODE, MAX_CONSTITUENCIES, PHASES, REGIONS, SECTORS, ACCOUNT_ROLES, type ConstituencyDef,
} from '../domain/reference.js';
import { RulesSchema, TimelineSchema } from '../domain/rules.js';
import { LANGUAGES, LanguagesSchema } from '../domain/languages.js';
import { PROPOSAL_KINDS } from '../domain/approvals.js';
import { COMPLAINT_DECISIONS } from '../domain/complaints.js';
import { COMPLAINT_TEXT_MAX } from '../record/board.js';

/**
 * What PostgreSQL's text and jsonb refuse and what no UTF-8 reader can decode: U+0000 and
 * a UTF-16 surrogate without its pair (with the `u` flag a well-formed pair is one code
 * point, so `\p{Cs}` matches only a lone half).
 */
const STORABLE = /^[^\u0000\p{Cs}]*$/u;

/**
 * Free text from a request: trimmed, at most `max` characters, at least `min` (1 unless
 * said), refused with a 400 naming the field when it holds U+0000 or a lone surrogate.
 * Every free-text field of every request body is built from it.
 */
export const Text = (max: number, min = 1) => z.string().trim().min(min).max(max)
  .regex(STORABLE, 'contiene U+0000 o un sustituto UTF-16 suelto / contains U+0000 or a lone UTF-16 surrogate');
export const Uuid = z.uuid();
export const IdParams = z.object({ id: Uuid });
export const Email = z.email().max(254);
export const Password = z.string().min(12).max(200);

export const Problem = z.object({
  type: z.string(), title: z.string(), status: z.number().int(), detail: z.string(), instance: z.string(),
  code: z.string(), lang: z.enum(['es', 'en']),
  i18n: z.object({ es: z.object({ title: z.string(), detail: z.string() }), en: z.object({ title: z.string(), detail: z.string() }) }),
  failed: z.array(z.string()).optional(), errors: z.array(z.string()).optional(),
  /** A refused bulk import: every bad row, by number (from 1), field, and reason in both languages. */
  rows: z.array(z.object({ row: z.number().int(), field: z.string(), es: z.string(), en: z.string() })).optional(),
}).meta({ id: 'Problem', description: 'RFC 9457 problem details, in Spanish or English' });

/** The error responses every protected route may give. */
export const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Problem]));

export const Login = z.object({ email: Email, password: z.string().min(1).max(200) }).strict();
export const StaffAccountIn = z.object({ email: Email, role: z.enum(['auditor', 'admin']) }).strict();
const Hex32 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 32 bytes of lower-case hex');
// Printable ASCII only: the code, key and proof are checked by the domain (which names
// what is wrong), but nothing else may reach it.
const Printable = (max: number) => z.string().max(max).regex(/^[\x20-\x7e]*$/, 'printable ASCII');
const InvitationCode = Printable(100).min(1);
export const InvitationCodeIn = z.object({ code: InvitationCode }).strict();
export const ActivateIn = z.object({
  code: InvitationCode, password: Password,
  /** The owner's Ed25519 public key, and its signature over the account-key statement (src/record/account-key.ts). */
  signingKey: Printable(200), proof: Printable(300),
}).strict();
export const PasswordChangeIn = z.object({ oldPassword: z.string().min(1).max(200), newPassword: Password }).strict();
/** Shown to the administrator once: the code is stored only as a hash. */
export const InvitationOut = z.object({
  accountId: Uuid, email: z.string(), role: z.enum(ACCOUNT_ROLES), addressee: z.string(),
  code: z.string(), humanCode: z.string(), link: z.string(), expiresAt: z.iso.datetime(),
  letter: z.string(), emailSubject: z.string(), emailBody: z.string(),
}).meta({ id: 'Invitation' });
export const presentInvitation = (i: IssuedInvitation, baseUrl: string): z.output<typeof InvitationOut> => {
  const t = invitationTexts(i, baseUrl);
  return {
    accountId: i.account.id, email: i.account.email, role: i.account.role, addressee: i.addressee, code: i.code,
    humanCode: t.humanCode, link: t.link, expiresAt: i.invitation.expiresAt.toISOString(),
    letter: t.letter, emailSubject: t.emailSubject, emailBody: t.emailBody,
  };
};
export const InvitationInfo = z.object({
  accountId: Uuid, email: z.string(), role: z.enum(ACCOUNT_ROLES), expiresAt: z.iso.datetime(),
});
export const TokenResponse = z.object({
  accessToken: z.string(), tokenType: z.literal('Bearer'), expiresIn: z.number().int(), role: z.enum(ACCOUNT_ROLES),
});
export const Me = z.object({
  id: Uuid, email: z.string(), role: z.enum(ACCOUNT_ROLES), associationId: Uuid.nullable(), committeeMemberId: Uuid.nullable(),
  status: z.enum(['invited', 'active', 'disabled']), signingKey: Hex32.nullable(),
});
export const presentAccount = (a: Account): z.output<typeof Me> => ({
  id: a.id, email: a.email, role: a.role, associationId: a.associationId, committeeMemberId: a.committeeMemberId,
  status: a.status, signingKey: a.signingKey,
});
export const StaffInvited = z.object({ account: Me, invitation: InvitationOut });
/** The activated account, signed in: the owner just chose the password. */
export const ActivatedOut = Me.extend({ accessToken: z.string(), tokenType: z.literal('Bearer'), expiresIn: z.number().int() });

/** A constituency code (src/record/constituencies.ts): which codes exist is the election's. */
export const ConstituencyCode = z.string().regex(CONSTITUENCY_CODE,
  'código de circunscripción: minúsculas, cifras y «_», empieza por letra, hasta 40 / constituency code: lower-case letters, digits and "_", starting with a letter, up to 40');
export const ConstituencyDefSchema = z.object({ code: ConstituencyCode, nameEs: Text(100), nameEn: Text(100) }).strict()
  .meta({ id: 'Constituency', description: 'A constituency the election defines: its code and its name in Spanish and English' });
export const presentConstituencies = (defs: readonly ConstituencyDef[]): z.output<typeof ConstituencyDefSchema>[] =>
  defs.map((d) => ({ code: d.code, nameEs: d.nameEs, nameEn: d.nameEn }));

export const AssociationIn = z.object({
  legalName: Text(200), registrationNumber: Text(64), region: z.enum(REGIONS),
  constituencies: z.array(ConstituencyCode).min(1).max(MAX_CONSTITUENCIES),
  contactName: Text(200), contactEmail: Email, contactPhone: Text(40).nullable().optional(),
  accountEmail: Email,
}).strict();
export const AssociationOut = z.object({
  id: Uuid, legalName: z.string(), registrationNumber: z.string(), region: z.enum(REGIONS),
  constituencies: z.array(z.string()), contactName: z.string(), contactEmail: z.string(),
  contactPhone: z.string().nullable(), createdAt: z.iso.datetime(),
}).meta({ id: 'Association' });
export const presentAssociation = (a: Association): z.output<typeof AssociationOut> => ({
  ...a, constituencies: [...a.constituencies], createdAt: a.createdAt.toISOString(),
});
export const AssociationCreated = AssociationOut.extend({ invitation: InvitationOut });
/** Rows are checked one by one (http/import-rows.ts) so that a refusal names each bad row. */
export const AssociationImportIn = z.object({ rows: z.array(z.unknown()).min(1).max(IMPORT_MAX_ROWS) }).strict();
export const AssociationsImported = z.object({ associations: z.array(AssociationCreated) });

export const ContestIn = z.object({
  constituency: ConstituencyCode, title: Text(200), seats: z.number().int().min(1).max(20),
  alternates: z.number().int().min(0).max(20).optional(), maxSelections: z.number().int().min(1).max(32).optional(),
}).strict();
export const ElectionIn = z.object({
  title: Text(200), description: Text(5000, 0).optional(), rules: RulesSchema.partial().optional(),
  timeline: TimelineSchema.strict().optional(),
  /** The committee's constituencies; omitted → the model case's six (`GET /templates/constituencies`). */
  constituencies: z.array(ConstituencyDefSchema).min(1).max(MAX_CONSTITUENCIES).optional()
    .refine((l) => l === undefined || new Set(l.map((c) => c.code)).size === l.length,
      'códigos de circunscripción repetidos / repeated constituency codes'),
  /** The languages it is run in, the first its default (`es`, `en`); omitted → `["es", "en"]`. */
  languages: LanguagesSchema.optional(),
  contests: z.array(ContestIn).min(1).max(100),
}).strict();
export const ContestOut = z.object({
  id: Uuid, constituency: z.string(), title: z.string(), seats: z.number().int(),
  alternates: z.number().int(), maxSelections: z.number().int(), position: z.number().int(),
}).meta({ id: 'Contest' });
export const ElectionOut = z.object({
  id: Uuid, title: z.string(), description: z.string(), phase: z.enum(PHASES), rules: RulesSchema, timeline: TimelineSchema,
  constituencies: z.array(ConstituencyDefSchema), languages: z.array(z.enum(LANGUAGES)), createdAt: z.iso.datetime(), phaseChangedAt: z.iso.datetime(), contests: z.array(ContestOut).optional(),
}).meta({ id: 'Election' });
export const presentContest = (c: Contest): z.output<typeof ContestOut> => ({
  id: c.id, constituency: c.constituency, title: c.title, seats: c.seats, alternates: c.alternates,
  maxSelections: c.maxSelections, position: c.position,
});
export const presentElection = (e: Election & { contests?: Contest[] }): z.output<typeof ElectionOut> => ({
  id: e.id, title: e.title, description: e.description, phase: e.phase, rules: e.rules, timeline: e.timeline,
  constituencies: presentConstituencies(e.constituencies), languages: [...e.languages], createdAt: e.createdAt.toISOString(), phaseChangedAt: e.phaseChangedAt.toISOString(),
  ...(e.contests && { contests: e.contests.map(presentContest) }),
});

const FailureOut = z.object({ code: z.string(), es: z.string(), en: z.string(), contestId: z.string().optional() });
export const PhaseStatus = z.object({ phase: z.enum(PHASES), next: z.enum(PHASES).nullable(), blockers: z.array(FailureOut) });
export const PhaseChangeIn = z.object({ to: z.enum(PHASES), signature: Printable(256) }).strict();

export const MemberIn = z.object({
  fullName: Text(200), sector: z.enum(SECTORS), organisation: Text(200), role: z.enum(COMMITTEE_ROLES),
  accountEmail: Email,
}).strict();
export const MemberOut = z.object({
  id: Uuid, fullName: z.string(), sector: z.enum(SECTORS), organisation: z.string(), role: z.enum(COMMITTEE_ROLES),
}).meta({ id: 'CommitteeMember' });
export const presentMember = (m: CommitteeMember): z.output<typeof MemberOut> => ({
  id: m.id, fullName: m.fullName, sector: m.sector, organisation: m.organisation, role: m.role,
});
export const MemberCreated = MemberOut.extend({ invitation: InvitationOut });

/** `documents`: the documents submitted, described in text (which, their dates and registrations). */
export const ApplicationIn = z.object({ contestId: Uuid, documents: Text(5000, 0).optional() }).strict();
export const AppealIn = z.object({ text: Text(5000) }).strict();
export const ApplicationOut = z.object({
  id: Uuid, contestId: Uuid, associationId: Uuid, status: z.enum(['pending', 'accredited', 'rejected', 'appealed']), documents: z.string(),
  reason: z.string().nullable(), appealText: z.string().nullable(), appealOutcome: z.enum(['upheld', 'overturned']).nullable(),
  createdAt: z.iso.datetime(), decidedAt: z.iso.datetime().nullable(),
}).meta({ id: 'Application' });
export const presentApplication = (a: Application): z.output<typeof ApplicationOut> => ({
  id: a.id, contestId: a.contestId, associationId: a.associationId, status: a.status, documents: a.documents, reason: a.reason,
  appealText: a.appealText, appealOutcome: a.appealOutcome, createdAt: a.createdAt.toISOString(),
  decidedAt: a.decidedAt?.toISOString() ?? null,
});
export const RollOut = z.array(z.object({ id: Uuid, legalName: z.string(), registrationNumber: z.string(), region: z.enum(REGIONS) }));

/** A candidate's campaign statement, at most this many characters. */
export const CANDIDATE_STATEMENT_MAX = 2000;
/** The region a candidate comes from, free text (an election may define any regions), at most this many characters. */
export const CANDIDATE_REGION_MAX = 100;
/**
 * `statement` and `region` may be left out ('' then), as clients written before they
 * existed do; the portal asks for both.
 */
export const NominationIn = z.object({
  contestId: Uuid, fullName: Text(200), employer: Text(200), implementsGlobalFund: z.boolean(),
  consecutiveTerms: z.number().int().min(0).max(50).default(0),
  statement: Text(CANDIDATE_STATEMENT_MAX, 0).default(''), region: Text(CANDIDATE_REGION_MAX, 0).default(''),
}).strict();
export const CandidateOut = z.object({
  id: Uuid, contestId: Uuid, associationId: Uuid, fullName: z.string(), employer: z.string(),
  implementsGlobalFund: z.boolean(), consecutiveTerms: z.number().int(),
  /** Campaign information, '' when not given; not part of the signed election record. */
  statement: z.string(), region: z.string(),
  status: z.enum(['nominated', 'eligible', 'ineligible']), reason: z.string().nullable(),
}).meta({ id: 'Candidate' });
export const presentCandidate = (c: Candidate): z.output<typeof CandidateOut> => ({
  id: c.id, contestId: c.contestId, associationId: c.associationId, fullName: c.fullName, employer: c.employer,
  implementsGlobalFund: c.implementsGlobalFund, consecutiveTerms: c.consecutiveTerms, statement: c.statement, region: c.region,
  status: c.status, reason: c.reason,
});

const reason = Text(2000, 0);
/** A member's Ed25519 signature (hex) over a decision's statement; its form is checked with the signature (signature_invalid). */
const Signature = Printable(256);
function proposalIn<E extends z.ZodRawShape>(extra: E) {
  return z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('accreditation_decision'), applicationId: Uuid, decision: z.enum(['accredit', 'reject']), reason: reason.optional(), ...extra }).strict(),
    z.object({ kind: z.literal('appeal_decision'), applicationId: Uuid, decision: z.enum(['uphold', 'overturn']), reason: reason.min(1), ...extra }).strict(),
    z.object({ kind: z.literal('candidate_eligibility'), candidateId: Uuid, eligible: z.boolean(), reason: reason.optional(), ...extra }).strict(),
    z.object({ kind: z.literal('phase_change'), to: z.enum(PHASES), ...extra }).strict(),
    z.object({
      kind: z.literal('complaint_answer'), complaintId: Uuid, decision: z.enum(COMPLAINT_DECISIONS), reasoning: Text(COMPLAINT_TEXT_MAX), ...extra,
    }).strict(),
    z.object({ kind: z.literal('small_roll_acknowledgement'), contestId: Uuid, reason: reason.min(1), ...extra }).strict(),
    z.object({ kind: z.literal('credential_reset'), accountId: Uuid, reason: reason.min(1), ...extra }).strict(),
  ]);
}
/** A proposal as its statement is asked for (`POST /elections/:id/statements`). */
export const ProposalIn = proposalIn({});
/** A proposal with its proposer's signature over the statement. */
export const SignedProposalIn = proposalIn({ signature: Signature });
/** A signed vote on a proposal (approve, against, withdraw). */
export const VoteIn = z.object({ signature: Signature }).strict();
export const ProposalOut = z.object({
  id: Uuid, kind: z.enum(PROPOSAL_KINDS), subjectId: z.string(), payload: z.record(z.string(), z.unknown()),
  status: z.enum(['pending', 'executed', 'withdrawn', 'rejected']), proposedBy: Uuid, createdAt: z.iso.datetime(), executedAt: z.iso.datetime().nullable(),
  /** The canonical statement every vote signs (docs/election-record.md §6.8). */
  statement: z.record(z.string(), z.unknown()).nullable(),
  approvals: z.array(z.object({
    memberId: Uuid, sector: z.enum(SECTORS), approvedAt: z.iso.datetime(), vote: z.enum(['approve', 'against', 'withdraw']),
    publicKey: z.string().nullable(), signature: z.string().nullable(),
  })),
  approvingSectors: z.array(z.enum(SECTORS)),
}).meta({ id: 'Proposal' });
export const presentProposal = (p: Proposal): z.output<typeof ProposalOut> => ({
  id: p.id, kind: p.kind, subjectId: p.subjectId, payload: p.payload, status: p.status, proposedBy: p.proposedBy,
  createdAt: p.createdAt.toISOString(), executedAt: p.executedAt?.toISOString() ?? null,
  statement: p.statement as Record<string, unknown> | null,
  approvals: p.approvals.map((a) => ({
    memberId: a.memberId, sector: a.sector, approvedAt: a.approvedAt.toISOString(), vote: a.vote, publicKey: a.publicKey, signature: a.signature,
  })),
  approvingSectors: [...new Set(p.approvals.filter((a) => a.vote === 'approve').map((a) => a.sector))].sort(),
});
export const DecisionOut = z.object({
  status: z.enum(['executed', 'pending', 'withdrawn', 'rejected']), proposal: ProposalOut.nullable(),
  /** An executed credential reset: the new invitation, shown once to the member whose approval executed it. */
  invitation: InvitationOut.optional(),
});
