// Plans: list, create, fork, compare two plans.
import { call, download, get, session } from '../api.js';
import { field, fmt, h, mount, select, sortableTable } from '../dom.js';
import { notify } from '../app.js';

export async function plansView(main) {
  const page = await get('planning', '/api/v1/plans?size=200');
  const plans = page.items;
  const canEdit = session.hasAny('planner');
  const compareOut = h('div', { id: 'compare-result' });

  const table = sortableTable([
    { key: 'name', label: 'Name', render: p => h('a', { href: '#/plans/' + p.id, class: 'plan-link' }, p.name) },
    { key: 'status', label: 'Status', render: p => h('span', { class: 'status s-' + p.status }, p.status) },
    { key: 'author', label: 'Author' },
    { key: 'fiscalYearStart', label: 'Fiscal year from' },
    { key: 'version', label: 'Version', num: true },
    { key: 'updatedAt', label: 'Updated', render: p => fmt.time(p.updatedAt) },
    { key: 'actions', label: 'Actions', render: p => canEdit
        ? h('button', { type: 'button', class: 'small', 'aria-label': 'Fork ' + p.name, onclick: () => fork(p) }, 'Fork…')
        : '' },
  ], plans, { id: 'plans-table', 'aria-label': 'Plans' });

  const nameInput = h('input', { name: 'name', id: 'new-plan-name', required: true, maxlength: 120 });
  const nextFebruary = `${new Date().getFullYear() + 1}-02-01`;
  const startInput = h('input', { name: 'fiscalYearStart', id: 'new-plan-start', type: 'date', required: true, value: nextFebruary });
  const create = canEdit ? h('form', { class: 'card inline', id: 'create-plan', onsubmit: async e => {
    e.preventDefault();
    try {
      const { body } = await call('planning', '/api/v1/plans', { method: 'POST',
        body: { name: nameInput.value.trim(), fiscalYearStart: startInput.value } });
      location.hash = '#/plans/' + body.id;
    } catch (err) { notify(err); }
  } }, h('h2', {}, 'New plan'), field('Name', nameInput), field('Fiscal year starts', startInput, 'the first day of a month'),
    h('button', { type: 'submit' }, 'Create (takes a baseline of the CRM now)')) : null;

  const options = plans.map(p => [p.id, `${p.name} (${p.status})`]);
  const left = select('left', options, plans[0] && plans[0].id, { id: 'compare-left' });
  const right = select('right', [['live', 'Live CRM (per owner)'], ...options], plans[1] ? plans[1].id : 'live', { id: 'compare-right' });
  const compare = h('form', { class: 'card inline', id: 'compare-plans', onsubmit: async e => {
    e.preventDefault();
    try {
      const report = await get('planning', `/api/v1/plans/${left.value}/compare?with=${encodeURIComponent(right.value)}`);
      mount(compareOut, disruptionTable(report, 'compare-table', await userNames()),
        h('button', { type: 'button', onclick: () => download('planning',
          `/api/v1/plans/${left.value}/compare?with=${encodeURIComponent(right.value)}&format=csv`, 'compare.csv').catch(notify) },
          'Download CSV'));
    } catch (err) { notify(err); }
  } }, h('h2', {}, 'Compare'), field('Plan', left), field('with', right), h('button', { type: 'submit' }, 'Compare'));

  mount(main, h('h1', {}, 'Plans'), h('div', { class: 'cards' }, create, plans.length ? compare : null),
    compareOut, h('section', {}, h('h2', {}, `All plans (${page.total})`), h('div', { class: 'scroll' }, table)));

  async function fork(plan) {
    const name = prompt(`Name of the fork of "${plan.name}"`, plan.name + ' (what-if)');
    if (!name) return;
    try {
      const { body } = await call('planning', `/api/v1/plans/${plan.id}/fork`, { method: 'POST', body: { name } });
      location.hash = '#/plans/' + body.id;
    } catch (err) { notify(err); }
  }
}

let names = null;
/** CRM user names by id (from the planning mirror), so per-person reports show people, not ids. */
export function userNames() {
  if (!names) {
    names = get('planning', '/api/v1/console/users?limit=500')
      .then(users => new Map(users.map(u => [u.id, u.name || u.username || u.id])))
      .catch(() => new Map());
  }
  return names;
}

/** The disruption/compare report as a sortable table with its summary; `people` maps owner ids to names. */
export function disruptionTable(report, id, people = new Map()) {
  return h('div', { class: 'report' },
    h('p', { class: 'summary' }, `${fmt.n(report.moved)} of ${fmt.n(report.accounts)} accounts move (${fmt.pct(report.movedPercent)}), `
      + `open pipeline moving ${fmt.money(report.pipelineMoving)}, ${fmt.n(report.movedWithOpenOpportunities)} taken from a rep with open opportunities.`),
    h('div', { class: 'scroll' }, sortableTable([
      { key: 'holder', label: report.by === 'territory' ? 'Territory' : 'Owner', render: r => people.has(r.holder)
          ? [people.get(r.holder), ' ', h('small', { class: 'muted mono' }, r.holder)] : fmt.text(r.holder) },
      { key: 'kept', label: 'Kept', num: true },
      { key: 'gained', label: 'Gained', num: true },
      { key: 'lost', label: 'Lost', num: true },
      { key: 'bookMovedPercent', label: '% of book moved', num: true, render: r => fmt.pct(r.bookMovedPercent) },
      { key: 'pipelineGained', label: 'Pipeline gained', num: true, render: r => fmt.money(r.pipelineGained) },
      { key: 'pipelineLost', label: 'Pipeline lost', num: true, render: r => fmt.money(r.pipelineLost) },
      { key: 'lostWithOpenOpportunities', label: 'Lost with open opps', num: true },
    ], report.holders.map(x => ({ ...x, bookMovedPercent: x.kept + x.lost === 0 ? 0 : 100 * x.lost / (x.kept + x.lost) })), { id })));
}
