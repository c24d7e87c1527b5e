/**
 * `npm run account -- <command> --api URL [--lang en]`: the owner's side of an account
 * (issue 11), like the activation page.
 *
 * - `activate --code CODE --keyfile PATH`  activate the account of an invitation: choose
 *   the password, generate the Ed25519 signing key here, register its public half with a
 *   proof of possession, and write the secret half to a new passphrase-encrypted key file
 *   (the key file family of the trustee files; mode 0600, never over an existing file)
 * - `password --email E`                   change the account's password (old, then new)
 *
 * The password comes from ACCOUNT_PASSWORD (the new one from ACCOUNT_NEW_PASSWORD) or a
 * hidden prompt, the key file's passphrase from ACCOUNT_PASSPHRASE or a hidden prompt.
 * The code may be given as printed (groups, any case). No secret is ever printed.
 * Spanish by default, English with `--lang en`.
 * @module
 */
import { Command, Option } from 'commander';
import { constants } from 'node:fs';
import { access, unlink } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { activateAccount, changePassword } from '../client/account.js';
import { ApiClient, ApiError, type Lang } from '../client/api.js';
import { exportAccountKeyfileAsync } from '../crypto/account-keyfile.js';
import { promptHidden, writeKeyfile } from './terminal.js';

const es = {
  password: (email: string) => `Contraseña de ${email}: `,
  newPassword: () => 'Elija su contraseña (al menos 12 caracteres): ',
  newPasswordAgain: () => 'Repita la contraseña: ',
  currentPassword: (email: string) => `Contraseña actual de ${email}: `,
  mismatch: () => 'No coinciden.',
  passwordShort: () => 'La contraseña debe tener al menos 12 caracteres.',
  passphrase: () => 'Frase de paso para el archivo de la clave (al menos 10 caracteres): ',
  passphraseAgain: () => 'Repita la frase de paso: ',
  passphraseShort: () => 'La frase de paso debe tener al menos 10 caracteres.',
  keyfileExists: (p: string) => `El archivo ${p} ya existe; no se sobrescribe. Use otra ruta.`,
  activated: (email: string, role: string) => `Cuenta activada: ${email} (${role}).`,
  signingKey: (k: string) => `Clave pública de firma registrada: ${k}`,
  saved: (p: string) => `Clave secreta guardada, cifrada, en ${p}. Guarde el archivo y su frase de paso: sin ellos no podrá firmar.`,
  changed: () => 'Contraseña cambiada. Sus otras sesiones se cerraron.',
  apiError: (status: number, code: string, detail: string) => `El servidor rechazó la solicitud (${status === 0 ? 'sin respuesta' : status} ${code}): ${detail}`,
};
type Texts = typeof es;
const en: Texts = {
  password: (email) => `Password of ${email}: `,
  newPassword: () => 'Choose your password (at least 12 characters): ',
  newPasswordAgain: () => 'Repeat the password: ',
  currentPassword: (email) => `Current password of ${email}: `,
  mismatch: () => 'They do not match.',
  passwordShort: () => 'The password must have at least 12 characters.',
  passphrase: () => 'Passphrase for the key file (at least 10 characters): ',
  passphraseAgain: () => 'Repeat the passphrase: ',
  passphraseShort: () => 'The passphrase must have at least 10 characters.',
  keyfileExists: (p) => `The file ${p} exists; it is not overwritten. Choose another path.`,
  activated: (email, role) => `Account activated: ${email} (${role}).`,
  signingKey: (k) => `Public signing key registered: ${k}`,
  saved: (p) => `Secret key saved, encrypted, in ${p}. Keep the file and its passphrase: without them you cannot sign.`,
  changed: () => 'Password changed. Your other sessions were ended.',
  apiError: (status, code, detail) => `The server refused the request (${status === 0 ? 'no answer' : status} ${code}): ${detail}`,
};

/** Every text the CLI prints, in Spanish (default) and English. */
export const MESSAGES: Readonly<Record<Lang, Texts>> = Object.freeze({ es, en });

class Stop extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

/** A secret from the environment, or asked twice (hidden) when `confirm`. */
async function secret(envName: string, question: string, again: string | null, min: number, short: string, mismatch: string): Promise<string> {
  const fromEnv = process.env[envName];
  const value = fromEnv !== undefined && fromEnv !== '' ? fromEnv : await promptHidden(question);
  if (value.length < min) throw new Stop(short);
  if (again !== null && (fromEnv === undefined || fromEnv === '') && (await promptHidden(again)) !== value) throw new Stop(mismatch);
  return value;
}

