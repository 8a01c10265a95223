// The agent workspace: signs in, lays out the shell, routes between inbox, ticket, reports and administration,
// and keeps a live stream of ticket changes open.
import { api, useCsrfToken, ApiError } from './api.js';
import { h, mount } from './dom.js';
import { t, setLocale, locale, LOCALES } from './i18n.js';
import { icon } from './icons.js';
import { renderInbox, refreshInbox, inboxKey, viewsFor } from './inbox.js';
import { renderTicket, ticketChanged, leaveTicket } from './ticket.js';
import { renderReports } from './reports.js';
import { renderAdmin } from './admin.js';

export const app = {
  me: null,
  main: null,
  route: null,
  liveListeners: new Set(),
  notify: localStorage.getItem('tiski.notify') === 'on',
};

const root = document.getElementById('app');

async function boot() {
  try {
    const me = await api('/api/v1/session');
    signedIn(me);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      showSignIn();
    } else {
      mount(root, h('p', { class: 'fatal', role: 'alert' }, t('error.generic', { message: e.message })));
    }
  }
}

function showSignIn(message) {
  const preferred = (navigator.language || 'en').slice(0, 2);
  setLocale(LOCALES.includes(preferred) ? preferred : 'en');
  const error = h('p', { class: 'form-error', role: 'alert', id: 'signin-error' }, message || '');
  const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit', class: 'primary wide' }, t('signin.submit'));
  const form = h('form', {
    class: 'signin-card', 'aria-labelledby': 'signin-title',
    onsubmit: async (event) => {
      event.preventDefault();
      submit.disabled = true;
      error.textContent = '';
      try {
        const me = await api('/api/v1/session', { method: 'POST', body: { username: username.value, password: password.value } });
        signedIn(me);
      } catch (e) {
        error.textContent = e.message;
        submit.disabled = false;
        password.select();
      }
    },
  },
  h('div', { class: 'signin-brand' }, h('img', { src: '/app/tiski.svg', alt: '', width: 40, height: 40 }),
    h('span', {}, 'Tiski')),
  h('h1', { id: 'signin-title' }, t('signin.title')),
  h('p', { class: 'muted' }, t('signin.tagline')),
  h('label', { for: 'username' }, t('signin.username')), username,
  h('label', { for: 'password' }, t('signin.password')), password,
  error, submit,
  h('a', { class: 'sso-link', href: '/api/v1/session/sso' }, t('signin.sso')));
  mount(root, h('main', { class: 'signin' }, form));
  username.focus();
}

function signedIn(me) {
  app.me = me;
  useCsrfToken(me.csrfToken);
  setLocale(me.locale || 'en');
  renderShell();
  connectLive();
  window.addEventListener('hashchange', route);
  route();
}

window.addEventListener('tiski:signed-out', () => {
  if (app.me) {
    app.me = null;
    disconnectLive();
    showSignIn();
  }
});

let shell = {};

