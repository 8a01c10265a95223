// The unified inbox: the agent's views with counts, the ticket list with filters, sorting, search, multi-select,
// bulk actions and keyboard navigation; refreshed by the live stream.
import { api, query } from './api.js';
import { h, mount, debounce } from './dom.js';
import { t, formatWhen, formatDateTime, formatDuration } from './i18n.js';
import { icon } from './icons.js';
import { app, showCounts, toast } from './main.js';

const OPEN = 'NEW,OPEN,PENDING,ON_HOLD';
const STATUSES = ['NEW', 'OPEN', 'PENDING', 'ON_HOLD', 'SOLVED', 'CLOSED'];
const CHANNELS = ['EMAIL', 'CONTACT_FORM', 'RETURN_FORM', 'MESSENGER', 'INSTAGRAM', 'WHATSAPP', 'TELEGRAM', 'X', 'PHONE', 'IN_PERSON'];
const PRIORITIES = ['LOW', 'NORMAL', 'HIGH', 'URGENT'];
const PAGE = 50;

let savedViews = [];
let savedLoaded = false;

/** The inbox's views for this agent: built in (with their filters) and saved. */
export function viewsFor(me) {
  const builtIn = [
    { key: 'mine', label: t('view.mine'), filters: { status: OPEN, assignee: 'me' }, icon: 'user' },
    { key: 'unassigned', label: t('view.unassigned'), filters: { status: 'NEW,OPEN', assignee: 'unassigned' }, icon: 'inbox' },
    ...(me.teams || []).map((team) => ({ key: `team:${team}`, label: t('view.team', { team }), filters: { status: OPEN, team }, icon: 'inbox' })),
    { key: 'open', label: t('view.open'), filters: { status: OPEN }, icon: 'inbox' },
    { key: 'due-soon', label: t('view.dueSoon'), filters: { sla: 'due-soon', sort: 'sla' }, icon: 'clock' },
    { key: 'breached', label: t('view.breached'), filters: { sla: 'breached', sort: 'sla' }, icon: 'warn' },
  ];
  const saved = savedViews.map((v) => ({ key: `view:${v.id}`, label: v.name, filters: { view: v.id } }));
  return { builtIn, saved };
}

export function inboxKey(name, params) {
  return params.get('q') ? 'search' : name;
}

function viewOf(key, params) {
  const views = viewsFor(app.me);
  const found = [...views.builtIn, ...views.saved].find((v) => v.key === key);
  if (found) return found;
  if (key === 'search') return { key, label: t('view.search', { q: params.get('q') }), filters: { q: params.get('q') }, search: true };
  return views.builtIn.find((v) => v.key === 'open');
}

let state = null;

export async function renderInbox(main, key, params) {
  if (!savedLoaded) {
    savedLoaded = true;
    try {
      savedViews = await api('/api/v1/views');
    } catch (e) {
      savedViews = [];
    }
  }
  const view = viewOf(key, params);
  const chosen = {};
  for (const name of ['status', 'channel', 'priority', 'sort']) if (params.get(name)) chosen[name] = params.get(name);
  state = { key, view, params, filters: { ...view.filters, ...chosen }, items: [], next: null, selected: new Set(),
    cursor: 0, main, started: performance.now() };
  app.keys = inboxKeys();
  const title = h('h1', { id: 'inbox-title' }, view.label);
  state.bulk = h('div', { class: 'bulk-bar', hidden: true, role: 'region', 'aria-label': t('list.selected', { n: '' }) });
  state.list = h('div', { class: 'list-region', 'aria-busy': 'true' }, h('p', { class: 'muted pad' }, t('loading')));
  mount(main, h('section', { class: 'inbox', 'aria-labelledby': 'inbox-title' },
    h('div', { class: 'inbox-head' }, title, filterBar()), state.bulk, state.list));
  document.title = `${view.label} · Tiski`;
  await load(false);
  refreshCounts();
}