interface Options {
  api: string;
  lang: Lang;
  code?: string;
  keyfile?: string;
  email?: string;
}

function need<K extends keyof Options>(o: Options, key: K): NonNullable<Options[K]> {
  const v = o[key];
  if (v === undefined || v === '') throw new Stop(`--${String(key)} ${o.lang === 'en' ? 'is required' : 'es obligatorio'}`, 2);
  return v as NonNullable<Options[K]>;
}

const say = (line: string) => process.stdout.write(`${line}\n`);

async function runActivate(t: Texts, o: Options): Promise<void> {
  const code = need(o, 'code');
  const path = need(o, 'keyfile');
  if (await access(path, constants.F_OK).then(() => true, () => false)) throw new Stop(t.keyfileExists(path));
  const password = await secret('ACCOUNT_PASSWORD', t.newPassword(), t.newPasswordAgain(), 12, t.passwordShort(), t.mismatch());
  const pass = await secret('ACCOUNT_PASSPHRASE', t.passphrase(), t.passphraseAgain(), 10, t.passphraseShort(), t.mismatch());
  let written = false;
  try {
    // The key file is written before the key is registered: no key is registered that is not kept.
    const account = await activateAccount(new ApiClient({ baseUrl: o.api, lang: o.lang }), code, password, async (a) => {
      await writeKeyfile(path, await exportAccountKeyfileAsync(a.accountId, a.secretKey, pass, { label: a.email }), true);
      written = true;
    });
    account.secretKey.fill(0);
    say(t.activated(account.email, account.role));
    say(t.signingKey(account.signingKey));
    say(t.saved(resolve(path)));
  } catch (e) {
    // The activation was refused: a key file for a key nobody registered would only mislead.
    if (written) await unlink(path).catch(() => undefined);
    throw e;
  }
}


async function runPassword(t: Texts, o: Options): Promise<void> {
  const email = need(o, 'email');
  const current = await secret('ACCOUNT_PASSWORD', t.currentPassword(email), null, 1, t.passwordShort(), t.mismatch());
  const next = await secret('ACCOUNT_NEW_PASSWORD', t.newPassword(), t.newPasswordAgain(), 12, t.passwordShort(), t.mismatch());
  const api = await new ApiClient({ baseUrl: o.api, lang: o.lang }).login(email, current);
  await changePassword(api, current, next);
  say(t.changed());
}

/** Build the command line program (exported for tests of the option parsing). */
export function program(): Command {
  const cmd = new Command()
    .name('account')
    .description('Ánfora: su cuenta / your account')
    .addOption(new Option('--api <url>', 'URL del API / API base URL').env('ACCOUNT_API').makeOptionMandatory())
    .addOption(new Option('--lang <lang>', 'idioma / language').choices(['es', 'en']).default('es'))
    .showHelpAfterError();
  const action = (name: 'activate' | 'password') => async (_: unknown, sub: Command) => {
    const o = sub.optsWithGlobals<Options>();
    const t = MESSAGES[o.lang];
    if (name === 'activate') await runActivate(t, o);
    else await runPassword(t, o);
  };
  cmd.command('activate').description('activar la cuenta de una invitación / activate an invited account')
    .requiredOption('--code <code>', 'código de la invitación / invitation code')
    .requiredOption('--keyfile <path>', 'archivo nuevo para la clave / new key file')
    .action(action('activate'));
  cmd.command('password').description('cambiar la contraseña / change the password')
    .requiredOption('--email <email>', 'correo de la cuenta / account email')
    .action(action('password'));
  return cmd;
}

/** Run the CLI; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const lang: Lang = argv.some((a, i) => (a === '--lang' && argv[i + 1] === 'en') || a === '--lang=en') ? 'en' : 'es';
  try {
    await program().parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof Stop) {
      process.stderr.write(`${e.message}\n`);
      return e.exitCode;
    }
    if (e instanceof ApiError) {
      process.stderr.write(`${MESSAGES[lang].apiError(e.status, e.code, e.detail)}\n`);
      return 1;
    }
    throw e;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  }, (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
