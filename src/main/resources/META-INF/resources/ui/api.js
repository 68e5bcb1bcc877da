// The dashboard's only way to the service: the public JSON API, with the session's JWT.

const TOKEN = 'imagecogni.token';
const EXPIRES = 'imagecogni.expires';

/** The signed-in session, kept in sessionStorage so it ends with the browser tab. */
export const session = {
  token() {
    const expires = Number(sessionStorage.getItem(EXPIRES) || 0);
    if (!expires || Date.now() > expires) {
      this.clear();
      return null;
    }
    return sessionStorage.getItem(TOKEN);
  },
  save(accessToken, expiresInSeconds) {
    sessionStorage.setItem(TOKEN, accessToken);
    // a minute early, so a request never leaves with a token about to lapse
    sessionStorage.setItem(EXPIRES, String(Date.now() + (expiresInSeconds - 60) * 1000));
  },
  clear() {
    sessionStorage.removeItem(TOKEN);
    sessionStorage.removeItem(EXPIRES);
  },
};

/** A failed call: the message is the problem's detail; the whole problem rides along. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `The request failed (HTTP ${status}).`);
    this.status = status;
    this.problem = problem;
  }
}

/**
 * Calls the API; resolves to the JSON body (or a Blob for files, null for 204), rejects with ApiError. `accept`
 * replaces the usual Accept header (an image of a result, say).
 */
export async function api(method, path, body, accept) {
  const response = await request(method, path, body, accept);
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.blob();
}

/**
 * The call itself: resolves to the successful Response (for a caller that reads its headers), rejects with ApiError.
 * A FormData body goes as multipart, anything else as JSON.
 */
export async function request(method, path, body, accept) {
  const headers = { Accept: accept || 'application/json, application/problem+json, application/zip' };
  const hadSession = Boolean(sessionStorage.getItem(TOKEN));
  const token = session.token();
  if (hadSession && !token && !path.startsWith('/api/v1/auth/') && !path.startsWith('/api/v1/accounts')) {
    // the token expired while the tab was open: say so instead of sending an anonymous request
    window.dispatchEvent(new Event('session-ended'));
    throw new ApiError(401, { detail: 'Your session has ended. Log in again.' });
  }
  if (token) headers.Authorization = `Bearer ${token}`;
  const init = { method, headers, cache: 'no-store' };
  if (body instanceof FormData) {
    init.body = body; // the browser writes the multipart boundary into Content-Type
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, { detail: 'The service could not be reached. Check your connection and try again.' });
  }
  if (!response.ok) {
    let problem = {};
    try {
      problem = await response.json();
    } catch (e) {
      // not a problem document (a proxy's page, say): the status line says enough
    }
    if (response.status === 401 && token && !path.startsWith('/api/v1/auth/token')) {
      session.clear();
      problem = { ...problem, detail: 'Your session has ended. Log in again.' };
      window.dispatchEvent(new Event('session-ended'));
    }
    throw new ApiError(response.status, problem);
  }
  return response;
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body === undefined ? {} : body);
export const put = (path, body) => api('PUT', path, body);
export const patch = (path, body) => api('PATCH', path, body);
export const del = (path) => api('DELETE', path);

/** GET /api/v1/plans, fetched once per page load (plans change only with the operator's configuration). */
let plansOnce;
export function plans() {
  plansOnce = plansOnce || get('/api/v1/plans').catch((e) => {
    plansOnce = undefined;
    throw e;
  });
  return plansOnce;
}
