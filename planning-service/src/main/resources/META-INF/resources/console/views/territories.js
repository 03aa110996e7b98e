// Territory tree (expand/collapse, search, keyboard), a territory's accounts with why each is there, quick edits
// (move account / override, assign user, edit quota) and the balancer chart, redrawn after every edit.
import { get } from '../api.js';
import { csvCell, field, fmt, h, mount, select } from '../dom.js';
import { notify } from '../app.js';
import { barChart } from '../chart.js';
import { getAll } from './plan.js';
import { userNames } from './plans.js';

const METRICS = [
  ['potential', 'Potential (annual revenue)'],
  ['openPipeline', 'Open pipeline'],
  ['accounts', 'Accounts'],
  ['quota', 'Quota'],
];

export async function territoriesTab(body, ctx) {
  const [territories, balancer, people, quotas, names] = await Promise.all([
    getAll(`${ctx.base}/territories`),
    get('planning', `${ctx.base}/reports/balancer`),
    get('planning', `${ctx.base}/user-assignments`),
    getAll(`${ctx.base}/quotas`),
    userNames(),
  ]);
  const person = id => (id && names.has(id) ? names.get(id) : id);
  const byKey = new Map(territories.map(t => [t.key, t]));
  const lines = new Map(balancer.territories.map(t => [t.key, t]));
  const children = new Map();
  for (const t of territories) {
    const parent = t.parentKey && byKey.has(t.parentKey) ? t.parentKey : null;
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(t);
  }
  children.forEach(list => list.sort((a, b) => a.key.localeCompare(b.key)));
  ctx.expanded = ctx.expanded || new Set(territories.filter(t => !t.parentKey).map(t => t.key));
  if (!ctx.selected || !byKey.has(ctx.selected)) ctx.selected = territories.length ? (children.get(null) || territories)[0].key : null;
  ctx.metric = ctx.metric || 'potential';

  const search = h('input', { type: 'search', id: 'tree-search', name: 'tree-search', placeholder: 'key or name',
    value: ctx.treeFilter || '', oninput: () => { ctx.treeFilter = search.value; drawTree(); } });
  const tree = h('ul', { role: 'tree', id: 'territory-tree', 'aria-label': 'Territories', onkeydown: treeKeys });
  const detail = h('section', { id: 'territory-detail', 'aria-live': 'polite' });
  const chartBox = h('section', { id: 'balancer', class: 'card' });

  mount(body, h('div', { class: 'plan-grid' },
    h('section', { class: 'card tree-card' }, h('h2', {}, 'Territories'),
      field('Search', search),
      h('div', { class: 'buttons' },
        h('button', { type: 'button', class: 'small', id: 'expand-all', onclick: () => { territories.forEach(t => ctx.expanded.add(t.key)); drawTree(); } }, 'Expand all'),
        h('button', { type: 'button', class: 'small', id: 'collapse-all', onclick: () => { ctx.expanded.clear(); drawTree(); } }, 'Collapse all')),
      territories.length ? tree : h('p', { class: 'muted' }, 'No territories yet (import them with the CLI or the API).'),
      h('p', { class: 'muted small' }, `${fmt.n(balancer.accounts)} accounts in the baseline, `,
        h('span', { id: 'unassigned-count' }, fmt.n(balancer.unassignedAccounts)), ' unassigned.')),
    detail, chartBox));
  drawTree();
  drawChart();
  if (ctx.selected) await drawDetail();

  // ---- tree
  function matches(t, q) { return t.key.toLowerCase().includes(q) || (t.name || '').toLowerCase().includes(q); }
  function visibleUnder(key, q) {
    return (children.get(key) || []).some(c => matches(c, q) || visibleUnder(c.key, q));
  }
  function drawTree() {
    const q = (ctx.treeFilter || '').trim().toLowerCase();
    const item = (t, level) => {
      const kids = children.get(t.key) || [];
      const hit = !q || matches(t, q);
      const under = q && visibleUnder(t.key, q);
      if (!hit && !under) return null;
      const open = q ? under : ctx.expanded.has(t.key);
      const line = lines.get(t.key);
      const flags = line ? line.flags : [];
      return h('li', { role: 'treeitem', 'aria-level': level, 'aria-expanded': kids.length ? String(open) : undefined,
        'aria-selected': String(t.key === ctx.selected), dataset: { key: t.key } },
        h('div', { class: 'node' + (t.key === ctx.selected ? ' selected' : '') },
          kids.length ? h('button', { type: 'button', class: 'toggle', tabindex: '-1',
            'aria-label': (open ? 'Collapse ' : 'Expand ') + t.key,
            onclick: () => { open ? ctx.expanded.delete(t.key) : ctx.expanded.add(t.key); drawTree(); } }, open ? '▾' : '▸')
            : h('span', { class: 'toggle' }, ''),
          h('button', { type: 'button', class: 'name', dataset: { key: t.key }, tabindex: t.key === ctx.selected ? '0' : '-1',
            onclick: () => selectTerritory(t.key) },
            h('strong', {}, t.key), ' ', h('span', { class: 'muted' }, t.name),
            line ? h('span', { class: 'count' }, fmt.n(line.accounts)) : null,
            flags.includes('TBH') ? h('span', { class: 'flag' }, 'TBH') : null)),
        kids.length && open ? h('ul', { role: 'group' }, kids.map(k => item(k, level + 1))) : null);
    };
    mount(tree, (children.get(null) || []).map(t => item(t, 1)));
    if (!tree.querySelector('[tabindex="0"]')) {
      const first = tree.querySelector('button.name');
      if (first) first.tabIndex = 0;
    }
  }
  function treeKeys(e) {
    const buttons = [...tree.querySelectorAll('button.name')];
    const i = buttons.indexOf(document.activeElement);
    if (i < 0) return;
    const key = buttons[i].dataset.key;
    const focus = j => { buttons.forEach(b => b.tabIndex = -1); buttons[j].tabIndex = 0; buttons[j].focus(); };
    if (e.key === 'ArrowDown' && i + 1 < buttons.length) focus(i + 1);
    else if (e.key === 'ArrowUp' && i > 0) focus(i - 1);
    else if (e.key === 'ArrowRight' && (children.get(key) || []).length) { ctx.expanded.add(key); drawTree(); refocus(key); }
    else if (e.key === 'ArrowLeft') { ctx.expanded.delete(key); drawTree(); refocus(key); }
    else if (e.key === 'Home') focus(0);
    else if (e.key === 'End') focus(buttons.length - 1);
    else return;
    e.preventDefault();
  }
  function refocus(key) {
    const b = tree.querySelector(`button.name[data-key="${CSS.escape(key)}"]`);
    if (b) { tree.querySelectorAll('button.name').forEach(x => x.tabIndex = -1); b.tabIndex = 0; b.focus(); }
  }
  async function selectTerritory(key) {
    ctx.selected = key;
    ctx.group = undefined; // the chart follows the selection to its sibling group
    drawTree();
    refocus(key);
    drawChart();
    await drawDetail();
  }

  // ---- balancer chart
  function drawChart() {
    const groups = [...new Set(balancer.territories.map(t => t.parentKey || ''))];
    const selectedLine = lines.get(ctx.selected);
    if (ctx.group === undefined || !groups.includes(ctx.group)) ctx.group = selectedLine ? (selectedLine.parentKey || '') : (groups[0] || '');
    // the fixed measures, then the plan's chosen metrics (PUT …/metrics) by their labels
    const options = [['potential', `Potential (${balancer.potentialField || 'AnnualRevenue'})`], ...METRICS.slice(1),
      ...(balancer.metrics || []).map((m, i) => [`metric:${i}`, m.label])];
    if (!options.some(o => o[0] === ctx.metric)) ctx.metric = 'potential';
    const metric = select('metric', options, ctx.metric, { id: 'balancer-metric',
      onchange: e => { ctx.metric = e.target.value; drawChart(); } });
    const group = select('group', [['*', 'All territories'], ...groups.map(g => [g, g ? `Children of ${g}` : 'Top level'])],
      ctx.group, { id: 'balancer-group', onchange: e => { ctx.group = e.target.value; drawChart(); } });
    const rows = balancer.territories.filter(t => ctx.group === '*' || (t.parentKey || '') === ctx.group);
    const label = options.find(m => m[0] === ctx.metric)[1];
    const value = t => (ctx.metric.startsWith('metric:') ? (t.metrics || [])[Number(ctx.metric.slice(7))] : t[ctx.metric]);
    const bars = rows.map(t => ({ key: t.key, label: t.name, value: Number(value(t) ?? 0) }));
    const chart = barChart(bars, balancer.band, label);
    mount(chartBox, h('h2', {}, 'Balancer'),
      h('div', { class: 'row' }, field('Metric', metric), field('Compare', group)),
      bars.length ? chart.svg : h('p', { class: 'muted' }, 'No territories to chart.'),
      h('p', { class: 'legend', id: 'balancer-stats' },
        h('span', { class: 'key mean' }, ''), ` mean ${fmt.d(chart.stats.mean)} · `,
        h('span', { class: 'key band' }, ''), ` band ±${Math.round(balancer.band * 100)} % (${fmt.d(chart.low)} – ${fmt.d(chart.high)}) · `,
        `spread (coefficient of variation) ${fmt.pct(chart.stats.cv * 100)} · `,
        h('span', { class: 'key out' }, ''), ' out of band: ',
        h('strong', { id: 'out-of-band' }, chart.outOfBand.length ? chart.outOfBand.join(', ') : 'none')),
      h('p', { class: 'muted small' }, `Report of plan version ${balancer.version}, ${fmt.time(balancer.generatedAt)}.`));
  }

  // ---- selected territory
  async function drawDetail() {
    const t = byKey.get(ctx.selected);
    const line = lines.get(t.key) || {};
    const accountSearch = h('input', { type: 'search', id: 'account-search', name: 'account-search', placeholder: 'account name or id',
      value: ctx.accountFilter || '' });
    const accountsBox = h('div', { id: 'accounts' }, h('p', { class: 'muted' }, 'Loading accounts…'));
    accountSearch.addEventListener('change', () => { ctx.accountFilter = accountSearch.value; loadAccounts(); });
    const mine = people.filter(p => p.territoryKey === t.key);
    const myQuotas = quotas.filter(q => q.territoryKey === t.key);
    mount(detail, h('div', { class: 'card' },
      h('h2', { id: 'detail-title' }, `${t.name} (${t.key})`),
      h('p', { class: 'meta' }, `type ${t.typeKey} · parent ${t.parentKey || '—'} · headcount capacity ${fmt.text(t.headcountCapacity)}`),
      h('dl', { class: 'facts' },
        fact('Accounts', fmt.n(line.accounts), 'fact-accounts'), fact('Potential', fmt.money(line.potential), 'fact-potential'),
        fact('Open pipeline', fmt.money(line.openPipeline), 'fact-pipeline'), fact('Quota', fmt.money(line.quota), 'fact-quota'),
        fact('Owners', (line.owners || []).map(person).join(', ') || '—'), fact('Flags', (line.flags || []).join(', ') || '—', 'fact-flags')),
      h('h3', {}, 'Accounts and why they are here'),
      h('form', { class: 'row', onsubmit: e => { e.preventDefault(); ctx.accountFilter = accountSearch.value; loadAccounts(); } },
        field('Find account', accountSearch), h('button', { type: 'submit', class: 'small' }, 'Find')),
      accountsBox,
      ctx.editable ? overrideForm(t) : null,
      h('h3', {}, 'People'), peopleTable(mine), ctx.editable ? assignForm(t) : null,
      h('h3', {}, 'Quotas'), quotaTable(myQuotas), ctx.editable ? quotaForm(t) : null));
    await loadAccounts();

    async function loadAccounts() {
      try {
        const q = ctx.accountFilter ? `&q=${encodeURIComponent(ctx.accountFilter)}` : '';
        const r = await get('planning', `/api/v1/console/plans/${ctx.id}/territories/${encodeURIComponent(t.key)}/accounts?limit=200${q}`);
        mount(accountsBox, accountsTable(r, t));
      } catch (e) { notify(e); }
    }
  }

  function fact(label, value, id) { return h('div', {}, h('dt', {}, label), h('dd', { id }, value)); }

  function territoryOptions(except) {
    return territories.filter(x => x.key !== except).map(x => [x.key, `${x.key} — ${x.name}`]);
  }

  function accountsTable(r, t) {
    const rows = r.items.map(a => {
      const tr = h('tr', { dataset: { account: a.accountId } },
        h('td', {}, h('strong', {}, a.name || a.accountId), h('br'),
          h('small', { class: 'muted' }, [a.accountId, [a.country, a.state].filter(Boolean).join(' / ')].filter(Boolean).join(' · '))),
        h('td', {}, a.ownerName || a.ownerId || '—'),
        h('td', { class: 'num' }, fmt.money(a.potential)),
        h('td', { class: 'num' }, fmt.money(a.openPipeline)),
        h('td', { class: 'why', title: (a.steps || []).join('\n') },
          h('span', { class: 'badge ' + a.source.toLowerCase() }, a.source === 'OVERRIDE' ? 'override' : 'rule'), ' ', a.why || ''),
        h('td', {}, ctx.editable ? [
          h('button', { type: 'button', class: 'small move', 'aria-label': `Move ${a.name || a.accountId}`, onclick: () => moveForm(tr, a, t) }, 'Move…'),
          a.source === 'OVERRIDE' ? h('button', { type: 'button', class: 'small link', 'aria-label': `Remove override of ${a.name}`,
            onclick: () => save('DELETE', `/overrides/${encodeURIComponent(a.accountId)}`) }, 'Remove override') : null] : ''));
      return tr;
    });
    return h('div', {},
      h('p', { class: 'muted small', id: 'accounts-total' }, r.total > r.items.length
        ? `Showing ${r.items.length} of ${fmt.n(r.total)} accounts (search to narrow).` : `${fmt.n(r.total)} accounts.`),
      h('div', { class: 'scroll' }, h('table', { class: 'grid', id: 'accounts-table' },
        h('thead', {}, h('tr', {}, ['Account', 'Owner (baseline)', 'Potential', 'Open pipeline', 'Why here', ''].map(c => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: 6, class: 'muted' }, 'No accounts.'))))));
  }

  function moveForm(tr, a, t) {
    const existing = tr.nextElementSibling;
    if (existing && existing.classList.contains('edit-row')) { existing.remove(); return; }
    const target = select('territoryKey', territoryOptions(t.key), null, { id: 'move-target' });
    const reason = h('input', { name: 'reason', id: 'move-reason', required: true, maxlength: 500, placeholder: 'why it moves' });
    const row = h('tr', { class: 'edit-row' }, h('td', { colspan: 6 }, h('form', { class: 'row', onsubmit: async e => {
      e.preventDefault();
      await save('PUT', `/overrides/${encodeURIComponent(a.accountId)}`, { territoryKey: target.value, reason: reason.value.trim() });
    } }, field('Move to', target), field('Reason (kept as the override reason)', reason),
      h('button', { type: 'submit', id: 'move-save' }, 'Move'),
      h('button', { type: 'button', class: 'link', onclick: () => row.remove() }, 'Cancel'))));
    tr.after(row);
    target.focus();
  }

  function overrideForm(t) {
    const account = h('input', { name: 'accountId', id: 'override-account', required: true, placeholder: '001…' });
    const target = select('territoryKey', territoryOptions(null), t.key, { id: 'override-target' });
    const reason = h('input', { name: 'reason', id: 'override-reason', required: true, maxlength: 500 });
    return h('details', {}, h('summary', {}, 'Set an override by account id'),
      h('form', { class: 'row', onsubmit: async e => {
        e.preventDefault();
        await save('PUT', `/overrides/${encodeURIComponent(account.value.trim())}`, { territoryKey: target.value, reason: reason.value.trim() });
      } }, field('Account id', account), field('Territory', target), field('Reason', reason),
        h('button', { type: 'submit' }, 'Set override')));
  }

  function peopleTable(mine) {
    return h('table', { class: 'grid', id: 'people-table' },
      h('thead', {}, h('tr', {}, ['User', 'Role', 'From', 'To', 'Split %', ''].map(c => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, mine.length ? mine.map(p => h('tr', {},
        h('td', {}, person(p.userId)), h('td', {}, p.role), h('td', {}, p.startDate), h('td', {}, fmt.text(p.endDate)),
        h('td', { class: 'num' }, fmt.text(p.splitPercent)),
        h('td', {}, ctx.editable ? h('button', { type: 'button', class: 'small link', 'aria-label': `Remove ${p.userId} from ${p.territoryKey}`,
          onclick: () => save('DELETE', `/user-assignments/${p.id}`) }, 'Remove') : '')))
        : h('tr', {}, h('td', { colspan: 6, class: 'muted' }, 'Nobody assigned (TBH).'))));
  }

  function assignForm(t) {
    const list = h('datalist', { id: 'crm-users' });
    const user = h('input', { name: 'userId', id: 'assign-user', required: true, list: 'crm-users', placeholder: 'type a name, pick the id',
      autocomplete: 'off' });
    let timer;
    user.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        try {
          const users = await get('planning', `/api/v1/console/users?limit=20&q=${encodeURIComponent(user.value)}`);
          mount(list, users.map(u => h('option', { value: u.id }, `${u.name || u.username}${u.active ? '' : ' (inactive)'}`)));
        } catch (e) { /* suggestions are optional */ }
      }, 250);
    });
    const role = select('role', ['Owner', 'Overlay', 'Manager'], 'Owner', { id: 'assign-role' });
    const start = h('input', { type: 'date', name: 'startDate', id: 'assign-start', required: true, value: ctx.plan.fiscalYearStart });
    return h('form', { class: 'row', id: 'assign-form', onsubmit: async e => {
      e.preventDefault();
      await save('POST', '/user-assignments', { territoryKey: t.key, userId: user.value.trim(), role: role.value, startDate: start.value });
    } }, field('User', user), list, field('Role', role), field('From', start), h('button', { type: 'submit' }, 'Assign user'));
  }

  function quotaTable(mine) {
    return h('table', { class: 'grid', id: 'quota-table' },
      h('thead', {}, h('tr', {}, ['Period', 'Type', 'User', 'Amount', 'After ramp', ''].map(c => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, mine.length ? mine.map(q => {
        const amount = h('input', { type: 'number', min: '0', step: 'any', name: 'amount', value: q.amount ?? '',
          'aria-label': `Quota amount from ${q.periodStart}`, class: 'quota-amount', dataset: { quota: q.id } });
        return h('tr', {}, h('td', {}, q.periodStart), h('td', {}, q.periodType), h('td', {}, fmt.text(q.userId)),
          h('td', {}, ctx.editable ? amount : fmt.money(q.amount)), h('td', { class: 'num' }, fmt.money(q.effectiveAmount)),
          h('td', {}, ctx.editable ? h('button', { type: 'button', class: 'small quota-save', onclick: () => saveQuota(q, amount.value) }, 'Save') : ''));
      }) : h('tr', {}, h('td', { colspan: 6, class: 'muted' }, 'No quota.'))));
  }

  /** Changes one quota in one transaction: a one-row CSV import upserts it by its natural key. */
  async function saveQuota(q, amount) {
    if (amount === '' || Number(amount) < 0) { notify('The amount must be a number ≥ 0.'); return; }
    const columns = ['periodStart', 'periodType', 'userId', 'territoryKey', 'amount', 'quantity', 'forecastingType', 'rampProfile', 'rampStart'];
    const values = [q.periodStart, q.periodType, q.userId, q.territoryKey, amount, q.quantity, q.forecastingType, q.rampProfile, q.rampStart];
    await save('POST', '/imports/quotas', columns.join(',') + '\n' + values.map(csvCell).join(',') + '\n', { bodyType: 'text/csv' });
  }

  function quotaForm(t) {
    const periods = [[ctx.plan.fiscalYearStart, `Year from ${ctx.plan.fiscalYearStart}`],
      ...ctx.plan.quarters.map((d, i) => [d + '|Quarter', `Q${i + 1} from ${d}`])];
    const period = select('period', periods.map(([v, l]) => [v.includes('|') ? v : v + '|Year', l]), null, { id: 'quota-period' });
    const amount = h('input', { type: 'number', min: '0', step: 'any', name: 'amount', id: 'quota-amount', required: true });
    return h('form', { class: 'row', id: 'quota-form', onsubmit: async e => {
      e.preventDefault();
      const [periodStart, periodType] = period.value.split('|');
      await save('POST', '/quotas', { territoryKey: t.key, periodStart, periodType, amount: Number(amount.value) });
    } }, field('Period', period), field('Amount', amount), h('button', { type: 'submit' }, 'Add quota'));
  }

  async function save(method, path, payload, options) {
    try {
      await ctx.edit(method, path, payload, options);
    } catch (e) {
      return; // ctx.edit has shown the problem; the form keeps what the user typed
    }
    notify('Saved. Balancer and accounts are up to date with version ' + ctx.plan.version + '.', 'info');
    await ctx.refresh();
  }
}
