// My Plan: the account's plan, limits, features and credits, and the plans side by side.
import { get, plans } from '../api.js';
import { errorBox, h, table, when } from '../dom.js';

export const FEATURES = ['resize', 'crop', 'trim', 'rotate', 'flip', 'convert', 'compress', 'watermark', 'filter'];

const number = (n) => Number(n).toLocaleString();

function stat(label, value) {
  return h('div', {}, h('dt', {}, label), h('dd', {}, value));
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
