// Administration: agents and teams, canned answers, FAQ snippets, contact reasons, custom fields, SLA policies and
// business calendars. Each section is a list with a form; every change goes through the same API as any client.
import { api } from './api.js';
import { h, mount } from './dom.js';
import { t } from './i18n.js';
import { app, toast } from './main.js';

const LANGUAGES = ['fi', 'sv', 'en'];
const ROLES = ['admin', 'team-lead', 'agent', 'read-only'];
const list = (text) => (text || '').split(',').map((x) => x.trim()).filter(Boolean);

const SECTIONS = {
  accounts: {
    title: 'admin.accounts',
    async load() {
      const [accounts, teams] = await Promise.all([api('/api/v1/accounts'), api('/api/v1/agents/teams').catch(() => ({}))]);
      return accounts.map((a) => ({ ...a, teams: (teams[a.username] || []).join(', ') }));
    },
    key: (a) => a.username,
    columns: [
      ['field.username', (a) => a.username], ['field.displayName', (a) => a.displayName], ['field.role', (a) => t(`role.${a.role}`)],
      ['field.locale', (a) => a.locale], ['field.teams', (a) => a.teams],
      ['field.status', (a) => (a.lockedUntil ? t('state.locked') : a.disabled ? t('state.disabled') : t('state.active'))],
    ],
    fields: (a) => [
      { name: 'username', label: 'field.username', value: a?.username, required: true, disabled: !!a },
      { name: 'displayName', label: 'field.displayName', value: a?.displayName, required: true },
      { name: 'email', label: 'field.email', type: 'email', value: a?.email },
      { name: 'role', label: 'field.role', options: ROLES.map((r) => [r, t(`role.${r}`)]), value: a?.role || 'agent' },
      { name: 'locale', label: 'field.locale', options: LANGUAGES.map((l) => [l, l]), value: a?.locale || 'fi' },
      { name: 'teams', label: 'field.teams', value: a?.teams },
      { name: 'password', label: 'field.password', type: 'password', value: '', required: !a, autocomplete: 'new-password' },
    ],
    adminOnly: true,
    async save(a, v) {
      if (!a) {
        await api('/api/v1/accounts', { method: 'POST', body: { username: v.username, displayName: v.displayName, email: v.email || null, role: v.role, locale: v.locale, password: v.password } });
      } else {
        await api(`/api/v1/accounts/${encodeURIComponent(a.username)}`, { method: 'PATCH', body: { displayName: v.displayName, email: v.email || '', role: v.role, locale: v.locale } });
        if (v.password) await api(`/api/v1/accounts/${encodeURIComponent(a.username)}/password`, { method: 'PUT', body: { password: v.password } });
      }
      await api(`/api/v1/agents/${encodeURIComponent(v.username || a.username)}/teams`, { method: 'PUT', body: { teams: list(v.teams) } });
    },
    actions: (a) => [
      a.lockedUntil ? ['admin.unlock', () => api(`/api/v1/accounts/${encodeURIComponent(a.username)}/unlock`, { method: 'POST' })] : null,
      [a.disabled ? 'admin.enable' : 'admin.disable', () => api(`/api/v1/accounts/${encodeURIComponent(a.username)}`, { method: 'PATCH', body: { disabled: !a.disabled } })],
    ],
  },
  canned: {
    title: 'admin.canned',
    load: () => api('/api/v1/canned-answers'),
    key: (c) => c.id,
    columns: [['field.title', (c) => c.title], ['field.language', (c) => c.language || t('field.anyLanguage')], ['field.body', (c) => c.body.slice(0, 90)]],
    hint: () => t('field.placeholders', { list: '{{customer.name}}, {{customer.first_name}}, {{ticket.number}}, {{agent.name}}, {{field.order_number}}' }),
    fields: (c) => [
      { name: 'title', label: 'field.title', value: c?.title, required: true },
      { name: 'language', label: 'field.language', options: [['', t('field.anyLanguage')], ...LANGUAGES.map((l) => [l, l])], value: c?.language || '' },
      { name: 'body', label: 'field.body', type: 'textarea', value: c?.body, required: true },
    ],
    save: (c, v) => api(c ? `/api/v1/canned-answers/${c.id}` : '/api/v1/canned-answers', { method: c ? 'PUT' : 'POST', body: { title: v.title, body: v.body, language: v.language || null } }),
    remove: (c) => api(`/api/v1/canned-answers/${c.id}`, { method: 'DELETE' }),
  },
  faq: {
    title: 'admin.faq',
    load: () => api('/api/v1/faq-snippets'),
    key: (f) => f.id,
    columns: [['field.language', (f) => f.language], ['field.question', (f) => f.question], ['field.keywords', (f) => f.keywords.join(', ')],
      ['field.active', (f) => (f.active ? '✓' : '—')]],
    fields: (f) => [
      { name: 'language', label: 'field.language', options: LANGUAGES.map((l) => [l, l]), value: f?.language || 'fi' },
      { name: 'question', label: 'field.question', value: f?.question, required: true },
      { name: 'answer', label: 'field.answer', type: 'textarea', value: f?.answer, required: true },
      { name: 'keywords', label: 'field.keywords', value: f?.keywords?.join(', '), required: true },
      { name: 'active', label: 'field.active', type: 'checkbox', value: f ? f.active : true },
    ],
    save: (f, v) => api(f ? `/api/v1/faq-snippets/${f.id}` : '/api/v1/faq-snippets', { method: f ? 'PUT' : 'POST',
      body: { language: v.language, question: v.question, answer: v.answer, keywords: list(v.keywords), reasons: f?.reasons || [], active: v.active, position: f?.position ?? 0 } }),
    remove: (f) => api(`/api/v1/faq-snippets/${f.id}`, { method: 'DELETE' }),
  },
  reasons: {
    title: 'admin.reasons',
    load: () => api('/api/v1/contact-reasons'),
    key: (r) => r.code,
    columns: [['field.code', (r) => r.code], ['field.labelFi', (r) => r.labelFi], ['field.labelSv', (r) => r.labelSv], ['field.labelEn', (r) => r.labelEn],
      ['field.active', (r) => (r.active ? '✓' : '—')]],
    adminOnly: true,
    fields: (r) => [
      { name: 'code', label: 'field.code', value: r?.code, required: true, disabled: !!r },
      { name: 'labelFi', label: 'field.labelFi', value: r?.labelFi, required: true },
      { name: 'labelSv', label: 'field.labelSv', value: r?.labelSv, required: true },
      { name: 'labelEn', label: 'field.labelEn', value: r?.labelEn, required: true },
      { name: 'active', label: 'field.active', type: 'checkbox', value: r ? r.active : true },
    ],
    save: (r, v) => api(`/api/v1/contact-reasons/${encodeURIComponent(r ? r.code : v.code.trim().toUpperCase())}`, { method: 'PUT',
      body: { labelFi: v.labelFi, labelSv: v.labelSv, labelEn: v.labelEn, active: v.active, position: r?.position ?? 0 } }),
    remove: (r) => api(`/api/v1/contact-reasons/${encodeURIComponent(r.code)}`, { method: 'DELETE' }),
  },
  fields: {
    title: 'admin.fields',
    load: () => api('/api/v1/custom-fields'),
    key: (f) => f.key,
    columns: [['field.key', (f) => f.key], ['field.kind', (f) => f.kind], ['field.labelFi', (f) => f.labelFi], ['field.labelEn', (f) => f.labelEn],
      ['field.options', (f) => (f.options || []).join(', ')], ['field.active', (f) => (f.active ? '✓' : '—')]],
    adminOnly: true,
    fields: (f) => [
      { name: 'key', label: 'field.key', value: f?.key, required: true, disabled: !!f },
      { name: 'kind', label: 'field.kind', options: ['TEXT', 'NUMBER', 'DATE', 'ENUM'].map((k) => [k, k]), value: f?.kind || 'TEXT' },
      { name: 'labelFi', label: 'field.labelFi', value: f?.labelFi, required: true },
      { name: 'labelSv', label: 'field.labelSv', value: f?.labelSv, required: true },
      { name: 'labelEn', label: 'field.labelEn', value: f?.labelEn, required: true },
      { name: 'options', label: 'field.options', value: (f?.options || []).join(', ') },
      { name: 'active', label: 'field.active', type: 'checkbox', value: f ? f.active : true },
    ],
    save: (f, v) => api(`/api/v1/custom-fields/${encodeURIComponent(f ? f.key : v.key.trim())}`, { method: 'PUT',
      body: { kind: v.kind, labelFi: v.labelFi, labelSv: v.labelSv, labelEn: v.labelEn, options: list(v.options), active: v.active, position: f?.position ?? 0 } }),
    remove: (f) => api(`/api/v1/custom-fields/${encodeURIComponent(f.key)}`, { method: 'DELETE' }),
  },
  sla: {
    title: 'admin.sla',
    load: () => api('/api/v1/sla-policies'),
    key: (p) => p.id,
    columns: [['field.name', (p) => p.name], ['field.targets', (p) => Object.entries(p.targets || {}).map(([k, v]) => `${k} ${v.time}${v.businessHours ? ' ⏲' : ''}`).join(' · ')],
      ['admin.calendars', (p) => p.calendar || '—'], ['field.active', (p) => (p.active ? '✓' : '—')]],
  },
  calendars: {
    title: 'admin.calendars',
    load: () => api('/api/v1/business-calendars'),
    key: (c) => c.id,
    columns: [['field.name', (c) => c.name], ['field.zone', (c) => c.timeZone],
      ['admin.calendars', (c) => Object.entries(c.weeklyHours || {}).map(([d, hours]) => `${d.slice(0, 3)} ${hours.join(', ')}`).join(' · ')]],
  },
};

