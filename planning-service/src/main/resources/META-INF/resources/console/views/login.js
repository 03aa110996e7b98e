// Login: paste a bearer token, or (local demo stack only) pick a demo user.
import { call, session } from '../api.js';
import { field, h, mount } from '../dom.js';
import { notify } from '../app.js';

export async function loginView(main) {
  const input = h('textarea', { id: 'token', name: 'token', rows: 4, autocomplete: 'off', spellcheck: 'false',
    placeholder: 'eyJ…' });
  const demo = h('div', { id: 'demo-users' });
  const form = h('form', { class: 'card', onsubmit: e => { e.preventDefault(); useToken(input.value.trim()); } },
    h('h1', {}, 'Log in'),
    h('p', {}, 'Paste a bearer token (JWT). It stays in this browser tab only (sessionStorage) and is sent as ',
      h('code', {}, 'Authorization: Bearer'), ' to the planning, change-feed and sync services.'),
    field('Bearer token', input),
    h('button', { type: 'submit', id: 'login-submit' }, 'Log in'));
  mount(main, h('div', { class: 'login' }, form, demo));

  const config = await call('planning', 'config.json').then(r => r.body).catch(() => ({ demoUsers: false }));
  if (config.demoUsers) {
    const { body } = await call('planning', 'demo-users');
    mount(demo, h('section', { class: 'card' }, h('h2', {}, 'Demo users (local stack)'),
      h('p', { class: 'muted' }, 'One click logs in with the token the local stack minted for that role.'),
      h('div', { class: 'buttons' }, body.roles.map(role =>
        h('button', { type: 'button', id: 'demo-' + role, onclick: () => demoLogin(role) }, 'Log in as ' + role)))));
  }
}

async function demoLogin(role) {
  try {
    const { body } = await call('planning', 'demo-users/' + encodeURIComponent(role) + '/token');
    useToken(body.token);
  } catch (e) {
    notify(e);
  }
}

function useToken(token) {
  if (!token || token.split('.').length !== 3) {
    notify('That is not a JWT: expected three dot-separated parts.');
    return;
  }
  session.token = token;
  if (!session.claims()) {
    session.token = null;
    notify('The token payload cannot be read.');
    return;
  }
  location.hash = '#/plans';
}
