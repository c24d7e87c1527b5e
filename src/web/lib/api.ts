/**
 * The pages' way to the API: same origin, the page's language for problem details, and
 * failures turned into one sentence for people.
 * @module
 */
import { ApiClient, ApiError } from '../../client/api.js';
import { type Bilingual, lang, texts } from './i18n.js';

const ERRORS: Bilingual<{ network: string; unexpected: string }> = {
  es: { network: 'No se pudo conectar con el servidor. Revise su conexión e inténtelo de nuevo.', unexpected: 'Ocurrió un error inesperado' },
  en: { network: 'Could not reach the server. Check your connection and try again.', unexpected: 'An unexpected error occurred' },
};

/** A client for the API this page came from, without credentials. */
export function publicApi(): ApiClient {
  return new ApiClient({ baseUrl: location.origin, lang: lang() });
}

/** A client carrying `accessToken`, answering in the page's language. */
export function signedApi(accessToken: string): ApiClient {
  return new ApiClient({ baseUrl: location.origin, lang: lang(), token: accessToken });
}

/** One sentence for a failure: the API's problem detail (already in the page's language) or a network message. */
export function errorText(e: unknown): string {
  const t = texts(ERRORS);
  if (e instanceof ApiError) return e.status === 0 ? t.network : e.detail;
  return `${t.unexpected}: ${e instanceof Error ? e.message : String(e)}`;
}

export { ApiClient, ApiError };
