/**
 * The timeline page's texts (Spanish first; English has every key of the Spanish).
 * @module
 */
import type { Bilingual } from '../lib/i18n.js';

export interface TimelineTexts {
  title: string;
  lead: string;
  loading: string;
  phaseNow: (phase: string) => string;
  since: (when: string) => string;
  countdownTitle: string;
  countdown: (parts: string) => string;
  countdownPassed: string;
  noDeadline: string;
  units: { d: string; h: string; min: string; s: string };
  deadlineIs: (when: string) => string;
  stepsTitle: string;
  stepsNote: string;
  status: { done: string; current: string; upcoming: string };
  planned: string;
  actual: string;
  notSet: string;
  dates: { accreditationOpens: string; accreditationCloses: string; nominationsClose: string; tokensOpen: string; votingOpens: string; votingOpensWindow: string; votingCloses: string };
  happened: { opened: string; windowOpened: string; castingOpened: string; closed: string; tallied: string; published: string };
}

export const TIMELINE: Bilingual<TimelineTexts> = {
  es: {
    title: 'Calendario de la elección',
    lead: 'Las etapas de la elección, sus plazos previstos y lo que ya consta en el tablero público.',
    loading: 'Cargando el calendario…',
    phaseNow: (p) => `Etapa actual: ${p}`,
    since: (w) => `Desde el ${w}`,
    countdownTitle: 'Tiempo para votar',
    countdown: (parts) => `Quedan ${parts} para el cierre previsto de la votación.`,
    countdownPassed: 'El cierre previsto ya pasó. La votación sigue abierta hasta que el comité la cierre con la aprobación de varios sectores.',
    noDeadline: 'El comité no fijó una fecha de cierre: la votación sigue abierta hasta que el comité la cierre con la aprobación de varios sectores.',
    units: { d: 'd', h: 'h', min: 'min', s: 's' },
    deadlineIs: (w) => `Cierre previsto: ${w}`,
    stepsTitle: 'Etapas',
    stepsNote: 'Las fechas previstas las fija la administración al crear la elección; las fechas «consta» son las del tablero público, con su hora de registro.',
    status: { done: 'terminada', current: 'en curso', upcoming: 'pendiente' },
    planned: 'Previsto', actual: 'Consta en el tablero', notSet: 'sin fecha fijada',
    dates: {
      accreditationOpens: 'Abre la acreditación', accreditationCloses: 'Cierra la acreditación', nominationsClose: 'Cierran las candidaturas',
      tokensOpen: 'Abre la entrega de fichas', votingOpens: 'Abre la votación', votingOpensWindow: 'Abre la votación (y cierra la entrega de fichas)', votingCloses: 'Cierra la votación',
    },
    happened: {
      windowOpened: 'Entrega de fichas abierta (manifiesto publicado)', castingOpened: 'Votación abierta (entrega de fichas cerrada)',
      opened: 'Votación abierta (manifiesto publicado)', closed: 'Votación cerrada', tallied: 'Resultados descifrados', published: 'Resultados publicados' },
  },
  en: {
    title: 'Election timeline',
    lead: 'The election\'s stages, their planned deadlines, and what the public board already records.',
    loading: 'Loading the timeline…',
    phaseNow: (p) => `Current stage: ${p}`,
    since: (w) => `Since ${w}`,
    countdownTitle: 'Time left to vote',
    countdown: (parts) => `${parts} left until voting is planned to close.`,
    countdownPassed: 'The planned close has passed. Voting stays open until the committee closes it with the approval of several sectors.',
    noDeadline: 'The committee set no closing date: voting stays open until the committee closes it with the approval of several sectors.',
    units: { d: 'd', h: 'h', min: 'min', s: 's' },
    deadlineIs: (w) => `Planned close: ${w}`,
    stepsTitle: 'Stages',
    stepsNote: 'Planned dates are set by the administration when the election is created; "recorded" dates are the public board\'s, with the time they were appended.',
    status: { done: 'done', current: 'in progress', upcoming: 'upcoming' },
    planned: 'Planned', actual: 'Recorded on the board', notSet: 'no date set',
    dates: {
      accreditationOpens: 'Accreditation opens', accreditationCloses: 'Accreditation closes', nominationsClose: 'Nominations close',
      tokensOpen: 'Token window opens', votingOpens: 'Voting opens', votingOpensWindow: 'Voting opens (and the token window closes)', votingCloses: 'Voting closes',
    },
    happened: {
      windowOpened: 'Token window opened (manifest published)', castingOpened: 'Voting opened (token window closed)',
      opened: 'Voting opened (manifest published)', closed: 'Voting closed', tallied: 'Results decrypted', published: 'Results published' },
  },
};
