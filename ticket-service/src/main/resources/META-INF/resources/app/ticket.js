// One ticket: the whole conversation across channels, the customer, SLA and audit trail, and the composer.
import { api, query, ApiError } from './api.js';
import { h, mount, debounce } from './dom.js';
import { t, locale, formatDateTime, formatDuration, formatNumber } from './i18n.js';
import { icon } from './icons.js';
import { app, toast } from './main.js';
import { slaBadge } from './inbox.js';

const STATUSES = ['NEW', 'OPEN', 'PENDING', 'ON_HOLD', 'SOLVED', 'CLOSED'];
const PRIORITIES = ['LOW', 'NORMAL', 'HIGH', 'URGENT'];
const TYPES = ['QUESTION', 'INCIDENT', 'PROBLEM', 'RETURN', 'COMPLAINT', 'ORDER_CHANGE', 'FEEDBACK'];
/** What each platform takes in one message (characters). */
const LIMITS = { MESSENGER: 2000, INSTAGRAM: 1000, WHATSAPP: 4096, TELEGRAM: 4096, X: 10000 };
const PRESENCE_EVERY = 10000;

let view = null;
let reasons = null;

export async function renderTicket(main, id) {
  leaveTicket();
  view = { id, main, ticket: null, composerMode: 'reply', files: [], presenceTimer: null, auditOpen: false };
  mount(main, h('p', { class: 'muted pad', 'aria-busy': 'true' }, t('loading')));
  try {
    if (!reasons) reasons = await api('/api/v1/contact-reasons').catch(() => []);
    view.ticket = await api(`/api/v1/tickets/${encodeURIComponent(id)}`);
  } catch (e) {
    mount(main, h('p', { class: 'form-error pad', role: 'alert' }, t('error.generic', { message: e.message })),
      h('a', { href: '#/inbox/open' }, t('ticket.back')));
    return;
  }
  const ticket = view.ticket;
  view.header = h('header', { class: 'ticket-head' });
  view.presence = h('div', { class: 'presence', role: 'status', 'aria-live': 'polite' });
  view.timeline = h('ol', { class: 'timeline', 'aria-label': t('ticket.conversation') });
  view.composer = composer();
  view.aside = h('aside', { class: 'ticket-aside', 'aria-label': t('ticket.details') });
  mount(main, h('div', { class: 'ticket-page' },
    h('section', { class: 'ticket-main', 'aria-labelledby': 'ticket-title' }, view.header, view.presence, view.timeline, view.composer),
    view.aside));
  renderAll();
  app.keys = {
    r: () => { setMode('reply'); view.textarea.focus(); },
    n: () => { setMode('note'); view.textarea.focus(); },
    e: () => change({ status: 'SOLVED' }),
    u: () => { location.hash = '#/inbox/open'; },
  };
  document.title = `#${ticket.number} ${ticket.subject} · Tiski`;
  if (app.replyOnOpen) {
    app.replyOnOpen = false;
    setMode('reply');
    view.textarea.focus();
  }
  reportPresence();
  view.presenceTimer = setInterval(reportPresence, PRESENCE_EVERY);
  loadCustomer();
  loadSla();
}

export function leaveTicket() {
  if (!view) return;
  clearInterval(view.presenceTimer);
  if (view.ticket) {
    api(`/api/v1/tickets/${view.ticket.id}/presence`, { method: 'DELETE' }).catch(() => {});
  }
  view = null;
}

const reloadSoon = debounce(async () => {
  if (!view || !view.ticket) return;
  try {
    view.ticket = await api(`/api/v1/tickets/${view.ticket.id}`);
    renderAll();
    loadSla();
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 404)) toast(e.message, 'error');
  }
}, 250);

export function ticketChanged(change) {
  if (view && view.ticket && change.ticketId === view.ticket.id) reloadSoon();
}

