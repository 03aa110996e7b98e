// Live feed: the change-feed service's SSE stream (read with fetch so the bearer token goes in a header), filters,
// pause/resume, and the sync service's own writes marked.
import { stream } from '../api.js';
import { field, fmt, h, mount, select } from '../dom.js';
import { onLeave } from '../app.js';

const OBJECTS = ['', 'Account', 'Opportunity', 'User', 'Territory2', 'UserTerritory2Association', 'ObjectTerritory2Association', 'ForecastingQuota'];
const MAX_ROWS = 500;

export async function feedView(main) {
  const filters = {
    object: select('object', OBJECTS.map(o => [o, o || 'any']), '', { id: 'feed-object' }),
    owner: h('input', { name: 'owner', id: 'feed-owner', placeholder: 'User Id (005…)' }),
    territory: h('input', { name: 'territory', id: 'feed-territory', placeholder: 'Territory2 Id (0MI…)' }),
    field: h('input', { name: 'field', id: 'feed-field', placeholder: 'e.g. OwnerId' }),
    origin: select('origin', [['', 'any'], ['crm', 'people in the CRM'], ['planbridge-sync', 'Planbridge pushes']], '', { id: 'feed-origin' }),
  };
  const state = h('span', { id: 'feed-state', class: 'pill' }, 'connecting');
  const pauseButton = h('button', { type: 'button', id: 'feed-pause', 'aria-pressed': 'false', onclick: togglePause }, 'Pause');
  const pending = h('span', { id: 'feed-pending', class: 'muted' });
  const rows = h('tbody', { id: 'feed-rows' });
  const form = h('form', { class: 'card row', id: 'feed-filters', onsubmit: e => { e.preventDefault(); connect(); } },
    field('Object', filters.object), field('Owner', filters.owner), field('Territory', filters.territory),
    field('Field changed', filters.field), field('Origin', filters.origin), h('button', { type: 'submit', id: 'feed-apply' }, 'Apply filters'));
  mount(main, h('h1', {}, 'Live feed'),
    h('p', { class: 'muted' }, 'Every CRM modification the change feed captures, as it happens. Writes made by the Planbridge sync service are marked.'),
    form,
    h('div', { class: 'row' }, state, pauseButton, pending),
    h('div', { class: 'scroll' }, h('table', { class: 'grid', id: 'feed-table', 'aria-live': 'off' },
      h('thead', {}, h('tr', {}, ['When', 'Object', 'Change', 'Record', 'Fields', 'By', 'Origin'].map(c => h('th', { scope: 'col' }, c)))),
      rows)));

  let handle = null;
  let paused = false;
  let buffer = [];
  connect();
  onLeave(() => handle && handle.close());

  function query() {
    const q = new URLSearchParams();
    for (const [k, el] of Object.entries(filters)) if (el.value.trim()) q.set(k, el.value.trim());
    const s = q.toString();
    return s ? '?' + s : '';
  }

  function connect() {
    if (handle) handle.close();
    rows.replaceChildren();
    buffer = [];
    pending.textContent = '';
    state.textContent = 'connecting';
    handle = stream('changeFeed', '/api/v1/feed/stream' + query(), message => {
      if (message.event !== 'change') return;
      const event = JSON.parse(message.data);
      if (paused) {
        buffer.push(event);
        pending.textContent = `${buffer.length} new while paused`;
      } else {
        show(event);
      }
    }, (s, error) => {
      state.textContent = s === 'open' ? 'live' : s === 'error' ? `disconnected${error ? ': ' + (error.describe ? error.describe() : error.message) : ''}` : 'reconnecting';
      state.dataset.state = s;
    });
  }

  function togglePause() {
    paused = !paused;
    pauseButton.textContent = paused ? 'Resume' : 'Pause';
    pauseButton.setAttribute('aria-pressed', String(paused));
    if (!paused) {
      buffer.forEach(show);
      buffer = [];
      pending.textContent = '';
    }
  }

  function show(e) {
    const src = e.source || {};
    const own = src.origin === 'planbridge-sync';
    const after = e.after || {};
    const before = e.before || {};
    const fields = (e.changedFields || []).filter(f => f !== 'SystemModstamp' && f !== 'LastModifiedById');
    const tr = h('tr', { class: own ? 'own' : '', dataset: { id: e.id, object: e.object, origin: src.origin || '' } },
      h('td', {}, fmt.time(src.systemModstamp || e.ts_ms)),
      h('td', {}, e.object),
      h('td', {}, { c: 'created', u: 'updated', d: 'deleted', r: 'snapshot', undelete: 'undeleted' }[e.op] || e.op),
      h('td', {}, h('strong', {}, after.Name || before.Name || ''), ' ', h('small', { class: 'mono' }, e.id)),
      h('td', { class: 'fields' }, fields.slice(0, 6).map(f => h('div', {}, h('code', {}, f), ' ',
        e.op === 'u' ? `${fmt.text(before[f])} → ${fmt.text(after[f])}` : fmt.text(after[f]))),
        fields.length > 6 ? h('small', { class: 'muted' }, `+${fields.length - 6} more`) : null),
      h('td', {}, fmt.text(src.lastModifiedByName || src.lastModifiedById)),
      h('td', {}, own ? h('span', { class: 'badge own', title: 'Written by the Planbridge sync service' }, 'Planbridge push')
        : h('span', { class: 'badge' }, src.origin || 'crm')));
    rows.prepend(tr);
    while (rows.children.length > MAX_ROWS) rows.lastElementChild.remove();
  }
}