function filterBar() {
  const select = (name, label, values, labelOf, current) => h('label', { class: 'filter' },
    h('span', {}, label),
    h('select', { name, onchange: (e) => setFilter(name, e.target.value) },
      h('option', { value: '' }, t('filter.any')),
      values.map((v) => h('option', { value: v, selected: v === current }, labelOf(v)))));
  const chosen = state.params;
  return h('div', { class: 'filters' },
    select('status', t('filter.status'), STATUSES, (v) => t(`status.${v}`), chosen.get('status')),
    select('channel', t('filter.channel'), CHANNELS, (v) => t(`channel.${v}`), chosen.get('channel')),
    select('priority', t('filter.priority'), PRIORITIES, (v) => t(`priority.${v}`), chosen.get('priority')),
    h('label', { class: 'filter' }, h('span', {}, t('filter.sort')),
      h('select', { name: 'sort', onchange: (e) => setFilter('sort', e.target.value) },
        ['created', 'last-message', 'sla'].map((v) => h('option', { value: v, selected: v === (state.filters.sort || 'created') }, t(`sort.${v}`))))),
    app.me.role === 'read-only' ? null : h('button', { type: 'button', class: 'ghost', id: 'save-view', onclick: saveView }, t('view.save')));
}

/** Keeps the list's current filters and order as a saved view of the agent's own. */
async function saveView() {
  const name = prompt(t('view.saveName'), state.view.label);
  if (!name || !name.trim()) return;
  const { sort, view, limit, cursor, ...rest } = state.filters;
  const filters = {};
  for (const [key, value] of Object.entries(rest)) {
    if (value !== undefined && value !== null && value !== '') filters[key] = String(value).split(',');
  }
  try {
    const saved = await api('/api/v1/views', { method: 'POST', body: { name: name.trim(), filters, sort: sort || null } });
    savedViews = await api('/api/v1/views');
    toast(t('view.saved', { name: saved.name }));
    location.hash = `#/inbox/view:${saved.id}`;
  } catch (e) {
    toast(e.message, 'error');
  }
}

function setFilter(name, value) {
  const params = new URLSearchParams(state.params);
  if (value) params.set(name, value); else params.delete(name);
  const path = state.key === 'search' ? 'search' : state.key;
  location.hash = `#/inbox/${path}${params.toString() ? `?${params}` : ''}`;
}

async function load(more, keep = 0) {
  const filters = { ...state.filters, limit: keep > PAGE ? Math.min(keep, 200) : PAGE };
  if (more && state.next) filters.cursor = state.next;
  try {
    const page = await api(`/api/v1/tickets${query(filters)}`);
    state.items = more ? state.items.concat(page.items) : page.items;
    state.next = page.nextCursor;
    renderList();
    if (!more && state.started) {
      // measured by the browser benchmark: this view's first page, and the first page since the page loaded
      performance.mark('tiski-inbox-rendered');
      document.body.dataset.inboxRenderedMs = String(Math.round(performance.now() - state.started));
      if (!document.body.dataset.inboxFirstPageMs) document.body.dataset.inboxFirstPageMs = String(Math.round(performance.now()));
      state.started = null;
    }
  } catch (e) {
    mount(state.list, h('p', { class: 'form-error pad', role: 'alert' }, t('error.generic', { message: e.message }),
      ' ', h('button', { type: 'button', class: 'ghost', onclick: () => load(false) }, t('error.retry'))));
  }
}

async function refreshCounts() {
  const views = viewsFor(app.me);
  const all = [...views.builtIn, ...views.saved];
  const counts = {};
  await Promise.all(all.map(async (v) => {
    const { sort, ...filters } = v.filters;
    try {
      const byStatus = await api(`/api/v1/tickets/counts${query(filters)}`);
      counts[v.key] = Object.values(byStatus).reduce((a, b) => a + b, 0);
    } catch (e) {
      counts[v.key] = undefined;
    }
  }));
  showCounts(counts);
}

const refreshSoon = debounce(async () => {
  if (!state || !app.route || app.route.kind !== 'inbox') return;
  await load(false, state.items.length);
  refreshCounts();
}, 300);