function renderAll() {
  renderHeader();
  // the conversation is drawn again only when it changed: redrawing reloads the message frames and loses the
  // agent's place, and most changes (SLA state, tags, assignee) do not touch it
  const key = JSON.stringify([view.ticket.messages.map((m) => m.id), view.ticket.deliveries.map((d) => [d.id, d.status])]);
  if (key !== view.timelineKey) {
    view.timelineKey = key;
    renderTimeline();
  }
  renderAside();
  renderComposerState();
}

function renderHeader() {
  const ticket = view.ticket;
  mount(view.header,
    h('a', { class: 'back', href: '#/inbox/open', onclick: (e) => { if (history.length > 1) { e.preventDefault(); history.back(); } } },
      icon('back'), t('ticket.back')),
    h('h1', { id: 'ticket-title' }, h('span', { class: 'number' }, `#${ticket.number}`), ' ', ticket.subject),
    h('p', { class: 'ticket-meta' },
      icon(ticket.channel, t(`channel.${ticket.channel}`)), ' ', t(`channel.${ticket.channel}`), ' · ',
      h('span', { class: `badge status-${ticket.status}` }, t(`status.${ticket.status}`)), ' · ',
      slaBadge(ticket.slaState, ticket.slaDueAt), ' · ',
      t('ticket.created', { time: formatDateTime(ticket.createdAt) })));
}

function renderTimeline() {
  const ticket = view.ticket;
  const entries = [
    ...ticket.messages.map((m) => ({ at: m.receivedAt, node: () => message(m) })),
    ...ticket.deliveries.map((d) => ({ at: d.requestedAt, node: () => delivery(d) })),
  ].sort((a, b) => new Date(a.at) - new Date(b.at));
  mount(view.timeline, entries.map((e) => e.node()));
}

function message(m) {
  const direction = m.direction;
  const author = direction === 'INBOUND' ? (m.authorName || m.authorAddress) : (m.agentName || m.authorName || m.authorAddress);
  const body = m.html ? messageFrame(m.html) : h('div', { class: 'message-text' }, m.newText || m.text || '');
  const quoted = !m.html && m.newText && m.text && m.text !== m.newText
    ? h('details', { class: 'quoted' }, h('summary', {}, '…'), h('div', { class: 'message-text' }, m.text)) : null;
  return h('li', { class: `message dir-${direction}`, dataset: { message: m.id } },
    h('div', { class: 'message-head' },
      h('span', { class: 'avatar', 'aria-hidden': 'true' }, direction === 'NOTE' ? icon('note') : initials(author)),
      h('span', { class: 'author' }, author),
      direction === 'INBOUND' && m.authorName && m.authorAddress ? h('span', { class: 'address' }, m.authorAddress) : null,
      h('span', { class: 'direction' }, t(`msg.${direction}`)),
      h('span', { class: 'via' }, icon(m.channel), t(`channel.${m.channel}`)),
      m.language ? h('span', { class: 'lang', title: t('msg.language', { language: m.language }) }, m.language.toUpperCase()) : null,
      h('time', { datetime: m.receivedAt }, formatDateTime(m.receivedAt))),
    m.subject && m.subject !== view.ticket.subject ? h('p', { class: 'message-subject' }, m.subject) : null,
    body, quoted,
    m.attachments && m.attachments.length ? attachments(m.attachments) : null,
    m.threadingReason ? h('details', { class: 'threading' }, h('summary', {}, t('ticket.threading')), h('p', {}, m.threadingReason)) : null);
}

function initials(name) {
  return (name || '?').split(/[\s@.]+/).filter(Boolean).slice(0, 2).map((p) => p[0].toUpperCase()).join('');
}

/**
 * Customer HTML (already sanitised when it arrived) in a sandboxed frame: no script can run in it (no
 * allow-scripts, and its own policy allows nothing but the frame's style sheet and inline data images), its CSS
 * cannot reach the page, forms cannot submit, and links open outside the workspace.
 */
