// Push: dry run, start, live progress (SSE over fetch), final report, conflicts side by side with resolve buttons,
// follow-up push and undo. Everything here talks to the sync service.
import { call, download, get, session, stream } from '../api.js';
import { fmt, h, mount } from '../dom.js';
import { notify, onLeave } from '../app.js';
import { userNames } from './plans.js';

const SCOPES = ['territories', 'user-assignments', 'account-assignments', 'account-owners', 'quotas'];
const DEFAULT_SCOPE = SCOPES.filter(s => s !== 'account-owners');
// A push can hold tens of thousands of conflicts: they are shown a page at a time. (Module level: showPush draws the
// first page before the code below its call would have initialised a local constant.)
const CONFLICTS_PAGE = 200;

export async function pushTab(body, ctx) {
  const pushes = await get('sync', `/api/v1/pushes?planId=${encodeURIComponent(ctx.id)}&limit=50`);
  if (!ctx.pushId || !pushes.some(p => p.id === ctx.pushId)) ctx.pushId = pushes.length ? pushes[0].id : null;
  const mayApply = session.hasAny('approver');
  const approved = ['APPROVED', 'SYNCING', 'SYNCED', 'PARTIALLY_SYNCED', 'ACTIVE'].includes(ctx.plan.status);
  const pushed = ['SYNCED', 'PARTIALLY_SYNCED'].includes(ctx.plan.status);
  const scope = h('fieldset', { class: 'scope' }, h('legend', {}, 'What to write'),
    SCOPES.map(s => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'scope', value: s,
      checked: (ctx.pushScope || DEFAULT_SCOPE).includes(s),
      onchange: () => { ctx.pushScope = [...scope.querySelectorAll('input:checked')].map(i => i.value); } }), ' ', s)));
  const detail = h('div', { id: 'push-detail' });

  mount(body,
    h('section', { class: 'card' }, h('h2', {}, 'Push to Salesforce'),
      approved ? null : h('p', { class: 'note' }, `The plan is ${ctx.plan.status}: only an approved plan can be pushed.`),
      scope,
      h('div', { class: 'buttons' },
        h('button', { type: 'button', id: 'dry-run', disabled: !approved || !session.hasAny('planner', 'approver'),
          onclick: () => start('dry-run') }, 'Dry run'),
        h('button', { type: 'button', id: 'start-push', disabled: !approved || !mayApply, onclick: () => start('apply') }, 'Start push'),
        mayApply ? null : h('span', { class: 'muted small' }, 'Only an approver or admin may write to the CRM.'))),
    h('section', { class: 'card', id: 'go-live' }, h('h2', {}, 'Go-live'),
      h('p', { class: 'muted small' }, 'Activating makes the pushed model the org\'s Active model. Salesforce archives the '
        + 'current Active model and deletes its territory quotas; Planbridge saves them first.'),
      h('div', { class: 'buttons' },
        h('button', { type: 'button', id: 'activate', disabled: !pushed || !mayApply, onclick: activate }, 'Activate now'),
        ctx.plan.status === 'ACTIVE' ? h('span', { class: 'muted small' }, 'This plan is live.') : null)),
    h('section', { class: 'card' }, h('h2', {}, 'Pushes of this plan'),
      pushes.length ? h('div', { class: 'scroll' }, h('table', { class: 'grid', id: 'push-list' },
        h('thead', {}, h('tr', {}, ['Started', 'Kind', 'Mode', 'Status', 'Outcome', 'By', ''].map(c => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, pushes.map(p => h('tr', { class: p.id === ctx.pushId ? 'selected' : '' },
          h('td', {}, fmt.time(p.createdAt)), h('td', {}, p.kind), h('td', {}, p.mode), h('td', {}, p.status),
          h('td', {}, fmt.text(p.outcome)), h('td', {}, p.requestedBy),
          h('td', {}, h('button', { type: 'button', class: 'small', onclick: () => { ctx.pushId = p.id; ctx.refresh(); } }, 'Show')))))))
        : h('p', { class: 'muted' }, 'No push yet.')),
    detail);
  if (ctx.pushId) await showPush(detail, ctx);

  async function activate() {
    if (!confirm('Activate this plan\'s model in Salesforce now? The current Active model is archived.')) return;
    try {
      await call('sync', '/api/v1/activations', { method: 'POST', body: { planId: ctx.id } });
      notify('Activation requested: the plan becomes ACTIVE when Salesforce has switched models.', 'info');
      await ctx.refresh();
    } catch (e) { notify(e); }
  }

  async function start(mode) {
    const chosen = [...scope.querySelectorAll('input:checked')].map(i => i.value);
    if (!chosen.length) { notify('Choose at least one part of the plan to write.'); return; }
    if (mode === 'apply' && !confirm('Write this plan into Salesforce now? Conflicting records are held, not overwritten.')) return;
    try {
      const { body: push } = await call('sync', '/api/v1/pushes', { method: 'POST',
        body: { planId: ctx.id, mode, scope: chosen, policies: { default: 'FLAG' } } });
      ctx.pushId = push.id;
      notify(mode === 'dry-run' ? 'Dry run started: nothing is written.' : 'Push started.', 'info');
      await ctx.refresh();
    } catch (e) { notify(e); }
  }
}

async function showPush(detail, ctx) {
  const push = await get('sync', `/api/v1/pushes/${ctx.pushId}`);
  const bar = h('progress', { id: 'push-progress', max: 1, value: 0, 'aria-label': 'Push progress' });
  const progressText = h('p', { id: 'push-progress-text', 'aria-live': 'polite' }, push.status);
  const report = h('div', { id: 'push-report' });
  const conflicts = h('div', { id: 'push-conflicts' });
  const mayResolve = session.hasAny('approver');
  // While the push runs, the slow poll below keeps status and error current: a step that failed shows why, and
  // that it is retried (or, after the last attempt, that the push FAILED), never a silent QUEUED.
  const statusText = h('strong', { id: 'push-status' }, push.status);
  const errorText = h('span', { id: 'push-error', class: 'error' }, push.error ? ' · ' + push.error : '');
  mount(detail,
    h('section', { class: 'card' }, h('h2', {}, `${push.mode === 'dry-run' ? 'Dry run' : push.kind === 'UNDO' ? 'Undo' : 'Push'} `,
      h('span', { class: 'mono small' }, push.id)),
      h('p', { class: 'meta' }, `requested by ${push.requestedBy} · ${fmt.time(push.createdAt)} · status `,
        statusText, push.outcome ? [' · outcome ', h('strong', { id: 'push-outcome' }, push.outcome)] : null,
        errorText),
      h('div', { class: 'progress-row' }, bar, progressText),
      h('div', { class: 'buttons' },
        h('button', { type: 'button', id: 'problems-csv', onclick: () => download('sync', `/api/v1/pushes/${push.id}/problems.csv`,
          `push-${push.id}-problems.csv`).catch(notify) }, 'Problems CSV'),
        mayResolve && push.mode === 'apply' && isFinished(push) ? [
          h('button', { type: 'button', id: 'follow-up', onclick: () => act('follow-up', 'Follow-up push started: it writes the resolved records.') }, 'Push resolutions (follow-up)'),
          push.kind !== 'UNDO' ? h('button', { type: 'button', id: 'undo-push', class: 'danger', onclick: () => {
            if (confirm('Undo this push? Records changed in the CRM since are reported as conflicts, never overwritten.')) act('undo', 'Undo started.');
          } }, 'Undo push') : null] : null),
      report),
    h('section', { class: 'card' }, h('h2', {}, 'Conflicts'), conflicts));
  drawReport(report, push);
  await drawConflicts();

  if (!isFinished(push)) {
    const handle = stream('sync', `/api/v1/pushes/${push.id}/events`, async message => {
      const p = JSON.parse(message.data);
      bar.max = Math.max(p.total, 1);
      bar.value = Math.min(p.done, bar.max);
      progressText.textContent = `${p.phase}${p.object ? ' ' + p.object : ''}: ${fmt.n(p.done)} / ${fmt.n(p.total)} · written ${fmt.n(p.written)}`
        + ` · unchanged ${fmt.n(p.unchanged)} · conflicts ${fmt.n(p.conflicts)} · failed ${fmt.n(p.failed)} · API calls ${fmt.n(p.apiCalls)}`;
      progressText.dataset.phase = p.phase;
      if (p.phase === 'DONE') {
        handle.close();
        await finished();
      }
    });
    onLeave(() => handle.close());
    // The stream can end between two events; a slow poll makes sure the page reaches the final state.
    const timer = setInterval(async () => {
      const now = await get('sync', `/api/v1/pushes/${push.id}`).catch(() => null);
      if (now) {
        statusText.textContent = now.status;
        errorText.textContent = now.error ? ' · ' + now.error : '';
      }
      if (now && isFinished(now)) { clearInterval(timer); handle.close(); await finished(); }
    }, 3000);
    onLeave(() => clearInterval(timer));
  } else {
    bar.value = 1;
    progressText.textContent = `Finished ${fmt.time(push.finishedAt)}`;
    progressText.dataset.phase = 'DONE';
  }

  let refreshed = false;
  async function finished() {
    if (refreshed) return;
    refreshed = true;
    await ctx.refresh();
  }

  async function act(what, message) {
    try {
      const { body: next } = await call('sync', `/api/v1/pushes/${push.id}/${what}`, { method: 'POST' });
      ctx.pushId = next.id;
      notify(message, 'info');
      await ctx.refresh();
    } catch (e) { notify(e); }
  }

  async function drawConflicts(shown = CONFLICTS_PAGE) {
    const [list, people] = await Promise.all([
      get('sync', `/api/v1/pushes/${push.id}/conflicts?offset=0&limit=${Math.min(shown, 5000)}`), userNames()]);
    const total = Number(push.report?.conflicts ?? list.length);
    // Owner fields hold user ids: show the person next to the id
    const value = v => (v && people.has(v) ? `${people.get(v)} (${v})` : fmt.text(v));
    if (!list.length) { mount(conflicts, h('p', { class: 'muted', id: 'no-conflicts' }, 'No conflicts.')); return; }
    const more = list.length < total && list.length === Math.min(shown, 5000)
      ? h('button', { type: 'button', id: 'more-conflicts', class: 'small', onclick: () => drawConflicts(shown + CONFLICTS_PAGE) },
        `Show ${fmt.n(Math.min(CONFLICTS_PAGE, total - list.length))} more`) : null;
    mount(conflicts, h('p', { class: 'muted small' },
      `${fmt.n(total)} records changed in the CRM since the baseline${list.length < total ? ` (first ${fmt.n(list.length)} shown)` : ''}. Held ones were not written; choose which value wins, then push the resolutions.`),
      h('div', { class: 'conflicts' }, list.map(c => h('article', { class: 'conflict' + (c.resolution ? ' resolved' : ''), dataset: { conflict: c.id } },
        h('h3', {}, `${c.object} ${c.recordKey || c.recordId || ''} · ${c.field}`),
        h('div', { class: 'three-way' },
          h('div', {}, h('span', { class: 'label' }, 'Baseline'), h('span', { class: 'value base' }, value(c.baseValue))),
          h('div', {}, h('span', { class: 'label' }, 'Plan'), h('span', { class: 'value plan' }, value(c.planValue))),
          h('div', {}, h('span', { class: 'label' }, 'CRM now'), h('span', { class: 'value crm' }, value(c.crmValue)),
            h('small', { class: 'who' }, `changed by ${c.changedByName || c.changedById || 'unknown'}${c.changedAt ? ', ' + fmt.time(c.changedAt) : ''}`))),
        h('p', { class: 'meta' }, `policy ${c.policy}${c.held ? ' · held (not written)' : ''}`,
          c.resolution ? h('strong', { class: 'resolution' }, ` · resolved: keep ${c.resolution}${c.resolvedValue ? ' (' + c.resolvedValue + ')' : ''} by ${c.resolvedBy}`) : null),
        mayResolve && !c.resolution ? h('div', { class: 'buttons' },
          h('button', { type: 'button', class: 'small keep-plan', onclick: () => resolve(c, 'plan') }, 'Keep plan value'),
          h('button', { type: 'button', class: 'small keep-crm', onclick: () => resolve(c, 'crm') }, 'Keep CRM value')) : null))),
      more);
  }

  async function resolve(c, keep) {
    try {
      await call('sync', `/api/v1/pushes/${push.id}/conflicts/${c.id}/resolve`, { method: 'POST', body: { keep } });
      notify(`Resolved: keep the ${keep === 'plan' ? 'plan' : 'CRM'} value of ${c.object} ${c.recordKey || c.recordId}. Push the resolutions to write them.`, 'info');
      await drawConflicts();
    } catch (e) { notify(e); }
  }
}

function isFinished(push) {
  return !!push.finishedAt || ['SUCCEEDED', 'FAILED', 'DONE', 'COMPLETED', 'PARTIAL'].includes(push.status);
}

/** The push report: plain numbers as facts, nested maps (per object and operation) as small tables. */
function drawReport(box, push) {
  const r = push.report || {};
  const notes = Object.entries(r).filter(([, v]) => typeof v === 'string' && v.length > 40);
  const scalars = Object.entries(r).filter(([, v]) => (v === null || typeof v !== 'object') && !(typeof v === 'string' && v.length > 40));
  const tables = Object.entries(r).filter(([, v]) => v && typeof v === 'object');
  mount(box, notes.map(([k, v]) => h('p', { class: 'note', dataset: { report: k } }, v)), scalars.length ? h('dl', { class: 'facts' }, scalars.map(([k, v]) =>
      h('div', {}, h('dt', {}, k), h('dd', { dataset: { report: k } }, typeof v === 'number' ? fmt.n(v) : fmt.text(v))))) : null,
    tables.map(([k, v]) => h('details', { open: k === 'planned' || k === 'operations' }, h('summary', {}, k),
      h('table', { class: 'grid small' }, h('tbody', {}, Object.entries(v).map(([name, value]) =>
        h('tr', {}, h('th', { scope: 'row' }, name), h('td', { class: 'json' }, typeof value === 'object' ? JSON.stringify(value) : String(value)))))))));
}
