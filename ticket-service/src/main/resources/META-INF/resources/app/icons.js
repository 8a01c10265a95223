// Channel and interface icons as SVG nodes (no icon font, nothing from outside).
import { s } from './dom.js';

const PATHS = {
  EMAIL: 'M3 6h18v12H3z M3 6l9 7 9-7',
  CONTACT_FORM: 'M5 3h14v18H5z M8 8h8 M8 12h8 M8 16h5',
  RETURN_FORM: 'M9 14l-4-4 4-4 M5 10h10a4 4 0 0 1 0 8h-3',
  MESSENGER: 'M12 3C7 3 3 6.6 3 11c0 2.4 1.2 4.6 3 6v4l3.5-2c.8.2 1.6.3 2.5.3 5 0 9-3.6 9-8s-4-8.3-9-8.3z M7 13l3-3 2.5 2L16 9',
  INSTAGRAM: 'M4 4h16v16H4z M12 8.5a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7z M17 6.8v.1',
  WHATSAPP: 'M4 20l1.3-4A8 8 0 1 1 8 18.7z M9 8.5c0 3.5 3 6.5 6.5 6.5l1-1.5-2-1-1 .8a4.5 4.5 0 0 1-2.3-2.3l.8-1-1-2z',
  TELEGRAM: 'M3 11l18-7-3 16-6-4-3 3v-5l9-7-11 6z',
  X: 'M4 4l16 16 M20 4L4 20',
  PHONE: 'M5 3h4l2 5-2.5 1.5a11 11 0 0 0 6 6L16 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 5a2 2 0 0 1 2-2z',
  IN_PERSON: 'M12 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z M4 21a8 8 0 0 1 16 0',
  note: 'M4 4h12l4 4v12H4z M16 4v4h4 M8 12h8 M8 16h6',
  clip: 'M16 7l-7.5 7.5a2 2 0 0 0 3 3L19 10a4 4 0 0 0-6-6l-7.5 7.5a6 6 0 0 0 8.5 8.5L20 14',
  search: 'M10.5 4a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13z M15.5 15.5L21 21',
  bell: 'M6 17V11a6 6 0 0 1 12 0v6l2 2H4z M10 21h4',
  clock: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z M12 7v5l3 2',
  back: 'M15 5l-7 7 7 7',
  inbox: 'M3 13l3-8h12l3 8v6H3z M3 13h5l1 2h6l1-2h5',
  chart: 'M4 20V10 M10 20V4 M16 20v-7 M22 20H2',
  cog: 'M12 8.5a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7z M12 2v3 M12 19v3 M2 12h3 M19 12h3 M4.9 4.9 7 7 M17 17l2.1 2.1 M4.9 19.1 7 17 M17 7l2.1-2.1',
  user: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8z M4 21a8 8 0 0 1 16 0',
  warn: 'M12 3l10 18H2z M12 10v5 M12 18v.1',
};

export function icon(name, label) {
  const svg = s('svg', { viewBox: '0 0 24 24', class: `icon icon-${name.toLowerCase()}`, 'aria-hidden': label ? null : 'true',
    role: label ? 'img' : null, 'aria-label': label || null, focusable: 'false' },
  s('path', { d: PATHS[name] || PATHS.note }));
  if (label) svg.appendChild(s('title', {}, label));
  return svg;
}