function messageFrame(html) {
  const frame = h('iframe', { class: 'message-frame', title: t('msg.html'), referrerpolicy: 'no-referrer',
    sandbox: 'allow-same-origin allow-popups allow-popups-to-escape-sandbox', loading: 'lazy' });
  // eslint-disable-next-line no-restricted-properties -- the one place HTML is parsed: inside the sandbox
  frame.srcdoc = '<!doctype html><html><head><meta charset="utf-8">'
    + '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'self\'; img-src data:; form-action \'none\'">'
    + '<link rel="stylesheet" href="/app/message-frame.css"></head><body>' + html + '</body></html>';
  frame.addEventListener('load', () => {
    try {
      frame.style.height = `${Math.min(2400, frame.contentDocument.documentElement.scrollHeight + 4)}px`;
    } catch (e) {
      frame.style.height = '320px';
    }
  });
  return frame;
}

function attachments(list) {
  return h('ul', { class: 'attachments', 'aria-label': t('msg.download', { name: '' }) }, list.map((a) => {
    if (!a.downloadPath) {
      return h('li', { class: 'attachment omitted' }, icon('clip'), h('span', {}, a.fileName), h('span', { class: 'muted' }, t('msg.omitted', { reason: a.omittedReason || '' })));
    }
    const image = /^image\/(png|jpeg|gif|webp)$/.test(a.mediaType || '');
    return h('li', { class: `attachment${image ? ' photo' : ''}` },
      image ? h('a', { href: a.downloadPath, download: a.fileName }, h('img', { src: a.downloadPath, alt: a.fileName, loading: 'lazy' })) : icon('clip'),
      h('a', { href: a.downloadPath, download: a.fileName, 'aria-label': t('msg.download', { name: a.fileName }) }, a.fileName),
      h('span', { class: 'muted' }, size(a.size)));
  }));
}

function size(bytes) {
  if (bytes >= 1048576) return `${formatNumber(bytes / 1048576, { maximumFractionDigits: 1 })} MB`;
  if (bytes >= 1024) return `${formatNumber(Math.round(bytes / 1024))} kB`;
  return `${formatNumber(bytes)} B`;
}

function delivery(d) {
  return h('li', { class: `delivery delivery-${d.status}`, dataset: { delivery: d.id, kind: d.kind } },
    icon(d.channel === 'EMAIL' ? 'EMAIL' : d.channel),
    h('span', { class: 'delivery-kind' }, t(`delivery.${d.kind}`)),
    h('span', { class: 'muted' }, t('delivery.to', { recipient: d.recipient || '' })),
    h('span', { class: `badge delivery-status status-${d.status}` }, t(`deliveryStatus.${d.status}`)),
    d.reason ? h('span', { class: 'delivery-reason' }, d.reason) : null,
    h('time', { datetime: d.reportedAt || d.requestedAt }, formatDateTime(d.reportedAt || d.requestedAt)));
}

