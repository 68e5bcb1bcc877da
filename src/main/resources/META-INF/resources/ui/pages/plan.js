// My Plan: the account's plan, limits, features and credits, and the plans side by side.
import { get, plans } from '../api.js';
import { errorBox, h, table, when } from '../dom.js';

export const FEATURES = ['resize', 'crop', 'trim', 'rotate', 'flip', 'convert', 'compress', 'watermark', 'filter'];

const number = (n) => Number(n).toLocaleString();

function stat(label, value) {
  return h('div', {}, h('dt', {}, label), h('dd', {}, value));
}

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element (h() makes HTML ones). */
function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  Object.keys(attrs || {}).forEach((name) => el.setAttribute(name, String(attrs[name])));
  children.forEach((child) => el.append(child));
  return el;
}

/**
 * Credits over the current period as a small chart drawn here (no library): a bar per day for what that day's jobs
 * used, the running total as a line, and the plan's allowance as a dashed line the total must stay under.
 */
function creditsChart(credits) {
  const start = new Date(credits.periodStart);
  const end = new Date(credits.periodEnd);
  const days = Math.max(1, Math.round((end - start) / 86400000));
  const used = new Array(days).fill(0);
  (credits.byDay || []).forEach((d) => {
    const i = Math.floor((Date.parse(`${d.day}T00:00:00Z`) - start.getTime()) / 86400000);
    if (i >= 0 && i < days) used[i] += d.credits;
  });
  let total = 0;
  const running = used.map((n) => { total += n; return total; });
  const width = 640;
  const height = 180;
  const left = 48;
  const top = 12;
  const plotW = width - left - 8;
  const plotH = height - top - 28;
  const max = Math.max(credits.allowance, total, 1);
  const y = (v) => top + plotH - (v / max) * plotH;
  const step = plotW / days;
  const bars = used.map((n, i) => (n === 0 ? null : svg('rect', {
    class: 'bar', x: (left + i * step + step * 0.15).toFixed(1), y: y(n).toFixed(1),
    width: Math.max(1, step * 0.7).toFixed(1), height: Math.max(1, (n / max) * plotH).toFixed(1),
  }, svg('title', {}, `${d2(start, i)}: ${number(n)} credits`)))).filter(Boolean);
  const today = Math.min(days, Math.floor((Date.now() - start.getTime()) / 86400000) + 1);
  const line = running.slice(0, today).map((v, i) => `${(left + (i + 1) * step).toFixed(1)},${y(v).toFixed(1)}`);
  const summary = `Credits used this period: ${number(total)} of ${number(credits.allowance)}, `
    + `${(credits.byDay || []).length} day(s) with jobs.`;
  return svg('svg', { id: 'credits-chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': summary, class: 'chart' },
    svg('title', {}, summary),
    svg('line', { class: 'axis', x1: left, y1: top + plotH, x2: left + plotW, y2: top + plotH }),
    svg('line', { class: 'allowance', x1: left, y1: y(credits.allowance), x2: left + plotW, y2: y(credits.allowance) }),
    svg('text', { x: left - 4, y: y(credits.allowance) + 4, 'text-anchor': 'end' }, number(credits.allowance)),
    svg('text', { x: left - 4, y: top + plotH + 4, 'text-anchor': 'end' }, '0'),
    svg('text', { x: left, y: height - 6 }, d2(start, 0)),
    svg('text', { x: left + plotW, y: height - 6, 'text-anchor': 'end' }, d2(start, days - 1)),
    ...bars,
    line.length > 0 ? svg('polyline', { class: 'running', points: `${left},${y(0)} ${line.join(' ')}` }) : '');
}

/** Day i of the period, as the browser writes a short date. */
function d2(start, i) {
  return new Date(start.getTime() + i * 86400000).toLocaleDateString(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

export async function planPage() {
  let account;
  let all;
  try {
    [account, all] = await Promise.all([get('/api/v1/account'), plans()]);
  } catch (e) {
    return h('section', {}, h('h1', {}, 'My Plan'), errorBox(e));
  }
  const { plan, credits, usage } = account;
  const limits = plan.limits;
  const compare = table('What each plan allows', ['Plan', ...all.map((p) => (p.name === plan.name ? `${p.title} (yours)` : p.title))], [
    ['Credits per month', ...all.map((p) => number(p.limits.monthlyCredits))],
    ['Active IPs', ...all.map((p) => number(p.limits.activeIps))],
    ['Configurations', ...all.map((p) => number(p.limits.configurations))],
    ['API keys', ...all.map((p) => number(p.limits.apiKeys))],
    ['Sizes per resize', ...all.map((p) => number(p.limits.sizesPerResize))],
    ...FEATURES.map((f) => [f, ...all.map((p) => (p.features.includes(f) ? 'included' : '—'))]),
  ]);
  return h('section', {},
    h('h1', {}, 'My Plan'),
    h('p', {}, `Signed in as ${account.email}. Your plan: `, h('strong', { id: 'plan-title' }, plan.title), '.'),
    h('h2', {}, 'Credits this period'),
    h('dl', { class: 'stats' },
      stat('Used', number(credits.used)),
      stat('Remaining', h('span', { id: 'credits-remaining' }, number(credits.remaining))),
      stat('Allowance', number(credits.allowance)),
      stat('Period ends', when(credits.periodEnd))),
    h('figure', { class: 'chart-figure' }, creditsChart(credits),
      h('figcaption', { class: 'muted' }, 'Bars: credits used each day (UTC). Line: the running total. Dashed: your plan\'s allowance.')),
    h('h2', {}, 'Limits'),
    h('dl', { class: 'stats' },
      stat('Active IPs', `${usage.activeIps} of ${limits.activeIps}`),
      stat('Configurations', `${usage.configurations} of ${limits.configurations}`),
      stat('API keys', `${usage.apiKeys} of ${limits.apiKeys}`),
      stat('Sizes per resize', String(limits.sizesPerResize))),
    h('h2', {}, 'Features'),
    h('p', {}, plan.features.join(', ')),
    h('p', { class: 'muted' }, 'Every operation costs 1 credit for each image it produces. '
      + 'Plans are changed by the operator; ask them to upgrade you.'),
    h('h2', {}, 'Plans compared'),
    compare);
}
