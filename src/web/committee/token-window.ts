/**
 * What the console says about the token window (issue 12) next to the phase step: that
 * opening it freezes the manifest and hands out tokens, that opening voting ends it for
 * good, and, when the election runs without it, that the record will say so.
 * @module
 */
import { type Child, h } from '../lib/dom.js';
import { type Bilingual, texts } from '../lib/i18n.js';

const T: Bilingual<{ opens: string; closes: string; off: string }> = {
  es: {
    opens: 'Abrir la ventana de fichas congela el manifiesto (padrones, candidaturas, claves). Las asociaciones obtienen entonces sus fichas; la votación abre después, con otra decisión.',
    closes: 'Abrir la votación cierra la ventana de fichas: desde entonces no se entrega ninguna ficha, y el número de fichas entregadas por contienda queda en el tablero. Así la hora y el orden de entrega no dicen nada de los votos.',
    off: 'Esta elección no tiene ventana de fichas (regla tokenWindow desactivada): las fichas se entregarán durante la votación. Cada emisor publica su registro firmado al terminar la votación (solo, a la hora de cierre del calendario, o con su botón), deja entonces de firmar, y el cierre espera esos registros. El registro y el verificador lo indicarán.',
  },
  en: {
    opens: 'Opening the token window freezes the manifest (rolls, candidacies, keys). Associations then get their tokens; voting opens later, by another decision.',
    closes: 'Opening voting closes the token window: from then on no token is handed out, and the number of tokens handed out per contest goes on the board. This way the time and order of issuance say nothing about the ballots.',
    off: 'This election has no token window (rule tokenWindow turned off): tokens will be handed out while voting is open. Each issuer posts its signed log when voting ends (by itself at the timeline’s closing time, or with its button), then signs no more, and the close waits for those logs. The record and the verifier will say so.',
  },
};

/** The note for the step `phase → next`, or nothing when the step does not touch the window. */
export function tokenWindowNote(phase: string, next: string | null): Child {
  const t = texts(T);
  const text = next === 'tokens' ? t.opens : phase === 'tokens' && next === 'voting' ? t.closes
    : phase === 'key_ceremony' && next === 'voting' ? t.off : null;
  return text === null ? null : h('p', { class: next === 'voting' && phase === 'key_ceremony' ? 'notice warn' : 'notice', 'data-testid': 'token-window-note' }, text);
}
