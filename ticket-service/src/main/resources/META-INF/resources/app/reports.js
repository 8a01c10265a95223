// Reports: volumes, when customers write, response times, SLA attainment, satisfaction, contact reasons, backlog.
import { api, query } from './api.js';
import { h, mount, s } from './dom.js';
import { t, formatNumber, formatDuration, formatDate } from './i18n.js';

function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

export async function renderReports(main) {
  const to = new Date();
  const from = new Date(Date.now() - 29 * 86400000);
  const fromInput = h('input', { type: 'date', id: 'report-from', value: isoDay(from) });
  const toInput = h('input', { type: 'date', id: 'report-to', value: isoDay(to) });
  const body = h('div', { class: 'report-grid' });
  const form = h('form', { class: 'report-range', onsubmit: (e) => { e.preventDefault(); load(); } },
    h('label', { for: 'report-from' }, t('reports.from')), fromInput,
    h('label', { for: 'report-to' }, t('reports.to')), toInput,
    h('button', { type: 'submit', class: 'primary' }, t('reports.range')));
  mount(main, h('section', { class: 'reports', 'aria-labelledby': 'reports-title' },
    h('div', { class: 'inbox-head' }, h('h1', { id: 'reports-title' }, t('reports.title')), form), body));
  document.title = `${t('reports.title')} · Tiski`;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  async function load() {
    const range = { from: fromInput.value, to: toInput.value, zone };
    mount(body, h('p', { class: 'muted' }, t('loading')));
    const get = (path) => api(`/api/v1/reports/${path}${query(range)}`).catch(() => null);
    const [volume, times, attainment, satisfaction, reasons, backlog] = await Promise.all([
      get('volume'), get('response-times'), get('sla-attainment'), get('satisfaction'), get('contact-reasons'), get('backlog')]);
    mount(body,
      card(t('reports.volume'), volumeChart(volume || []), `volume${query({ ...range, format: 'csv' })}`),
      card(t('reports.heatMap'), h('img', { class: 'chart-img', alt: t('reports.heatMap'),
        src: `/api/v1/reports/heat-map${query({ ...range, format: 'svg' })}` }), `heat-map${query({ ...range, format: 'csv' })}`),
      card(t('reports.times'), timesTable(times || [])),
      card(t('reports.attainment'), attainmentBars(attainment || [])),
      card(t('reports.satisfaction'), satisfactionTable(satisfaction || [])),
      card(t('reports.reasons'), reasonBars(reasons || [])),
      card(t('reports.backlog'), backlogChart(backlog || [])));
  }
  load();
}

