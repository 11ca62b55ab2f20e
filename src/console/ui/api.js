// The JSON API, with the session's CSRF token on every state-changing call.
export const API = '/api/v1';
export const session = { csrf: '', environment: 'default' };

// Calls about values, the log and requests name the environment on screen; sign-in, users and the
// environment list are the store's.
const STORE_WIDE = /^\/(auth|environments|users|tokens|catalog|openapi)/;
export function withEnvironment(path) {
  if (session.environment === 'default' || STORE_WIDE.test(path)) return path;
  return `${path}${path.includes('?') ? '&' : '?'}environment=${encodeURIComponent(session.environment)}`;
}

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message || `HTTP ${status}`);
    this.status = status;
    this.code = body?.error?.code;
    this.detail = body?.error?.detail;
  }
}

export async function api(method, path, body) {
  const headers = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && session.csrf) headers['x-csrf-token'] = session.csrf;
  const res = await fetch(API + withEnvironment(path), { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = text; }
  if (!res.ok) throw new ApiError(res.status, json);
  return json;
}

export const qs = (o) => new URLSearchParams(Object.entries(o).filter(([, v]) => v !== '' && v !== null && v !== undefined).map(([k, v]) => [k, String(v)])).toString();