function renderShell() {
  const me = app.me;
  const search = h('input', { type: 'search', id: 'search', name: 'q', placeholder: t('top.searchPlaceholder'),
    'aria-label': t('top.search'), autocomplete: 'off' });
  const liveState = h('span', { class: 'live-state', id: 'live-state', role: 'status' }, t('top.offline'));
  const language = h('select', { id: 'language', 'aria-label': t('top.language'), onchange: async (e) => {
    await api('/api/v1/me/preferences', { method: 'PUT', body: { locale: e.target.value } });
    app.me.locale = e.target.value;
    setLocale(e.target.value);
    renderShell();
    showLiveState();
    route();
  } }, LOCALES.map((l) => h('option', { value: l, selected: l === locale() }, { fi: 'Suomi', sv: 'Svenska', en: 'English' }[l])));
  const notify = h('button', { type: 'button', class: 'icon-button', 'aria-pressed': String(app.notify),
    title: t('top.notify'), 'aria-label': t('top.notify'), onclick: toggleNotifications }, icon('bell'));
  const signOut = h('button', { type: 'button', class: 'ghost', onclick: async () => {
    try { await api('/api/v1/session', { method: 'DELETE' }); } finally { location.hash = ''; location.reload(); }
  } }, t('top.signOut'));
  const nav = h('nav', { class: 'sidebar', 'aria-label': t('nav.views') });
  const main = h('main', { id: 'main', class: 'content', tabindex: '-1' });
  mount(root,
    h('a', { class: 'skip-link', href: '#main', onclick: (e) => { e.preventDefault(); main.focus(); } }, t('app.skip')),
    h('header', { class: 'topbar' },
      h('a', { class: 'brand', href: '#/inbox/open', 'aria-label': 'Tiski' }, h('img', { src: '/app/tiski.svg', alt: '', width: 28, height: 28 }), h('span', {}, 'Tiski')),
      h('form', { class: 'search', role: 'search', onsubmit: (e) => {
        e.preventDefault();
        location.hash = `#/inbox/search?q=${encodeURIComponent(search.value.trim())}`;
      } }, icon('search'), search),
      h('div', { class: 'topbar-tools' }, liveState, notify, language,
        h('span', { class: 'me', title: me.role }, icon('user'), h('span', { class: 'me-name' }, me.displayName || me.username)),
        signOut)),
    h('div', { class: 'layout' }, nav, main),
    h('div', { id: 'toasts', class: 'toasts', 'aria-live': 'polite' }));
  shell = { nav, main, search, liveState, notify };
  app.main = main;
  renderNav();
}

export function renderNav(counts = {}) {
  const me = app.me;
  const current = location.hash || '#/inbox/open';
  const item = (href, label, count, iconName) => h('li', {},
    h('a', { href, class: current.startsWith(href) ? 'active' : null, 'aria-current': current.startsWith(href) ? 'page' : null },
      iconName ? icon(iconName) : null, h('span', { class: 'nav-label' }, label),
      count !== undefined ? h('span', { class: 'count', 'aria-label': String(count) }, count >= 10000 ? '9999+' : String(count)) : null));
  const views = viewsFor(me);
  const lists = [h('h2', { class: 'nav-heading' }, t('nav.views')),
    h('ul', {}, views.builtIn.map((v) => item(`#/inbox/${v.key}`, v.label, counts[v.key], v.icon)))];
  if (views.saved.length) {
    lists.push(h('h2', { class: 'nav-heading' }, t('nav.saved')),
      h('ul', {}, views.saved.map((v) => item(`#/inbox/${v.key}`, v.label, counts[v.key]))));
  }
  const more = [];
  if (['admin', 'team-lead', 'read-only'].includes(me.role)) more.push(item('#/reports', t('nav.reports'), undefined, 'chart'));
  if (['admin', 'team-lead'].includes(me.role)) more.push(item('#/admin', t('nav.admin'), undefined, 'cog'));
  if (more.length) lists.push(h('ul', { class: 'nav-more' }, more));
  mount(shell.nav, lists);
}

function route() {
  const hash = location.hash || '#/inbox/open';
  const [path, queryText] = hash.slice(1).split('?');
  const params = new URLSearchParams(queryText || '');
  const parts = path.split('/').filter(Boolean);
  if (app.route && app.route.kind === 'ticket' && !(parts[0] === 'tickets' && parts[1] === app.route.id)) leaveTicket();
  closeHelp();
  if (parts[0] === 'tickets' && parts[1]) {
    app.route = { kind: 'ticket', id: parts[1] };
    renderTicket(app.main, parts[1]);
  } else if (parts[0] === 'reports') {
    app.route = { kind: 'reports' };
    renderReports(app.main);
  } else if (parts[0] === 'admin') {
    app.route = { kind: 'admin', section: parts[1] || 'accounts' };
    renderAdmin(app.main, app.route.section);
  } else {
    const key = inboxKey(parts[1] || 'open', params);
    app.route = { kind: 'inbox', key };
    if (params.get('q')) shell.search.value = params.get('q');
    renderInbox(app.main, key, params);
  }
  renderNav(lastCounts);
}

