// The console shell: routing (#/…), who is logged in, the message banner.
import { ApiError, loadServiceUrls, session } from './api.js';
import { h, mount } from './dom.js';
import { loginView } from './views/login.js';
import { plansView } from './views/plans.js';
import { planView } from './views/plan.js';
import { feedView } from './views/feed.js';

const main = document.getElementById('main');
const banner = document.getElementById('banner');
let cleanup = [];

/**
 * Shows an error (ApiError or text) or an info line in the banner; `actions` are extra buttons, `status` the HTTP
 * status the text explains (kept on the banner as data-status).
 */
export function notify(message, kind = 'error', actions = [], status = null) {
  const text = message instanceof ApiError ? message.describe() : String(message && message.message || message);
  banner.className = 'banner ' + kind;
  banner.dataset.kind = kind;
  banner.dataset.status = status !== null ? String(status) : message instanceof ApiError ? String(message.status) : '';
  mount(banner, h('span', { class: 'banner-text' }, text), actions,
    h('button', { type: 'button', class: 'link', 'aria-label': 'Dismiss message', onclick: clearNotice }, '×'));
  banner.hidden = false;
}

export function clearNotice() {
  banner.hidden = true;
  banner.replaceChildren();
}

/** Registers something to stop when the user leaves the page (streams, timers). */
export function onLeave(fn) { cleanup.push(fn); }

function renderWho() {
  const who = document.getElementById('who');
  if (!session.token) { who.replaceChildren(); return; }
  mount(who, h('span', { id: 'who-user' }, session.user), ' ',
    h('span', { class: 'roles', id: 'who-roles' }, session.roles.join(', ')), ' ',
    h('button', { type: 'button', class: 'link', id: 'logout', onclick: () => { session.token = null; location.hash = '#/login'; } }, 'Log out'));
}

async function route() {
  cleanup.forEach(fn => { try { fn(); } catch (e) { /* already stopped */ } });
  cleanup = [];
  clearNotice();
  renderWho();
  const path = (location.hash || '#/plans').slice(1).split('/').filter(Boolean);
  if (!session.token && path[0] !== 'login') { location.hash = '#/login'; return; }
  document.querySelectorAll('[data-nav]').forEach(a =>
    a.setAttribute('aria-current', a.dataset.nav === path[0] ? 'page' : 'false'));
  try {
    if (path[0] === 'login') await loginView(main);
    else if (path[0] === 'plans' && path[1]) await planView(main, decodeURIComponent(path[1]), path[2] || 'territories');
    else if (path[0] === 'feed') await feedView(main);
    else await plansView(main);
  } catch (e) {
    mount(main, h('p', { class: 'muted' }, 'This page could not be loaded.'));
    notify(e);
  }
  main.focus({ preventScroll: true });
}

document.addEventListener('planbridge:unauthorized', () => {
  notify('Your token was not accepted (expired or wrong issuer). Log in again.', 'error',
    [h('a', { href: '#/login', class: 'button' }, 'Log in')]);
});

// Relative URLs (config.json, demo-users) need the trailing slash of /console/.
if (!location.pathname.endsWith('/') && !location.pathname.endsWith('.html')) {
  location.replace(location.pathname + '/' + location.search + location.hash);
}
window.addEventListener('hashchange', route);
loadServiceUrls().catch(e => notify(e)).finally(route);
