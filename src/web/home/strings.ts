/**
 * The start page's words, Spanish first.
 * @module
 */
import type { Bilingual } from '../lib/i18n.js';

export interface HomeTexts {
  title: string; lead: string; elections: string; none: string; phase: string; loading: string;
  booth: string; check: string; committee: string; auditor: string; portal: string; trustee: string; issuer: string;
  timeline: string; roll: string; board: string; results: string; acta: string; publicPages: string; workPages: string;
  /** Each page a newcomer may be looking for, with who it is for and what is done there. */
  roles: { title: string; pages: { href: string; name: string; what: string }[]; publicWhat: string };
}

export const T: Bilingual<HomeTexts> = {
  es: {
    title: 'Ánfora', lead: 'Elecciones de voto secreto que cualquiera puede verificar: las asociaciones votan cifrando su voto en su propio dispositivo, el comité electoral descifra solo el resultado, y cualquier persona puede auditar el registro completo.',
    elections: 'Elecciones', none: 'Todavía no hay elecciones.', phase: 'Fase', loading: 'Cargando…',
    booth: 'Votar', check: 'Comprobar mi voto', committee: 'Consola del comité', auditor: 'Auditar', portal: 'Portal de asociaciones', trustee: 'Página de custodios', issuer: 'Página de emisores',
    timeline: 'Calendario', roll: 'Padrón', board: 'Tablero público', results: 'Resultados', acta: 'Acta', publicPages: 'Información pública', workPages: 'Páginas de trabajo',
    roles: {
      title: 'Dónde empezar',
      pages: [
        { href: './admin.html', name: 'Administración', what: 'Preparar una elección, invitar al comité y a quienes auditan, registrar asociaciones e imprimir sus cartas de invitación.' },
        { href: './portal.html', name: 'Portal de asociaciones', what: 'Para cada asociación: solicitar la acreditación, presentar candidaturas, apelar y presentar reclamos.' },
        { href: './committee.html', name: 'Consola del comité', what: 'Para el comité electoral: acreditar, habilitar candidaturas, responder reclamos y cambiar de fase, con la aprobación de varios sectores.' },
        { href: './trustee.html', name: 'Página de custodios', what: 'Para quienes custodian la clave: la ceremonia de claves y el descifrado parcial del resultado.' },
        { href: './issuer.html', name: 'Página de emisores', what: 'Para los miembros del comité que emiten fichas: registrar sus claves de emisión y firmar a ciegas las solicitudes de fichas.' },
        { href: './auditor.html', name: 'Auditar', what: 'Para cualquiera: comprobar el registro completo de una elección.' },
      ],
      publicWhat: 'Para cualquiera, de cada elección:',
    },
  },
  en: {
    title: 'Ánfora', lead: 'Secret-ballot elections anyone can verify: associations vote by encrypting their vote on their own device, the electoral committee decrypts only the result, and anyone can audit the complete record.',
    elections: 'Elections', none: 'There are no elections yet.', phase: 'Phase', loading: 'Loading…',
    booth: 'Vote', check: 'Check my ballot', committee: 'Committee console', auditor: 'Audit', portal: 'Associations\' portal', trustee: 'Trustees\' page', issuer: 'Issuers\' page',
    timeline: 'Timeline', roll: 'Roll', board: 'Public board', results: 'Results', acta: 'Acta (official record)', publicPages: 'Public information', workPages: 'Working pages',
    roles: {
      title: 'Where to start',
      pages: [
        { href: './admin.html', name: 'Administration', what: 'Prepare an election, invite the committee and the auditors, register associations and print their invitation letters.' },
        { href: './portal.html', name: 'Associations\' portal', what: 'For each association: apply for accreditation, nominate candidates, appeal and file complaints.' },
        { href: './committee.html', name: 'Committee console', what: 'For the electoral committee: accredit, vet candidacies, answer complaints and change phase, with the approval of several sectors.' },
        { href: './trustee.html', name: 'Trustees\' page', what: 'For the key\'s trustees: the key ceremony and the partial decryption of the result.' },
        { href: './issuer.html', name: 'Issuers\' page', what: 'For the committee members who issue tokens: register their issuing keys and blindly sign token requests.' },
        { href: './auditor.html', name: 'Audit', what: 'For anyone: check the complete record of an election.' },
      ],
      publicWhat: 'For anyone, of each election:',
    },
  },
};