// The side panel ---------------------------------------------------------------------------------------------------
function renderAside() {
  const ticket = view.ticket;
  const readOnly = app.me.role === 'read-only';
  const select = (name, label, values, labelOf, current, extra) => h('div', { class: 'field' },
    h('label', { for: `f-${name}` }, label),
    h('select', { id: `f-${name}`, name, disabled: readOnly, onchange: (e) => change({ [name]: e.target.value }) },
      extra, values.map((v) => h('option', { value: v, selected: v === current }, labelOf(v)))));
  const reasonLabel = (code) => {
    const reason = reasons.find((r) => r.code === code);
    if (!reason) return code;
    return { fi: reason.labelFi, sv: reason.labelSv, en: reason.labelEn }[locale()] || reason.labelEn || code;
  };
  const activeReasons = reasons.filter((r) => r.active || r.code === ticket.contactReason).map((r) => r.code);
  const assignee = h('input', { id: 'f-assignee', name: 'assignee', value: ticket.assignee || '', disabled: readOnly,
    placeholder: t('unassigned'), onchange: (e) => change({ assignee: e.target.value.trim() }) });
  const tagInput = h('input', { id: 'f-tag', name: 'tag', placeholder: t('ticket.addTag'), 'aria-label': t('ticket.addTag'), disabled: readOnly });
  view.customerPanel = view.customerPanel || h('section', { class: 'panel customer-panel', 'aria-labelledby': 'customer-title' });
  view.slaPanel = view.slaPanel || h('section', { class: 'panel sla-panel', 'aria-labelledby': 'sla-title' });
  view.auditPanel = view.auditPanel || h('section', { class: 'panel audit-panel' });
  const fields = Object.entries(ticket.fields || {});
  mount(view.aside,
    h('section', { class: 'panel properties', 'aria-label': t('ticket.details') },
      select('status', t('ticket.status'), STATUSES, (v) => t(`status.${v}`), ticket.status),
      select('priority', t('ticket.priority'), PRIORITIES, (v) => t(`priority.${v}`), ticket.priority),
      select('type', t('ticket.type'), TYPES, (v) => t(`type.${v}`), ticket.type),
      h('div', { class: 'field' }, h('label', { for: 'f-assignee' }, t('ticket.assignee')),
        h('div', { class: 'with-button' }, assignee,
          !readOnly && ticket.assignee !== app.me.username ? h('button', { type: 'button', class: 'ghost small', onclick: () => change({ assignee: app.me.username }) }, t('ticket.assignMe')) : null)),
      h('div', { class: 'field' }, h('span', { class: 'label' }, t('ticket.team')), h('span', {}, ticket.team || t('nobody'))),
      select('contactReason', t('ticket.reason'), activeReasons, reasonLabel, ticket.contactReason,
        h('option', { value: '', selected: !ticket.contactReason }, t('ticket.noReason'))),
      h('div', { class: 'field' }, h('span', { class: 'label' }, t('ticket.tags')),
        h('div', { class: 'tags' }, ticket.tags.map((tag) => h('span', { class: 'tag' }, tag,
          readOnly ? null : h('button', { type: 'button', class: 'tag-remove', 'aria-label': t('ticket.removeTag', { tag }), onclick: () => change({ removeTags: [tag] }) }, '×')))),
        readOnly ? null : h('form', { class: 'inline', onsubmit: (e) => { e.preventDefault(); const tag = tagInput.value.trim(); if (tag) change({ addTags: [tag] }); } }, tagInput)),
      fields.length ? h('dl', { class: 'fields' }, fields.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])) : null,
      h('div', { class: 'field' }, h('span', { class: 'label' }, t('ticket.followers')),
        h('span', {}, (ticket.followers || []).join(', ') || t('nobody')), ' ',
        readOnly ? null : h('button', { type: 'button', class: 'ghost small', onclick: follow },
          (ticket.followers || []).includes(app.me.username) ? t('ticket.unfollow') : t('ticket.follow')))),
    view.slaPanel, view.customerPanel, view.auditPanel);
  renderAudit();
}

/** Solving needs a contact reason when the helpdesk has any: says so and points at the field. */
function reasonMissing(status, reasonGiven) {
  if (status !== 'SOLVED' || view.ticket.contactReason || reasonGiven || !reasons.some((r) => r.active)) return false;
  toast(t('solve.reasonNeeded'), 'error');
  document.getElementById('f-contactReason')?.focus();
  return true;
}

async function change(body) {
  if (!view || !view.ticket) return;
  if (reasonMissing(body.status, body.contactReason)) return;
  try {
    view.ticket = await api(`/api/v1/tickets/${view.ticket.id}`, { method: 'PATCH', body });
    renderAll();
    loadSla();
    toast(t('ticket.saved'));
  } catch (e) {
    toast(e.message, 'error');
    renderAll();
  }
}

async function follow() {
  const following = (view.ticket.followers || []).includes(app.me.username);
  try {
    await api(`/api/v1/tickets/${view.ticket.id}/followers/me`, { method: following ? 'DELETE' : 'PUT' });
    reloadSoon();
  } catch (e) {
    toast(e.message, 'error');
  }
}