export async function renderAdmin(main, section) {
  const chosen = SECTIONS[section] ? section : 'accounts';
  const spec = SECTIONS[chosen];
  const canChange = app.me.role === 'admin' || (!spec.adminOnly && app.me.role === 'team-lead');
  const tabs = h('nav', { class: 'admin-tabs', 'aria-label': t('admin.title') }, Object.entries(SECTIONS).map(([key, s]) =>
    h('a', { href: `#/admin/${key}`, class: key === chosen ? 'active' : null, 'aria-current': key === chosen ? 'page' : null }, t(s.title))));
  const body = h('div', { class: 'admin-body' }, h('p', { class: 'muted' }, t('loading')));
  const formSlot = h('div', { class: 'admin-form-slot' });
  mount(main, h('section', { class: 'admin', 'aria-labelledby': 'admin-title' },
    h('div', { class: 'inbox-head' }, h('h1', { id: 'admin-title' }, t(spec.title)),
      canChange && spec.save ? h('button', { type: 'button', class: 'primary', onclick: () => edit(null) }, t('admin.add')) : null),
    tabs, formSlot, body));
  document.title = `${t(spec.title)} · Tiski`;

  async function reload() {
    try {
      const rows = await spec.load();
      mount(body, h('table', { class: 'data admin-table' },
        h('thead', {}, h('tr', {}, spec.columns.map(([label]) => h('th', { scope: 'col' }, t(label))), h('th', {}, ''))),
        h('tbody', {}, rows.map((row) => h('tr', {}, spec.columns.map(([, value]) => h('td', {}, value(row) ?? '')),
          h('td', { class: 'row-actions' },
            canChange && spec.save ? h('button', { type: 'button', class: 'ghost small', onclick: () => edit(row) }, t('admin.edit')) : null,
            canChange && spec.actions ? spec.actions(row).filter(Boolean).map(([label, run]) => h('button', { type: 'button', class: 'ghost small',
              onclick: async () => { try { await run(); toast(t('admin.saved')); reload(); } catch (e) { toast(e.message, 'error'); } } }, t(label))) : null,
            canChange && spec.remove ? h('button', { type: 'button', class: 'ghost small danger', onclick: async () => {
              if (!confirm(t('admin.confirmDelete', { name: spec.key(row) }))) return;
              try { await spec.remove(row); reload(); } catch (e) { toast(e.message, 'error'); }
            } }, t('admin.delete')) : null))))));
    } catch (e) {
      mount(body, h('p', { class: 'form-error', role: 'alert' }, t('error.generic', { message: e.message })));
    }
  }

  function edit(row) {
    const inputs = {};
    const fields = spec.fields(row);
    const error = h('p', { class: 'form-error', role: 'alert' });
    const form = h('form', { class: 'admin-form', onsubmit: async (e) => {
      e.preventDefault();
      const values = {};
      for (const f of fields) values[f.name] = f.type === 'checkbox' ? inputs[f.name].checked : inputs[f.name].value;
      try {
        await spec.save(row, values);
        toast(t('admin.saved'));
        mount(formSlot);
        reload();
      } catch (err) {
        error.textContent = err.message;
      }
    } },
    fields.map((f) => {
      const id = `a-${f.name}`;
      let input;
      if (f.options) input = h('select', { id, name: f.name, disabled: f.disabled }, f.options.map(([v, label]) => h('option', { value: v, selected: v === f.value }, label)));
      else if (f.type === 'textarea') input = h('textarea', { id, name: f.name, rows: 5, required: f.required, value: f.value || '' });
      else if (f.type === 'checkbox') input = h('input', { id, name: f.name, type: 'checkbox', checked: !!f.value });
      else input = h('input', { id, name: f.name, type: f.type || 'text', required: f.required, disabled: f.disabled, value: f.value || '', autocomplete: f.autocomplete || 'off' });
      inputs[f.name] = input;
      return h('div', { class: `field${f.type === 'checkbox' ? ' check' : ''}` }, h('label', { for: id }, t(f.label)), input);
    }),
    spec.hint ? h('p', { class: 'muted' }, spec.hint()) : null,
    error,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary' }, t('admin.save')),
      h('button', { type: 'button', class: 'ghost', onclick: () => mount(formSlot) }, t('admin.cancel'))));
    mount(formSlot, form);
    form.querySelector('input:not([disabled]),textarea,select')?.focus();
  }

  reload();
}