let lastCounts = {};
export function showCounts(counts) {
  lastCounts = counts;
  renderNav(counts);
}

// Live updates --------------------------------------------------------------------------------------------------
let source = null;

function connectLive() {
  disconnectLive();
  source = new EventSource('/api/v1/live');
  source.onopen = showLiveState;
  source.onerror = () => {
    showLiveState();
    // EventSource reconnects by itself; a 401 ends the stream, so ask whether the session is still there
    if (source.readyState === EventSource.CLOSED) {
      api('/api/v1/session').then(() => setTimeout(connectLive, 2000)).catch(() => {});
    }
  };
  source.onmessage = (event) => {
    const change = JSON.parse(event.data);
    if (change.kind === 'heartbeat') return;
    if (change.kind === 'created' && app.notify && document.hidden && 'Notification' in window
        && Notification.permission === 'granted') {
      new Notification(t('notify.newTicket', { number: change.number }), { tag: change.ticketId });
    }
    if (app.route && app.route.kind === 'inbox') refreshInbox(change);
    if (app.route && app.route.kind === 'ticket') ticketChanged(change);
  };
}

/** Whether the stream is open, in the top bar (also after the shell is drawn again in another language). */
function showLiveState() {
  const open = source !== null && source.readyState === EventSource.OPEN;
  shell.liveState.textContent = open ? t('top.live') : t('top.offline');
  shell.liveState.classList.toggle('on', open);
}

// A page kept in the back-forward cache must not keep its stream: browsers allow six connections per host, and
// frozen pages holding theirs would starve the page in front.
window.addEventListener('pagehide', () => disconnectLive());
window.addEventListener('pageshow', (event) => {
  if (event.persisted && app.me) connectLive();
});

function disconnectLive() {
  if (source) source.close();
  source = null;
}

async function toggleNotifications() {
  if (!app.notify && 'Notification' in window && Notification.permission !== 'granted') {
    const permission = await Notification.requestPermission();
    if (permission !== 'granted') return;
  }
  app.notify = !app.notify;
  localStorage.setItem('tiski.notify', app.notify ? 'on' : 'off');
  shell.notify.setAttribute('aria-pressed', String(app.notify));
}

// Toasts, help and keys ------------------------------------------------------------------------------------------
export function toast(message, kind = 'info') {
  const box = document.getElementById('toasts');
  if (!box) return;
  const note = h('div', { class: `toast ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, message);
  box.appendChild(note);
  setTimeout(() => note.remove(), kind === 'error' ? 8000 : 4000);
}

let help = null;
function openHelp() {
  closeHelp();
  const keys = [['j', 'help.j'], ['k', 'help.k'], ['Enter', 'help.enter'], ['x', 'help.x'], ['e', 'help.e'],
    ['r', 'help.r'], ['/', 'help.slash'], ['u', 'help.u'], ['?', 'help.question']];
  const close = h('button', { type: 'button', class: 'ghost', onclick: closeHelp }, t('help.close'));
  help = h('div', { class: 'dialog-backdrop', onclick: (e) => { if (e.target === help) closeHelp(); } },
    h('div', { class: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'help-title' },
      h('h2', { id: 'help-title' }, t('help.title')),
      h('dl', { class: 'keys' }, keys.map(([key, text]) => [h('dt', {}, h('kbd', {}, key)), h('dd', {}, t(text))])),
      close));
  document.body.appendChild(help);
  close.focus();
}

function closeHelp() {
  if (help) help.remove();
  help = null;
}

document.addEventListener('keydown', (event) => {
  if (!app.me) return;
  const target = event.target;
  const typing = target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
  if (event.key === 'Escape') {
    if (help) closeHelp();
    else if (typing) target.blur();
    return;
  }
  if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.key === '?') { event.preventDefault(); openHelp(); return; }
  if (event.key === '/') { event.preventDefault(); shell.search.focus(); return; }
  const handler = app.route && app.keys && app.keys[event.key];
  if (handler) {
    event.preventDefault();
    handler(event);
  }
});

boot();