async function loadCustomer() {
  const customer = view && view.ticket.customer;
  if (!customer || !customer.id) return;
  const current = view;
  try {
    const history = await api(`/api/v1/customers/${customer.id}`);
    if (view !== current) return;
    mount(view.customerPanel,
      h('h2', { id: 'customer-title' }, t('ticket.customer')),
      h('p', { class: 'customer-name' }, history.name || customer.address),
      h('h3', {}, t('ticket.identities')),
      h('ul', { class: 'identities' }, history.identities.map((i) => h('li', {}, icon(i.channel, t(`channel.${i.channel}`)), ' ', i.address))),
      h('h3', {}, t('ticket.previous')),
      h('ul', { class: 'previous' }, history.tickets.map((line) => h('li', { class: line.id === view.ticket.id ? 'current' : null },
        icon(line.channel, t(`channel.${line.channel}`)), ' ',
        h('a', { href: `#/tickets/${line.number}` }, `#${line.number} ${line.subject}`), ' ',
        h('span', { class: `badge status-${line.status}` }, t(`status.${line.status}`))))));
  } catch (e) {
    mount(view.customerPanel, h('h2', { id: 'customer-title' }, t('ticket.customer')), h('p', {}, customer.name || customer.address));
  }
}

async function loadSla() {
  if (!view || !view.ticket) return;
  const current = view;
  try {
    const sla = await api(`/api/v1/tickets/${view.ticket.id}/sla`);
    if (view !== current) return;
    mount(view.slaPanel, h('h2', { id: 'sla-title' }, t('ticket.sla'), sla.policyName ? h('span', { class: 'muted' }, ` · ${sla.policyName}`) : null),
      sla.clocks.length ? h('ul', { class: 'clocks' }, sla.clocks.map((c) => h('li', {},
        h('span', { class: 'clock-target' }, t(`target.${c.target}`)), ' ',
        c.stoppedAt ? h('span', { class: 'muted' }, formatDateTime(c.stoppedAt)) : slaBadge(c.state, c.dueAt)))) : h('p', { class: 'muted' }, t('sla.none')));
  } catch (e) {
    mount(view.slaPanel);
  }
}

function renderAudit() {
  const toggle = h('button', { type: 'button', class: 'ghost small', 'aria-expanded': String(view.auditOpen), onclick: async () => {
    view.auditOpen = !view.auditOpen;
    renderAudit();
  } }, view.auditOpen ? t('ticket.hideAudit') : t('ticket.showAudit'));
  const list = h('ol', { class: 'audit' });
  mount(view.auditPanel, h('h2', {}, t('ticket.audit')), toggle, view.auditOpen ? list : null);
  if (view.auditOpen) {
    api(`/api/v1/tickets/${view.ticket.id}/audit`).then((entries) => mount(list, entries.map((e) => h('li', {},
      h('time', { datetime: e.at }, formatDateTime(e.at)), ' ', h('strong', {}, e.actor), ' ', e.action,
      e.field ? ` · ${e.field}` : '', e.before || e.after ? ` · ${e.before ?? '—'} → ${e.after ?? '—'}` : '')))).catch((err) => toast(err.message, 'error'));
  }
}

// Presence ---------------------------------------------------------------------------------------------------------
async function reportPresence() {
  if (!view || !view.ticket || app.me.role === 'read-only') return;
  const current = view;
  const activity = view.textarea && view.textarea.value.trim() ? 'COMPOSING' : 'VIEWING';
  try {
    const others = await api(`/api/v1/tickets/${view.ticket.id}/presence`, { method: 'PUT', body: { activity } });
    if (view !== current) return;
    mount(view.presence, others.map((p) => h('p', { class: `presence-${p.activity}` }, icon('user'), t(`presence.${p.activity}`, { who: p.agent }))));
  } catch (e) {
    // presence is a courtesy; a failure here must not disturb the agent
  }
}

