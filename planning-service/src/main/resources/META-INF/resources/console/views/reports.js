// Disruption per person, balance per territory, CRM modifications since the baseline: sortable, with CSV download.
import { download, get } from '../api.js';
import { csvCell, field, fmt, h, mount, select, sortableTable } from '../dom.js';
import { notify } from '../app.js';
import { disruptionTable, userNames } from './plans.js';
import { getAll } from './plan.js';

export async function reportsTab(body, ctx) {
  const against = select('against', [['baseline', 'the baseline owners'], ['live', 'the live CRM']], ctx.against || 'baseline',
    { id: 'disruption-against' });
  const disruptionBox = h('div', { id: 'disruption' });
  const territoryBox = h('div', { id: 'per-territory' });
  const crmBox = h('div', { id: 'crm-changes' });
  const rollupBox = h('div', { id: 'quota-rollup' });
  against.addEventListener('change', () => { ctx.against = against.value; loadDisruption(); });

  mount(body,
    h('section', { class: 'card' }, h('h2', {}, 'Disruption per person'),
      h('div', { class: 'row' }, field('Compared with', against),
        h('button', { type: 'button', id: 'disruption-csv', onclick: () => download('planning',
          `${ctx.base}/reports/disruption?against=${against.value}&format=csv`, 'disruption.csv').catch(notify) }, 'Download CSV')),
      disruptionBox),
    h('section', { class: 'card' }, h('h2', {}, 'Per territory'),
      h('div', { class: 'row' }, h('button', { type: 'button', id: 'territory-csv', onclick: () => download('planning',
        `${ctx.base}/reports/balancer?format=csv`, 'balancer.csv').catch(notify) }, 'Download CSV')),
      territoryBox),
    h('section', { class: 'card' }, h('h2', {}, 'CRM modifications since the baseline'), crmBox),
    h('section', { class: 'card' }, h('h2', {}, 'Quota roll-up warnings'), rollupBox));

  await Promise.all([loadDisruption(), loadTerritories(), loadCrmChanges(), loadRollup()]);

  async function loadDisruption() {
    try {
      const report = await get('planning', `${ctx.base}/reports/disruption?against=${against.value}`);
      mount(disruptionBox, disruptionTable(report, 'disruption-table', await userNames()));
    } catch (e) { notify(e); }
  }

  async function loadTerritories() {
    const report = await get('planning', `${ctx.base}/reports/balancer`);
    const parts = [sortableTable([
      { key: 'key', label: 'Territory' }, { key: 'name', label: 'Name' }, { key: 'parentKey', label: 'Parent' },
      { key: 'accounts', label: 'Accounts', num: true, render: r => fmt.n(r.accounts) },
      { key: 'potential', label: 'Potential', num: true, render: r => fmt.money(r.potential) },
      { key: 'openPipeline', label: 'Open pipeline', num: true, render: r => fmt.money(r.openPipeline) },
      { key: 'quota', label: 'Quota', num: true, render: r => fmt.money(r.quota) },
      { key: 'quotaToPotential', label: 'Quota ÷ potential', num: true },
      { key: 'owners', label: 'Owners', render: r => (r.ownerNames || r.owners).join(', ') || '—' },
      { key: 'flags', label: 'Flags', render: r => r.flags.join(', ') || '—' },
      // the plan's chosen metrics, one column each
      ...(report.metrics || []).map((m, i) => ({ key: `metric${i}`, label: m.label, num: true, render: r => fmt.n(r[`metric${i}`]) })),
    ], report.territories.map(t => ({ ...t, ...Object.fromEntries((t.metrics || []).map((v, i) => [`metric${i}`, v])) })),
    { id: 'territory-table' })];
    if (ctx.plan.forkedFrom) {
      const compare = await get('planning', `${ctx.base}/compare?with=${ctx.plan.forkedFrom}`).catch(() => null);
      if (compare) parts.push(h('h3', {}, 'Accounts moved between territories compared with the source plan'),
        disruptionTable(compare, 'fork-compare-table'));
    }
    mount(territoryBox, h('div', { class: 'scroll' }, parts));
  }

  async function loadCrmChanges() {
    const rows = (await getAll(`${ctx.base}/reports/crm-changes`)).map(c => ({ ...c, kind: c.kinds.join(', ') }));
    const columns = [
      { key: 'accountId', label: 'Account id' }, { key: 'name', label: 'Name' }, { key: 'kind', label: 'What changed' },
      { key: 'baselineOwnerId', label: 'Owner (baseline)' }, { key: 'liveOwnerId', label: 'Owner (CRM now)' },
      { key: 'baselineTerritory', label: 'Territory (baseline)' }, { key: 'liveTerritory', label: 'Territory (CRM now)' },
      { key: 'liveModstamp', label: 'Changed', render: r => fmt.time(r.liveModstamp) },
    ];
    mount(crmBox, h('div', { class: 'row' }, h('span', { class: 'muted' }, `${rows.length} accounts changed in the CRM since the baseline.`),
      h('button', { type: 'button', id: 'crm-changes-csv', onclick: () => saveCsv(columns, rows, 'crm-changes.csv') }, 'Download CSV')),
      h('div', { class: 'scroll' }, sortableTable(columns, rows, { id: 'crm-changes-table' })));
  }

  async function loadRollup() {
    const warnings = await get('planning', `${ctx.base}/reports/quota-rollup`);
    const keys = warnings.length ? Object.keys(warnings[0]) : [];
    mount(rollupBox, warnings.length
      ? sortableTable(keys.map(k => ({ key: k, label: k, num: typeof warnings[0][k] === 'number' })), warnings, { id: 'rollup-table' })
      : h('p', { class: 'muted' }, 'No parent carries less or more than its children allow.'));
  }
}

/** A CSV made in the browser from rows already shown (the CRM-changes endpoint is JSON only). */
function saveCsv(columns, rows, fileName) {
  const guard = v => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? "'" + v : v);
  const text = [columns.map(c => csvCell(c.label)).join(','),
    ...rows.map(r => columns.map(c => csvCell(guard(r[c.key]))).join(','))].join('\r\n') + '\r\n';
  const a = h('a', { href: URL.createObjectURL(new Blob([text], { type: 'text/csv' })), download: fileName });
  document.body.append(a);
  a.click();
  a.remove();
}