export function refreshInbox() {
  refreshSoon();
}

function renderList() {
  const items = state.items;
  state.cursor = Math.min(state.cursor, Math.max(0, items.length - 1));
  if (!items.length) {
    mount(state.list, h('div', { class: 'empty' }, icon('inbox'), h('p', {}, t('list.empty'))));
    state.list.setAttribute('aria-busy', 'false');
    renderBulk();
    return;
  }
  const all = h('input', { type: 'checkbox', 'aria-label': t('list.selectAll'),
    checked: items.every((i) => state.selected.has(i.id)),
    onchange: (e) => { items.forEach((i) => (e.target.checked ? state.selected.add(i.id) : state.selected.delete(i.id))); renderList(); } });
  const rows = items.map((ticket, index) => row(ticket, index));
  const table = h('table', { class: 'tickets', 'aria-labelledby': 'inbox-title' },
    h('thead', {}, h('tr', {},
      h('th', { class: 'c-select', scope: 'col' }, all),
      h('th', { class: 'c-channel', scope: 'col' }, h('span', { class: 'sr-only' }, t('filter.channel'))),
      h('th', { scope: 'col' }, t('col.customer')),
      h('th', { scope: 'col' }, t('col.subject')),
      h('th', { scope: 'col' }, t('col.status')),
      h('th', { scope: 'col' }, t('col.priority')),
      h('th', { scope: 'col' }, t('col.assignee')),
      h('th', { scope: 'col' }, t('col.sla')),
      h('th', { scope: 'col', class: 'c-when' }, t('col.activity')))),
    h('tbody', {}, rows));
  const more = state.next ? h('button', { type: 'button', class: 'ghost load-more', onclick: () => load(true) }, t('list.loadMore')) : null;
  mount(state.list, table, more);
  state.list.setAttribute('aria-busy', 'false');
  renderBulk();
}

function row(ticket, index) {
  const open = `#/tickets/${ticket.number}`;
  const customer = ticket.customer || {};
  const tr = h('tr', { class: `ticket-row${index === state.cursor ? ' focused' : ''}${state.selected.has(ticket.id) ? ' selected' : ''}`,
    dataset: { ticket: ticket.id, number: String(ticket.number) },
    onclick: (e) => { if (!e.target.closest('input,a,button')) location.hash = open; } },
  h('td', { class: 'c-select' }, h('input', { type: 'checkbox', 'aria-label': t('list.select', { number: ticket.number }),
    checked: state.selected.has(ticket.id),
    onchange: (e) => { if (e.target.checked) state.selected.add(ticket.id); else state.selected.delete(ticket.id); renderList(); } })),
  h('td', { class: 'c-channel' }, icon(ticket.channel, t(`channel.${ticket.channel}`))),
  h('td', { class: 'c-customer' }, h('span', { class: 'customer-name' }, customer.name || customer.address || '—'),
    customer.name && customer.address ? h('span', { class: 'customer-address' }, customer.address) : null),
  h('td', { class: 'c-subject' },
    h('a', { href: open, class: 'subject-link' }, h('span', { class: 'number' }, `#${ticket.number}`), ' ', ticket.subject),
    ticket.snippet ? h('span', { class: 'snippet' }, ticket.snippet) : null,
    ticket.tags && ticket.tags.length ? h('span', { class: 'tags' }, ticket.tags.map((tag) => h('span', { class: 'tag' }, tag))) : null),
  h('td', {}, h('span', { class: `badge status-${ticket.status}` }, t(`status.${ticket.status}`))),
  h('td', {}, h('span', { class: `priority priority-${ticket.priority}` }, t(`priority.${ticket.priority}`))),
  h('td', { class: 'c-assignee' }, ticket.assignee || h('span', { class: 'muted' }, t('unassigned'))),
  h('td', { class: 'c-sla' }, slaBadge(ticket.slaState, ticket.slaDueAt)),
  h('td', { class: 'c-when' }, h('time', { datetime: ticket.lastMessageAt, title: formatDateTime(ticket.lastMessageAt) }, formatWhen(ticket.lastMessageAt))));
  return tr;
}