// The composer -----------------------------------------------------------------------------------------------------
function composer() {
  view.textarea = h('textarea', { id: 'composer-text', name: 'text', rows: 6, 'aria-describedby': 'composer-info',
    oninput: () => { renderComposerState(); if (!view.composingReported && view.textarea.value.trim()) { view.composingReported = true; reportPresence(); } } });
  view.modeLabel = h('label', { for: 'composer-text', class: 'composer-label' });
  view.info = h('div', { id: 'composer-info', class: 'composer-info' });
  view.fileList = h('ul', { class: 'files' });
  view.canned = h('div', { class: 'canned', hidden: true });
  const fileInput = h('input', { type: 'file', multiple: true, id: 'composer-files', class: 'sr-only', onchange: (e) => upload([...e.target.files]) });
  view.tabs = h('div', { class: 'composer-tabs', role: 'group', 'aria-label': t('composer.reply') },
    h('button', { type: 'button', dataset: { mode: 'reply' }, onclick: () => setMode('reply') }, t('composer.reply')),
    h('button', { type: 'button', dataset: { mode: 'note' }, onclick: () => setMode('note') }, t('composer.note')));
  view.actions = h('div', { class: 'composer-actions' });
  const readOnly = app.me.role === 'read-only';
  const form = h('form', { class: 'composer', hidden: readOnly, onsubmit: (e) => e.preventDefault() },
    view.tabs, view.modeLabel, view.textarea, view.info, view.fileList, view.canned,
    h('div', { class: 'composer-bar' },
      h('button', { type: 'button', class: 'ghost', 'aria-expanded': 'false', id: 'canned-toggle', onclick: toggleCanned }, t('composer.canned')),
      h('label', { for: 'composer-files', class: 'button ghost' }, icon('clip'), t('composer.attach')), fileInput,
      view.actions));
  return form;
}

function setMode(mode) {
  view.composerMode = mode;
  renderComposerState();
}

function renderComposerState() {
  if (!view || !view.ticket || !view.tabs) return;
  const ticket = view.ticket;
  const note = view.composerMode === 'note';
  view.tabs.querySelectorAll('button').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.mode === view.composerMode)));
  view.composer.classList.toggle('is-note', note);
  view.modeLabel.textContent = note ? t('composer.noteLabel') : t('composer.replyLabel', { channel: t(`channel.${ticket.channel}`) });
  const info = [];
  const limit = LIMITS[ticket.channel];
  const used = view.textarea.value.length;
  let blocked = false;
  if (!note && ticket.channel === 'EMAIL' && ticket.brand) info.push(h('span', {}, t('composer.signature', { name: ticket.brand })));
  if (!note && limit) info.push(h('span', { class: used > limit ? 'over' : null }, t('composer.limit', { used: formatNumber(used), max: formatNumber(limit) })));
  if (!note && ticket.replyWindowClosesAt) {
    const left = new Date(ticket.replyWindowClosesAt).getTime() - Date.now();
    if (left <= 0) {
      blocked = true;
      info.push(h('span', { class: 'over', role: 'alert' }, t('composer.windowClosed')));
    } else {
      info.push(h('span', { class: left < 3 * 3600000 ? 'warn' : null }, icon('clock'), t('composer.window', { time: formatDuration(left) })));
    }
  }
  mount(view.info, info);
  const empty = !view.textarea.value.trim();
  const disabled = empty || blocked || (!note && limit && used > limit) || view.sending;
  if (note) {
    mount(view.actions, h('button', { type: 'button', class: 'primary', id: 'add-note', disabled, onclick: () => send(null) }, t('composer.addNote')));
  } else {
    mount(view.actions,
      h('button', { type: 'button', class: 'primary', id: 'send', disabled, onclick: () => send(null) }, t('composer.send')),
      h('button', { type: 'button', id: 'send-pending', disabled, onclick: () => send('PENDING') }, t('composer.sendPending')),
      h('button', { type: 'button', id: 'send-solved', disabled, onclick: () => send('SOLVED') }, t('composer.sendSolved')));
  }
}

