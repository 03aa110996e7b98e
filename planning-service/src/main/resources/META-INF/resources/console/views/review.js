// Review: submit, approve or reject with a comment (the author cannot approve), and the audit history.
import { get, session } from '../api.js';
import { field, fmt, h, mount, select } from '../dom.js';
import { notify } from '../app.js';

export async function reviewTab(body, ctx) {
  const p = ctx.plan;
  const comment = h('textarea', { id: 'decision-comment', name: 'comment', rows: 3, maxlength: 2000 });
  const isAuthor = session.user === p.author;
  const actions = [];
  if (p.status === 'DRAFT' && session.hasAny('planner')) {
    actions.push(h('button', { type: 'button', id: 'submit-plan', onclick: () => decide('submit') }, 'Submit for review'));
  }
  if (p.status === 'IN_REVIEW' && session.hasAny('approver')) {
    if (isAuthor) {
      actions.push(h('p', { class: 'note', id: 'author-note' }, 'You wrote this plan, so someone else has to approve it.'));
    } else {
      actions.push(field('Comment (required to reject)', comment),
        h('div', { class: 'buttons' },
          h('button', { type: 'button', id: 'approve-plan', onclick: () => decide('approve') }, 'Approve'),
          h('button', { type: 'button', id: 'reject-plan', class: 'danger', onclick: () => decide('reject') }, 'Reject')));
    }
  }
  if (!actions.length) actions.push(h('p', { class: 'muted' }, `Nothing to do here for your role while the plan is ${p.status}.`));

  const entity = select('entity', [['', 'everything'], 'plan', 'territoryType', 'territory', 'rule', 'override', 'exclusion', 'userAssignment', 'quota', 'baseline'],
    ctx.auditEntity || '', { id: 'audit-entity' });
  const history = h('div', { id: 'audit' });
  entity.addEventListener('change', () => { ctx.auditEntity = entity.value; loadAudit(); });

  mount(body,
    h('section', { class: 'card' }, h('h2', {}, 'Review'),
      h('dl', { class: 'facts' },
        h('div', {}, h('dt', {}, 'Status'), h('dd', { id: 'review-status' }, p.status)),
        h('div', {}, h('dt', {}, 'Submitted'), h('dd', {}, p.submittedBy ? `${p.submittedBy}, ${fmt.time(p.submittedAt)}` : '—')),
        h('div', {}, h('dt', {}, 'Decided'), h('dd', {}, p.decidedBy ? `${p.decidedBy}, ${fmt.time(p.decidedAt)}` : '—')),
        h('div', {}, h('dt', {}, 'Comment'), h('dd', { id: 'decision-shown' }, fmt.text(p.decisionComment))),
        h('div', {}, h('dt', {}, 'Checksum'), h('dd', { class: 'mono' }, fmt.text(p.checksum)))),
      actions),
    h('section', { class: 'card' }, h('h2', {}, 'Audit history'), field('Show', entity), history));
  await loadAudit();

  async function decide(action) {
    const text = comment.value.trim();
    if (action === 'reject' && !text) { notify('Say why the plan is rejected: the comment goes back to the author.'); comment.focus(); return; }
    try {
      await ctx.edit('POST', `/${action}`, action === 'submit' ? undefined : { comment: text || null });
      notify({ submit: 'Submitted for review.', approve: 'Approved: the plan is handed to the sync service.', reject: 'Rejected: back to draft.' }[action], 'info');
      await ctx.refresh();
    } catch (e) { /* shown by ctx.edit */ }
  }

  async function loadAudit() {
    const q = ctx.auditEntity ? `&entity=${encodeURIComponent(ctx.auditEntity)}` : '';
    const page = await get('planning', `${ctx.base}/audit?size=500${q}`);
    mount(history, h('p', { class: 'muted small' }, `${page.total} entries, oldest first.`),
      h('div', { class: 'scroll' }, h('table', { class: 'grid', id: 'audit-table' },
        h('thead', {}, h('tr', {}, ['When', 'Who', 'Action', 'What', 'Before', 'After'].map(c => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, page.items.map(e => h('tr', {},
          h('td', {}, fmt.time(e.at)), h('td', {}, e.actor), h('td', {}, e.action),
          h('td', {}, `${e.entity} ${e.entityKey || ''}`),
          h('td', { class: 'json' }, e.before == null ? '' : JSON.stringify(e.before)),
          h('td', { class: 'json' }, e.after == null ? '' : JSON.stringify(e.after))))))));
  }
}