/** The countdown to the most urgent SLA clock; amber in its last hour, red once breached. */
export function slaBadge(state, dueAt) {
  if (!state || !dueAt) return h('span', { class: 'muted' }, t('sla.none'));
  const left = new Date(dueAt).getTime() - Date.now();
  if (state === 'PAUSED') return h('span', { class: 'sla sla-paused' }, icon('clock'), t('sla.paused'));
  if (state === 'BREACHED' || left < 0) {
    return h('span', { class: 'sla sla-breached', title: formatDateTime(dueAt) }, icon('warn'), t('sla.breached', { time: formatDuration(left) }));
  }
  const kind = left < 3600000 ? 'sla-warning' : 'sla-ok';
  return h('span', { class: `sla ${kind}`, title: formatDateTime(dueAt) }, icon('clock'), t('sla.due', { time: formatDuration(left) }));
}

function renderBulk() {
  const n = state.selected.size;
  state.bulk.hidden = n === 0;
  if (!n) return;
  const change = (body) => bulk(body);
  mount(state.bulk,
    h('strong', {}, t('list.selected', { n })),
    h('button', { type: 'button', onclick: () => change({ assignee: app.me.username }) }, t('bulk.assignMe')),
    h('button', { type: 'button', onclick: () => change({ status: 'PENDING' }) }, t('bulk.pending')),
    h('button', { type: 'button', onclick: () => change({ status: 'SOLVED' }) }, t('bulk.solve')),
    h('select', { 'aria-label': t('bulk.priority'), onchange: (e) => { if (e.target.value) change({ priority: e.target.value }); } },
      h('option', { value: '' }, t('bulk.priority')), PRIORITIES.map((p) => h('option', { value: p }, t(`priority.${p}`)))),
    h('form', { class: 'inline', onsubmit: (e) => { e.preventDefault(); const tag = e.target.tag.value.trim(); if (tag) change({ addTags: [tag] }); } },
      h('input', { name: 'tag', placeholder: t('bulk.tag'), 'aria-label': t('bulk.tag'), size: 12 })),
    h('button', { type: 'button', class: 'ghost', onclick: () => { state.selected.clear(); renderList(); } }, t('bulk.clear')));
}

async function bulk(change) {
  try {
    const outcomes = await api('/api/v1/tickets/bulk', { method: 'POST', body: { tickets: [...state.selected], change } });
    const failed = outcomes.filter((o) => o.status !== 200);
    toast(t('bulk.done', { ok: outcomes.length - failed.length, failed: failed.length }), failed.length ? 'error' : 'info');
    if (failed.length && failed[0].detail) toast(failed[0].detail, 'error');
    state.selected.clear();
    await load(false, state.items.length);
    refreshCounts();
  } catch (e) {
    toast(e.message, 'error');
  }
}

function inboxKeys() {
  const move = (delta) => {
    if (!state.items.length) return;
    state.cursor = Math.max(0, Math.min(state.items.length - 1, state.cursor + delta));
    const rows = state.list.querySelectorAll('tr.ticket-row');
    rows.forEach((r, i) => r.classList.toggle('focused', i === state.cursor));
    const focused = rows[state.cursor];
    if (focused) {
      focused.querySelector('a.subject-link').focus();
      focused.scrollIntoView({ block: 'nearest' });
    }
  };
  const current = () => state.items[state.cursor];
  const open = () => { if (current()) location.hash = `#/tickets/${current().number}`; };
  return {
    j: () => move(1),
    k: () => move(-1),
    Enter: open,
    o: open,
    r: () => { if (current()) app.replyOnOpen = true; open(); },
    x: () => {
      const ticket = current();
      if (!ticket) return;
      if (state.selected.has(ticket.id)) state.selected.delete(ticket.id); else state.selected.add(ticket.id);
      renderList();
    },
    e: () => {
      if (!state.selected.size && current()) state.selected.add(current().id);
      if (state.selected.size) bulk({ status: 'SOLVED' });
    },
  };
}