async function send(status) {
  const ticket = view.ticket;
  const text = view.textarea.value.trim();
  if (!text) return;
  if (reasonMissing(status, null)) return;
  view.sending = true;
  renderComposerState();
  try {
    if (view.composerMode === 'note') {
      await api(`/api/v1/tickets/${ticket.id}/notes`, { method: 'POST', body: { text } });
      toast(t('composer.noted'));
    } else {
      await api(`/api/v1/tickets/${ticket.id}/replies`, { method: 'POST', body: { text, status: status || undefined, attachments: view.files.map((f) => f.id) } });
      toast(t('composer.sent'));
    }
    view.textarea.value = '';
    view.files = [];
    view.composingReported = false;
    renderFiles();
    reloadSoon();
    reportPresence();
  } catch (e) {
    toast(e.message, 'error');
  } finally {
    if (view) {
      view.sending = false;
      renderComposerState();
    }
  }
}

async function upload(files) {
  for (const file of files) {
    const pending = { name: file.name, uploading: true };
    view.files.push(pending);
    renderFiles();
    try {
      const stored = await api(`/api/v1/attachments${query({ fileName: file.name })}`, { method: 'POST', raw: file, contentType: file.type || 'application/octet-stream' });
      Object.assign(pending, stored, { uploading: false });
    } catch (e) {
      view.files = view.files.filter((f) => f !== pending);
      toast(`${file.name}: ${e.message}`, 'error');
    }
    renderFiles();
  }
}

function renderFiles() {
  mount(view.fileList, view.files.map((f) => h('li', { class: 'file' }, icon('clip'),
    f.uploading ? t('composer.uploading', { name: f.name }) : f.fileName || f.name,
    f.uploading ? null : h('button', { type: 'button', class: 'tag-remove', 'aria-label': t('composer.removeFile', { name: f.fileName || f.name }),
      onclick: () => { view.files = view.files.filter((x) => x !== f); renderFiles(); } }, '×'))));
}

async function toggleCanned() {
  const toggle = document.getElementById('canned-toggle');
  const open = view.canned.hidden;
  view.canned.hidden = !open;
  toggle.setAttribute('aria-expanded', String(open));
  if (!open) return;
  const search = h('input', { type: 'search', id: 'canned-search', placeholder: t('composer.cannedSearch'), 'aria-label': t('composer.cannedSearch') });
  const results = h('ul', { class: 'canned-list', role: 'listbox', 'aria-label': t('composer.canned') });
  const find = debounce(async () => {
    try {
      const answers = await api(`/api/v1/canned-answers${query({ q: search.value.trim(), language: view.ticket.language })}`);
      mount(results, answers.length ? answers.map((a) => h('li', { role: 'option' },
        h('button', { type: 'button', class: 'canned-answer', onclick: () => insertCanned(a) },
          h('strong', {}, a.title), h('span', { class: 'muted' }, a.body.slice(0, 120))))) : h('li', { class: 'muted' }, t('composer.cannedNone')));
    } catch (e) {
      mount(results, h('li', { class: 'form-error' }, e.message));
    }
  }, 150);
  search.addEventListener('input', find);
  mount(view.canned, search, results);
  find();
  search.focus();
}

/** Fills the answer's placeholders from the ticket; an unknown one stays visible for the agent to edit. */
function fill(text) {
  const ticket = view.ticket;
  const customerName = (ticket.customer && ticket.customer.name) || '';
  const values = {
    'customer.name': customerName,
    'customer.first_name': customerName.split(/\s+/)[0] || '',
    'ticket.number': String(ticket.number),
    'agent.name': app.me.displayName || app.me.username,
  };
  return text.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (match, name) => {
    if (name.startsWith('field.')) return (ticket.fields || {})[name.slice(6)] ?? match;
    return values[name] !== undefined && values[name] !== '' ? values[name] : match;
  });
}

function insertCanned(answer) {
  const area = view.textarea;
  const text = fill(answer.body);
  const start = area.selectionStart ?? area.value.length;
  const end = area.selectionEnd ?? area.value.length;
  area.value = area.value.slice(0, start) + text + area.value.slice(end);
  view.canned.hidden = true;
  document.getElementById('canned-toggle').setAttribute('aria-expanded', 'false');
  area.focus();
  area.selectionStart = area.selectionEnd = start + text.length;
  renderComposerState();
  reportPresence();
}
