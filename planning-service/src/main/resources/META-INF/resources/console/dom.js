// Tiny DOM helpers: h() builds elements (text is always set as text, never as HTML).
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'value') el.value = v;
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function mount(target, ...children) {
  target.replaceChildren();
  append(target, children);
  return target;
}

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
export const fmt = {
  n: v => (v === null || v === undefined || v === '') ? '—' : number.format(Number(v)),
  d: v => (v === null || v === undefined || v === '') ? '—' : decimal.format(Number(v)),
  pct: v => (v === null || v === undefined) ? '—' : decimal.format(Number(v)) + ' %',
  money: v => (v === null || v === undefined) ? '—' : number.format(Number(v)),
  time: v => v ? new Date(v).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' }) : '—',
  text: v => (v === null || v === undefined || v === '') ? '—' : String(v),
};

/** A labelled form field: <label>text <input></label> so every control has its label. */
export function field(label, control, hint) {
  return h('label', { class: 'field' }, h('span', {}, label), control, hint ? h('small', { class: 'muted' }, hint) : null);
}

export function select(name, options, value, attrs = {}) {
  return h('select', { name, ...attrs },
    options.map(o => {
      const [v, text] = Array.isArray(o) ? o : [o, o];
      return h('option', { value: v, selected: String(v) === String(value) }, text);
    }));
}

/**
 * A table whose headers sort it (click or Enter/Space on the header button). columns: [{key, label, num, render}].
 * Returns the <table>; rows are plain objects.
 */
export function sortableTable(columns, rows, attrs = {}) {
  let sortKey = null;
  let ascending = true;
  const tbody = h('tbody');
  const headers = columns.map(c => {
    const button = h('button', { type: 'button', class: 'sort', onclick: () => sortBy(c.key) }, c.label);
    return h('th', { scope: 'col', class: c.num ? 'num' : '', 'aria-sort': 'none', dataset: { key: c.key } }, button);
  });
  function render() {
    const sorted = [...rows];
    if (sortKey) {
      const col = columns.find(c => c.key === sortKey);
      sorted.sort((a, b) => {
        const x = a[sortKey], y = b[sortKey];
        const cmp = col.num ? (Number(x ?? -Infinity) - Number(y ?? -Infinity))
          : String(x ?? '').localeCompare(String(y ?? ''));
        return ascending ? cmp : -cmp;
      });
    }
    tbody.replaceChildren(...sorted.map(r => h('tr', {},
      columns.map(c => h('td', { class: c.num ? 'num' : '' }, c.render ? c.render(r) : (c.num ? fmt.d(r[c.key]) : fmt.text(r[c.key])))))));
    if (!sorted.length) tbody.append(h('tr', {}, h('td', { colspan: columns.length, class: 'muted' }, 'Nothing to show.')));
  }
  function sortBy(key) {
    ascending = sortKey === key ? !ascending : true;
    sortKey = key;
    headers.forEach(th => th.setAttribute('aria-sort',
      th.dataset.key === key ? (ascending ? 'ascending' : 'descending') : 'none'));
    render();
  }
  render();
  return h('table', { class: 'grid', ...attrs }, h('thead', {}, h('tr', {}, headers)), tbody);
}

/** Quotes one CSV cell (RFC 4180). */
export function csvCell(v) {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}
