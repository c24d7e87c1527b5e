/**
 * The administration page's texts, Spanish first; TypeScript checks that English has every key.
 * @module
 */
import type { Bilingual } from '../lib/i18n.js';
import type { RowProblem } from './csv.js';

export const T: Bilingual<{
  title: string; lead: string; signinTitle: string; email: string; password: string; signin: string; signingIn: string;
  notAdmin: string; expired: string; signedInAs: (e: string) => string; signOut: string; loading: string;
  sections: { election: string; committee: string; associations: string; letters: string };
  electionTitle: string; electionLead: string; chooseExisting: string; noneChosen: string; newElection: string;
  eTitle: string; titleMissing: string; eDescription: string; timeline: string; timelineHelp: string;
  dates: Record<'accreditationOpens' | 'accreditationCloses' | 'nominationsClose' | 'tokensOpen' | 'votingOpens' | 'votingCloses', string>;
  timelineOrder: (later: string, earlier: string) => string;
  rules: string; rulesHelp: string; floor: (n: number) => string; belowFloor: (what: string, n: number) => string;
  rule: Record<'approvalSectors' | 'threshold' | 'minRollSize' | 'minMembers' | 'minDistinctSectors' | 'maxConsecutiveTerms' | 'barGlobalFundImplementers', string>;
  noLimit: string;
  tokenWindow: string; tokenWindowHelp: string; tokensOpenWithoutWindow: string;
  languages: string; languagesHelp: string; languageChoices: Record<'es,en' | 'en,es' | 'es' | 'en', string>;
  constituencies: string; constituenciesHelp: string; constituenciesFixed: string; code: string; nameEs: string; nameEn: string;
  addConstituency: string; remove: (what: string) => string; badCode: (row: number) => string; repeatedCode: (code: string) => string;
  contests: string; contestsHelp: string; constituency: string; contestTitle: string; seats: string; alternates: string; voteFor: string;
  addContest: string; noContests: string; contestTitleMissing: (row: number) => string; unknownConstituency: (row: number) => string;
  create: string; creating: string; created: (title: string) => string; fixFirst: string;
  committeeTitle: string; committeeLead: string; needElection: string; fullName: string; sector: string; organisation: string; role: string;
  roles: Record<string, string>; invite: string; inviting: string; invited: (who: string) => string; members: string;
  auditorTitle: string; auditorLead: string; inviteAuditor: string;
  assocTitle: string; assocLead: string; oneTitle: string; legalName: string; registrationNumber: string; region: string;
  contactName: string; contactEmail: string; contactPhone: string; accountEmail: string; optional: string; register: string; registered: (n: string) => string;
  csvTitle: string; csvLead: string; csvColumns: string; csvColumnList: [string, string][]; csvFile: string; csvTemplate: string;
  csvUnreadable: (line: number) => string; csvHeader: (missing: string, unknown: string) => string; csvEmpty: string;
  preview: string; row: string; line: string; status: string; ok: string; problems: (n: number, of: number) => string; allGood: (n: number) => string;
  importN: (n: number) => string; importing: string; imported: (n: number) => string; serverRefused: string;
  problem: (p: RowProblem) => string;
  lettersTitle: string; lettersLead: string; onceWarning: string; noLetters: string; print: string; downloadAll: string; letterFor: (who: string) => string; codeLabel: string;
}> = {
  es: {
    title: 'Administración', lead: 'Prepare la elección: su calendario, reglas, circunscripciones y contiendas; el comité; las asociaciones; y las cartas de invitación.',
    signinTitle: 'Iniciar sesión', email: 'Correo', password: 'Contraseña', signin: 'Iniciar sesión', signingIn: 'Iniciando sesión…',
    notAdmin: 'Esta cuenta no es de administración.', expired: 'Su sesión terminó antes de hacerlo: inicie sesión de nuevo y repítalo; lo escrito se conserva.',
    signedInAs: (e) => `Sesión iniciada: ${e}`, signOut: 'Cerrar sesión', loading: 'Cargando…',
    sections: { election: 'Elección', committee: 'Comité y auditoría', associations: 'Asociaciones', letters: 'Cartas de invitación' },
    electionTitle: 'Crear la elección', electionLead: 'Los cambios posteriores los decide el comité; revise todo antes de crear.',
    chooseExisting: 'Elección en preparación', noneChosen: '(ninguna: cree una nueva)', newElection: 'Nueva elección',
    eTitle: 'Título', titleMissing: 'Falta el título de la elección.', eDescription: 'Descripción (opcional)', timeline: 'Calendario',
    timelineHelp: 'Hora de este equipo. Las fechas deben ir en orden: abre la acreditación, cierra, cierran las candidaturas, abre la entrega de fichas (que cierra al abrir la votación), abre la votación, cierra.',
    dates: { accreditationOpens: 'Abre la acreditación', accreditationCloses: 'Cierra la acreditación', nominationsClose: 'Cierran las candidaturas', tokensOpen: 'Abre la entrega de fichas', votingOpens: 'Abre la votación', votingCloses: 'Cierra la votación' },
    timelineOrder: (later, earlier) => `«${later}» debe ser posterior a «${earlier}».`,
    rules: 'Reglas', rulesHelp: 'Cada regla tiene un mínimo que ninguna configuración puede bajar: por debajo, un solo sector podría decidir solo.',
    floor: (n) => `Mínimo: ${n}.`, belowFloor: (what, n) => `«${what}» debe ser al menos ${n}.`,
    rule: {
      approvalSectors: 'Sectores que deben aprobar cada decisión', threshold: 'Umbral de descifrado (miembros necesarios)', minRollSize: 'Padrón mínimo por contienda',
      minMembers: 'Miembros mínimos del comité', minDistinctSectors: 'Sectores distintos mínimos en el comité', maxConsecutiveTerms: 'Máximo de periodos consecutivos (vacío: sin límite)',
      barGlobalFundImplementers: 'Excluir candidaturas de organizaciones que ejecutan proyectos del Fondo Mundial',
    },
    noLimit: 'sin límite',
    tokenWindow: 'Ventana de fichas antes de la votación (recomendado)',
    tokenWindowHelp: 'Las asociaciones obtienen sus fichas en una fase propia que cierra al abrir la votación: así la hora y el orden de entrega no dicen nada de la hora ni del orden de las papeletas. Sin ella, las fichas se entregan durante la votación, los emisores publican sus registros al terminar la votación y el informe del verificador lo advierte.',
    tokensOpenWithoutWindow: '«Abre la entrega de fichas» solo tiene sentido con la ventana de fichas: active la regla o borre la fecha.',
    languages: 'Idiomas de la elección',
    languagesHelp: 'El primero es el idioma con el que se abren las páginas; todas siguen disponibles en español e inglés.',
    languageChoices: { 'es,en': 'Español, luego inglés', 'en,es': 'Inglés, luego español', es: 'Solo español', en: 'Solo inglés' },
    constituencies: 'Circunscripciones', constituenciesHelp: 'Las define el comité. El código (minúsculas, cifras y «_», empieza con letra) identifica la circunscripción en el archivo de asociaciones.',
    constituenciesFixed: 'Este servidor solo admite las seis circunscripciones del caso modelo; los nombres no se envían.',
    code: 'Código', nameEs: 'Nombre (español)', nameEn: 'Nombre (inglés)', addConstituency: 'Añadir circunscripción', remove: (w) => `Quitar ${w}`,
    badCode: (r) => `Circunscripción ${r}: el código debe empezar con una letra minúscula y tener solo minúsculas, cifras y «_» (hasta 40); ambos nombres son obligatorios.`,
    repeatedCode: (c) => `El código «${c}» está repetido.`,
    contests: 'Contiendas', contestsHelp: 'Una o varias por circunscripción (por ejemplo, escaños regionales): escaños, suplentes y cuántas opciones marca cada votante.',
    constituency: 'Circunscripción', contestTitle: 'Título', seats: 'Escaños', alternates: 'Suplentes', voteFor: 'Vota hasta',
    addContest: 'Añadir contienda', noContests: 'Añada al menos una contienda.', contestTitleMissing: (r) => `Contienda ${r}: falta el título.`,
    unknownConstituency: (r) => `Contienda ${r}: su circunscripción no está en la lista.`,
    create: 'Crear la elección', creating: 'Creando…', created: (t) => `Elección creada: ${t}`, fixFirst: 'Corrija lo siguiente antes de crear:',
    committeeTitle: 'Comité electoral', committeeLead: 'Cada miembro recibe una invitación: elige su contraseña y genera su clave al activarla.',
    needElection: 'Primero cree o elija una elección.', fullName: 'Nombre completo', sector: 'Sector', organisation: 'Organización', role: 'Cargo',
    roles: { chair: 'presidencia', vice_chair: 'vicepresidencia', member: 'miembro' }, invite: 'Invitar', inviting: 'Invitando…', invited: (w) => `Invitación creada para ${w}. Su carta está abajo.`,
    members: 'Miembros', auditorTitle: 'Auditoría', auditorLead: 'Una cuenta de auditoría lee el registro completo; no decide nada.', inviteAuditor: 'Invitar a auditoría',
    assocTitle: 'Asociaciones', assocLead: 'Regístrelas una por una o todas a la vez con un archivo CSV.', oneTitle: 'Registrar una asociación',
    legalName: 'Nombre legal', registrationNumber: 'Número de registro', region: 'Región', contactName: 'Persona de contacto', contactEmail: 'Correo de contacto',
    contactPhone: 'Teléfono de contacto', accountEmail: 'Correo de la cuenta', optional: '(opcional)', register: 'Registrar', registered: (n) => `Asociación registrada: ${n}. Su carta está abajo.`,
    csvTitle: 'Importar un archivo CSV', csvLead: 'Se importan todas las filas o ninguna: si alguna tiene un error, nada se registra hasta corregirlo.',
    csvColumns: 'Columnas (la primera línea las nombra; separadas por comas, o por «;» si la cabecera las usa):',
    csvColumnList: [
      ['legalName', 'nombre legal'], ['registrationNumber', 'número de registro, único'], ['region', 'código de región, p. ej. lima_metropolitana, cusco, madre_de_dios'],
      ['constituencies', 'códigos de circunscripción separados por «;», p. ej. plwha;tb'], ['contactName', 'persona de contacto'], ['contactEmail', 'correo de contacto'],
      ['contactPhone', 'teléfono (opcional)'], ['accountEmail', 'correo de la cuenta, único: recibe la invitación'],
    ],
    csvFile: 'Archivo CSV (UTF-8)', csvTemplate: 'Descargar una plantilla',
    csvUnreadable: (l) => `El archivo no se puede leer: unas comillas abiertas en la línea ${l} no se cierran.`,
    csvHeader: (m, u) => `La cabecera no es la esperada.${m ? ` Faltan: ${m}.` : ''}${u ? ` Desconocidas: ${u}.` : ''}`, csvEmpty: 'El archivo no tiene filas de datos.',
    preview: 'Vista previa', row: 'Fila', line: 'Línea', status: 'Estado', ok: 'correcta',
    problems: (n, of) => `${n} de ${of} filas tienen errores. No se importará nada hasta corregirlas.`, allGood: (n) => `Las ${n} filas son correctas.`,
    importN: (n) => `Importar ${n} asociaciones`, importing: 'Importando…', imported: (n) => `${n} asociaciones registradas. Sus cartas están abajo.`,
    serverRefused: 'El servidor rechazó la importación y no registró nada:',
    problem: (p) => {
      switch (p.code) {
        case 'missing': return `${p.field}: falta el valor`;
        case 'too_long': return `${p.field}: demasiado largo (máximo ${p.value})`;
        case 'region': return `region: «${p.value}» no es un código de región`;
        case 'constituency': return `constituencies: «${p.value}» no es un código de circunscripción conocido`;
        case 'email': return `${p.field}: «${p.value}» no es un correo válido`;
        case 'repeat': return `${p.field}: repite el valor de la fila ${p.otherRow} («${p.value}»)`;
        case 'columns': return `la fila tiene ${p.value} columnas, más que la cabecera`;
      }
    },
    lettersTitle: 'Cartas de invitación', lettersLead: 'Una carta por cuenta nueva, en español y en inglés, con su enlace y su código de activación.',
    onceWarning: 'Los códigos se muestran una sola vez: el servidor solo guarda su huella. Imprima o descargue las cartas ahora; si cierra la página, habrá que emitir invitaciones nuevas.',
    noLetters: 'Aún no hay cartas: aparecen aquí al invitar al comité o registrar asociaciones.',
    print: 'Imprimir las cartas (una por página)', downloadAll: 'Descargar todas las cartas', letterFor: (w) => `Carta para ${w}`, codeLabel: 'Código',
  },
  en: {
    title: 'Administration', lead: 'Prepare the election: its timeline, rules, constituencies and contests; the committee; the associations; and the invitation letters.',
    signinTitle: 'Sign in', email: 'Email', password: 'Password', signin: 'Sign in', signingIn: 'Signing in…',
    notAdmin: 'This account is not an administrator account.', expired: 'Your session ended before it was done: sign in again and repeat it; what you typed is kept.',
    signedInAs: (e) => `Signed in: ${e}`, signOut: 'Sign out', loading: 'Loading…',
    sections: { election: 'Election', committee: 'Committee and audit', associations: 'Associations', letters: 'Invitation letters' },
    electionTitle: 'Create the election', electionLead: 'Later changes are the committee’s to decide; check everything before creating.',
    chooseExisting: 'Election being prepared', noneChosen: '(none: create a new one)', newElection: 'New election',
    eTitle: 'Title', titleMissing: 'The election’s title is missing.', eDescription: 'Description (optional)', timeline: 'Timeline',
    timelineHelp: 'This device’s time. The dates must be in order: accreditation opens, closes, nominations close, the token window opens (it closes as voting opens), voting opens, closes.',
    dates: { accreditationOpens: 'Accreditation opens', accreditationCloses: 'Accreditation closes', nominationsClose: 'Nominations close', tokensOpen: 'Token window opens', votingOpens: 'Voting opens', votingCloses: 'Voting closes' },
    timelineOrder: (later, earlier) => `"${later}" must come after "${earlier}".`,
    rules: 'Rules', rulesHelp: 'Each rule has a floor no configuration can lower: below it, one sector could decide alone.',
    floor: (n) => `Minimum: ${n}.`, belowFloor: (what, n) => `"${what}" must be at least ${n}.`,
    rule: {
      approvalSectors: 'Sectors that must approve each decision', threshold: 'Decryption threshold (members needed)', minRollSize: 'Minimum roll per contest',
      minMembers: 'Minimum committee members', minDistinctSectors: 'Minimum distinct sectors on the committee', maxConsecutiveTerms: 'Maximum consecutive terms (empty: no limit)',
      barGlobalFundImplementers: 'Bar candidates from organisations implementing Global Fund projects',
    },
    noLimit: 'no limit',
    tokenWindow: 'Token window before voting (recommended)',
    tokenWindowHelp: 'Associations obtain their tokens in a phase of its own that closes as voting opens, so the time and order of issuance say nothing of the time or order of ballots. Without it, tokens are handed out while voting is open, the issuers post their logs once voting ends, and the verifier’s report gives a notice.',
    tokensOpenWithoutWindow: '"Token window opens" only makes sense with the token window: turn the rule on or clear the date.',
    languages: 'Languages of the election',
    languagesHelp: 'The first is the language pages open in; every page stays available in Spanish and English.',
    languageChoices: { 'es,en': 'Spanish, then English', 'en,es': 'English, then Spanish', es: 'Spanish only', en: 'English only' },
    constituencies: 'Constituencies', constituenciesHelp: 'The committee defines them. The code (lower case, digits and "_", starting with a letter) names the constituency in the associations’ file.',
    constituenciesFixed: 'This server accepts only the model case’s six constituencies; the names are not sent.',
    code: 'Code', nameEs: 'Name (Spanish)', nameEn: 'Name (English)', addConstituency: 'Add a constituency', remove: (w) => `Remove ${w}`,
    badCode: (r) => `Constituency ${r}: the code must start with a lower-case letter and hold only lower case, digits and "_" (up to 40); both names are required.`,
    repeatedCode: (c) => `The code "${c}" is repeated.`,
    contests: 'Contests', contestsHelp: 'One or more per constituency (regional seats, for example): seats, alternates, and how many choices each voter marks.',
    constituency: 'Constituency', contestTitle: 'Title', seats: 'Seats', alternates: 'Alternates', voteFor: 'Vote for up to',
    addContest: 'Add a contest', noContests: 'Add at least one contest.', contestTitleMissing: (r) => `Contest ${r}: the title is missing.`,
    unknownConstituency: (r) => `Contest ${r}: its constituency is not in the list.`,
    create: 'Create the election', creating: 'Creating…', created: (t) => `Election created: ${t}`, fixFirst: 'Correct the following before creating:',
    committeeTitle: 'Electoral committee', committeeLead: 'Each member receives an invitation: they choose their password and generate their key when they activate it.',
    needElection: 'First create or choose an election.', fullName: 'Full name', sector: 'Sector', organisation: 'Organisation', role: 'Role',
    roles: { chair: 'chair', vice_chair: 'vice-chair', member: 'member' }, invite: 'Invite', inviting: 'Inviting…', invited: (w) => `Invitation created for ${w}. The letter is below.`,
    members: 'Members', auditorTitle: 'Audit', auditorLead: 'An auditor account reads the whole record; it decides nothing.', inviteAuditor: 'Invite an auditor',
    assocTitle: 'Associations', assocLead: 'Register them one by one, or all at once with a CSV file.', oneTitle: 'Register an association',
    legalName: 'Legal name', registrationNumber: 'Registration number', region: 'Region', contactName: 'Contact person', contactEmail: 'Contact email',
    contactPhone: 'Contact phone', accountEmail: 'Account email', optional: '(optional)', register: 'Register', registered: (n) => `Association registered: ${n}. The letter is below.`,
    csvTitle: 'Import a CSV file', csvLead: 'All rows are imported or none: if any row has an error, nothing is registered until it is corrected.',
    csvColumns: 'Columns (named by the first line; separated by commas, or by ";" if the header uses it):',
    csvColumnList: [
      ['legalName', 'legal name'], ['registrationNumber', 'registration number, unique'], ['region', 'region code, e.g. lima_metropolitana, cusco, madre_de_dios'],
      ['constituencies', 'constituency codes separated by ";", e.g. plwha;tb'], ['contactName', 'contact person'], ['contactEmail', 'contact email'],
      ['contactPhone', 'phone (optional)'], ['accountEmail', 'account email, unique: it receives the invitation'],
    ],
    csvFile: 'CSV file (UTF-8)', csvTemplate: 'Download a template',
    csvUnreadable: (l) => `The file cannot be read: a quote opened on line ${l} is never closed.`,
    csvHeader: (m, u) => `The header is not the expected one.${m ? ` Missing: ${m}.` : ''}${u ? ` Unknown: ${u}.` : ''}`, csvEmpty: 'The file has no data rows.',
    preview: 'Preview', row: 'Row', line: 'Line', status: 'Status', ok: 'correct',
    problems: (n, of) => `${n} of ${of} rows have errors. Nothing will be imported until they are corrected.`, allGood: (n) => `All ${n} rows are correct.`,
    importN: (n) => `Import ${n} associations`, importing: 'Importing…', imported: (n) => `${n} associations registered. Their letters are below.`,
    serverRefused: 'The server refused the import and registered nothing:',
    problem: (p) => {
      switch (p.code) {
        case 'missing': return `${p.field}: the value is missing`;
        case 'too_long': return `${p.field}: too long (at most ${p.value})`;
        case 'region': return `region: "${p.value}" is not a region code`;
        case 'constituency': return `constituencies: "${p.value}" is not a known constituency code`;
        case 'email': return `${p.field}: "${p.value}" is not a valid email`;
        case 'repeat': return `${p.field}: repeats the value of row ${p.otherRow} ("${p.value}")`;
        case 'columns': return `the row has ${p.value} columns, more than the header`;
      }
    },
    lettersTitle: 'Invitation letters', lettersLead: 'One letter per new account, in Spanish and English, with its activation link and code.',
    onceWarning: 'Codes are shown only once: the server keeps only their fingerprint. Print or download the letters now; if you close the page, new invitations must be issued.',
    noLetters: 'No letters yet: they appear here when you invite the committee or register associations.',
    print: 'Print the letters (one per page)', downloadAll: 'Download all the letters', letterFor: (w) => `Letter for ${w}`, codeLabel: 'Code',
  },
};

export type Texts = typeof T.es;