function card(title, content, csv) {
  const id = `r-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return h('section', { class: 'card', 'aria-labelledby': id },
    h('div', { class: 'card-head' }, h('h2', { id }, title),
      csv ? h('a', { class: 'small', href: `/api/v1/reports/${csv}`, download: '' }, t('reports.csv')) : null),
    content);
}

function none() {
  return h('p', { class: 'muted' }, t('reports.none'));
}

function volumeChart(rows) {
  const byDay = new Map();
  rows.forEach((r) => byDay.set(r.date, (byDay.get(r.date) || 0) + r.tickets));
  const days = [...byDay.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  if (!days.length) return none();
  return bars(days.map(([d, n]) => ({ label: formatDate(d), value: n })));
}

function backlogChart(rows) {
  if (!rows.length) return none();
  return bars(rows.map((r) => ({ label: formatDate(r.date), value: r.open })), 'bar-backlog');
}

/** A bar chart in SVG, with the numbers also in an accessible table. */
function bars(points, kind = 'bar') {
  const width = 640;
  const height = 180;
  const max = Math.max(1, ...points.map((p) => p.value));
  const step = width / points.length;
  const top = 18;
  const svg = s('svg', { viewBox: `0 0 ${width} ${height + top + 24}`, class: 'chart', role: 'img', 'aria-hidden': 'true' },
    s('line', { x1: 0, x2: width, y1: top, y2: top, class: 'grid' }),
    points.map((p, i) => {
      const barHeight = Math.round((p.value / max) * height);
      return s('rect', { x: Math.round(i * step + 1), y: top + height - barHeight, width: Math.max(1, Math.round(step - 2)), height: barHeight, class: kind },
        s('title', {}, `${p.label}: ${formatNumber(p.value)}`));
    }),
    s('text', { x: 0, y: top + height + 18, class: 'axis' }, points[0].label),
    s('text', { x: width, y: top + height + 18, class: 'axis', 'text-anchor': 'end' }, points[points.length - 1].label),
    s('text', { x: 0, y: 12, class: 'axis' }, formatNumber(max)));
  const table = h('table', { class: 'sr-only' }, h('tbody', {}, points.map((p) => h('tr', {}, h('th', {}, p.label), h('td', {}, formatNumber(p.value))))));
  return h('div', {}, svg, table);
}

function seconds(value) {
  return value === null || value === undefined ? '—' : formatDuration(value * 1000);
}

function timesTable(times) {
  if (!times.length) return none();
  return h('table', { class: 'data' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('reports.channel')), h('th', { scope: 'col' }, t('reports.count')),
      h('th', { scope: 'col' }, `${t('reports.firstResponse')} · ${t('reports.median')}`), h('th', { scope: 'col' }, t('reports.p90')),
      h('th', { scope: 'col' }, `${t('reports.resolution')} · ${t('reports.median')}`), h('th', { scope: 'col' }, t('reports.p90')))),
    h('tbody', {}, times.map((r) => h('tr', {}, h('th', { scope: 'row' }, r.channel === 'ALL' ? t('filter.any') : t(`channel.${r.channel}`)),
      h('td', {}, formatNumber(r.firstResponse.count)), h('td', {}, seconds(r.firstResponse.medianSeconds)),
      h('td', {}, seconds(r.firstResponse.p90Seconds)), h('td', {}, seconds(r.resolution.medianSeconds)),
      h('td', {}, seconds(r.resolution.p90Seconds))))));
}

function meter(share) {
  const value = share === null || share === undefined ? null : Math.round(share * 1000) / 10;
  const fill = h('span', { class: `meter-fill${value !== null && value < 80 ? ' low' : ''}` });
  fill.style.width = `${Math.max(0, Math.min(100, value ?? 0))}%`; // CSSOM, which the page's CSP allows
  return h('span', { class: 'meter' }, fill, h('span', { class: 'meter-text' }, value === null ? '—' : `${formatNumber(value)} %`));
}

function attainmentBars(rows) {
  if (!rows.length) return none();
  return h('table', { class: 'data' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('reports.policy')), h('th', { scope: 'col' }, t('reports.target')),
      h('th', { scope: 'col' }, t('reports.met')), h('th', { scope: 'col' }, t('reports.breachedCount')), h('th', { scope: 'col' }, '%'))),
    h('tbody', {}, rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, `${r.policy}${r.team ? ` · ${r.team}` : ''}`), h('td', {}, t(`target.${r.target}`)),
      h('td', {}, formatNumber(r.met)), h('td', {}, formatNumber(r.breached)), h('td', {}, meter(r.attainment))))));
}

function satisfactionTable(rows) {
  if (!rows.length) return none();
  return h('table', { class: 'data' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('ticket.team')), h('th', { scope: 'col' }, t('reports.answered')),
      h('th', { scope: 'col' }, t('reports.score')))),
    h('tbody', {}, rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, r.team || t('filter.any')),
      h('td', {}, `${formatNumber(r.answered)} / ${formatNumber(r.sent)}`), h('td', {}, meter(r.score))))));
}

function reasonBars(rows) {
  const all = rows.filter((r) => r.channel === 'ALL').slice(0, 8);
  if (!all.length) return none();
  return h('table', { class: 'data' }, h('tbody', {}, all.map((r) => h('tr', {},
    h('th', { scope: 'row' }, r.label || r.reason), h('td', {}, formatNumber(r.tickets)), h('td', {}, meter(r.share))))));
}

