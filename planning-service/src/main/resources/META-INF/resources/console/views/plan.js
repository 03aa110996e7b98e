// The plan page: header, tabs, and the shared edit path (If-Match, conflicts shown clearly).
import { ApiError, call, get, session } from '../api.js';
import { fmt, h, mount } from '../dom.js';
import { clearNotice, notify } from '../app.js';
import { territoriesTab } from './territories.js';
import { reportsTab } from './reports.js';
import { reviewTab } from './review.js';
import { pushTab } from './push.js';

const TABS = [
  ['territories', 'Territories & balancer'],
  ['reports', 'Reports'],
  ['review', 'Review'],
  ['push', 'Push'],
];

/** Reads every page of a paged list endpoint. */
export async function getAll(path) {
  const items = [];
  for (let page = 0; ; page++) {
    const sep = path.includes('?') ? '&' : '?';
    const body = await get('planning', `${path}${sep}page=${page}&size=1000`);
    items.push(...body.items);
    if (items.length >= body.total || body.items.length === 0) return items;
  }
}

export async function planView(main, planId, tab) {
  const ctx = {
    id: planId,
    base: `/api/v1/plans/${planId}`,
    plan: null,
    etag: null,
    async load() {
      const r = await call('planning', this.base);
      this.plan = r.body;
      this.etag = r.etag;
      renderHeader();
      return this.plan;
    },
    get editable() { return this.plan.status === 'DRAFT' && session.hasAny('planner'); },
    /**
     * One edit with the ETag the page was drawn from. A 412 means someone else changed the plan since: say so and
     * offer a reload instead of silently retrying over their change.
     */
    async edit(method, path, body, options = {}) {
      try {
        const r = await call('planning', this.base + path, { method, body, ifMatch: this.etag, ...options });
        if (r.etag) this.etag = r.etag;
        await this.load();
        return r;
      } catch (e) {
        if (e instanceof ApiError && e.status === 412) {
          notify(`Someone else changed this plan since you loaded it (you had version ${this.plan.version}). `
            + 'Your change was NOT saved. Reload to see their changes, then make yours again.', 'conflict',
            [h('button', { type: 'button', id: 'conflict-reload', onclick: () => { clearNotice(); refresh().catch(notify); } }, 'Reload plan')],
            412);
        } else if (e instanceof ApiError && e.status === 409) {
          notify(`Not saved: ${e.describe()}`, 'conflict', [], 409);
        } else {
          notify(e);
        }
        throw e;
      }
    },
  };

  const header = h('div', { class: 'plan-head' });
  const body = h('div', { id: 'plan-body' });
  mount(main, header, body);

  function renderHeader() {
    const p = ctx.plan;
    mount(header,
      h('p', { class: 'crumbs' }, h('a', { href: '#/plans' }, 'Plans'), ' / '),
      h('h1', { id: 'plan-name' }, p.name, ' ', h('span', { class: 'status s-' + p.status, id: 'plan-status' }, p.status)),
      h('p', { class: 'meta' }, `Version `, h('span', { id: 'plan-version' }, String(p.version)),
        ` · author ${p.author} · fiscal year ${p.fiscalYearStart} – ${p.fiscalYearEnd} · baseline ${fmt.time(p.baselineAt)}`,
        p.forkedFrom ? [' · forked from ', h('a', { href: '#/plans/' + p.forkedFrom }, 'source plan')] : null,
        p.status !== 'DRAFT' ? h('span', { class: 'note' }, ' · read-only: only drafts can be edited (fork it for a what-if)') : null),
      h('nav', { class: 'tabs', 'aria-label': 'Plan sections' }, TABS.map(([key, label]) =>
        h('a', { href: `#/plans/${planId}/${key}`, id: 'tab-' + key, 'aria-current': key === tab ? 'page' : 'false' }, label))));
  }

  async function refresh() {
    await ctx.load();
    const view = { territories: territoriesTab, reports: reportsTab, review: reviewTab, push: pushTab }[tab] || territoriesTab;
    await view(body, ctx);
  }
  ctx.refresh = refresh;
  await refresh();
}
