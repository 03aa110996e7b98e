// Talks to the three services with the user's bearer token. Errors become ApiError with the problem+json details.
const TOKEN_KEY = 'planbridge.token';

export class ApiError extends Error {
  constructor(status, problem, url) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    this.url = url;
  }
  /** One line a person can act on, with the fields the server named. */
  describe() {
    const fields = (this.problem.errors || [])
      .map(e => [e.row ? `row ${e.row}` : null, e.field, e.reason].filter(Boolean).join(': '));
    return [this.message, ...fields].join(' — ');
  }
}

export const session = {
  get token() { return sessionStorage.getItem(TOKEN_KEY); },
  set token(value) {
    if (value) sessionStorage.setItem(TOKEN_KEY, value); else sessionStorage.removeItem(TOKEN_KEY);
  },
  /** The token's claims, read only to adapt the UI; the services check the signature and the roles. */
  claims() {
    const token = this.token;
    if (!token) return null;
    try {
      const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const json = decodeURIComponent(Array.from(atob(part), c => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
      return JSON.parse(json);
    } catch (e) {
      return null;
    }
  },
  get user() { const c = this.claims(); return c ? (c.upn || c.preferred_username || c.sub || '?') : null; },
  get roles() { const c = this.claims(); return c && Array.isArray(c.groups) ? c.groups : []; },
  hasAny(...roles) { return roles.some(r => this.roles.includes(r)) || this.roles.includes('admin'); },
};

export const services = { planning: '', changeFeed: 'http://localhost:8082', sync: 'http://localhost:8083' };

export async function loadServiceUrls() {
  const r = await fetch('config.json', { headers: { Accept: 'application/json' } });
  if (!r.ok) throw new ApiError(r.status, null, 'config.json');
  const c = await r.json();
  services.changeFeed = c.changeFeedUrl;
  services.sync = c.syncUrl;
  return c;
}

function url(service, path) {
  return (service === 'planning' ? '' : services[service]) + path;
}

async function problemOf(response) {
  const text = await response.text();
  try { return JSON.parse(text); } catch (e) { return { title: response.statusText, detail: text.slice(0, 300) }; }
}

/**
 * One API call. Returns {body, etag, status}. options: method, body (JSON unless bodyType is set), ifMatch, accept.
 * 401 sends the user back to the login page.
 */
export async function call(service, path, options = {}) {
  const headers = { Accept: options.accept || 'application/json' };
  if (session.token) headers.Authorization = 'Bearer ' + session.token;
  if (options.ifMatch) headers['If-Match'] = options.ifMatch;
  let body;
  if (options.body !== undefined) {
    headers['Content-Type'] = options.bodyType || 'application/json';
    body = options.bodyType ? options.body : JSON.stringify(options.body);
  }
  const target = url(service, path);
  let response;
  try {
    response = await fetch(target, { method: options.method || 'GET', headers, body });
  } catch (e) {
    throw new ApiError(0, { title: 'Service unreachable', detail: `${target} did not answer (${e.message})` }, target);
  }
  if (response.status === 401) {
    document.dispatchEvent(new CustomEvent('planbridge:unauthorized'));
  }
  if (!response.ok) throw new ApiError(response.status, await problemOf(response), target);
  const type = response.headers.get('Content-Type') || '';
  const result = response.status === 204 ? null
    : type.includes('json') ? await response.json() : await response.text();
  return { body: result, etag: response.headers.get('ETag'), status: response.status };
}

export const get = (service, path) => call(service, path).then(r => r.body);

/** Downloads a CSV with the bearer token (a plain link could not send it) and saves it under fileName. */
export async function download(service, path, fileName) {
  const { body } = await call(service, path, { accept: 'text/csv' });
  const blob = new Blob([body], { type: 'text/csv' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/**
 * Reads a text/event-stream with fetch so the bearer token travels in a header (EventSource cannot send headers,
 * and tokens in URLs end up in logs). Calls onEvent({event, id, data}); reconnects with Last-Event-ID.
 * Returns a handle with close().
 */
export function stream(service, path, onEvent, onState = () => {}) {
  const controller = new AbortController();
  let lastEventId = null;
  let closed = false;
  async function connect(delay) {
    while (!closed) {
      try {
        const headers = { Accept: 'text/event-stream', Authorization: 'Bearer ' + session.token };
        if (lastEventId) headers['Last-Event-ID'] = lastEventId;
        const response = await fetch(url(service, path), { headers, signal: controller.signal });
        if (!response.ok) throw new ApiError(response.status, await problemOf(response), path);
        onState('open');
        delay = 1000;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value.replace(/\r\n?/g, '\n');
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const message = { event: 'message', id: null, data: '' };
            const data = [];
            for (const line of block.split('\n')) {
              if (!line || line.startsWith(':')) continue;
              const colon = line.indexOf(':');
              const field = colon < 0 ? line : line.slice(0, colon);
              const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
              if (field === 'data') data.push(value);
              else if (field === 'event') message.event = value;
              else if (field === 'id') message.id = value;
            }
            if (message.id) lastEventId = message.id;
            if (data.length) {
              message.data = data.join('\n');
              onEvent(message);
            }
          }
        }
        onState('ended');
      } catch (e) {
        if (closed) return;
        onState('error', e);
        if (e instanceof ApiError && (e.status === 401 || e.status === 403 || e.status === 404)) return;
      }
      if (closed) return;
      await new Promise(r => setTimeout(r, delay));
      delay = Math.min(delay * 2, 15000);
    }
  }
  connect(1000);
  return { close() { closed = true; controller.abort(); } };
}
