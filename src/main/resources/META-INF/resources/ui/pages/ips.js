// IPs: the allow-list API keys are accepted from, within the plan's limit of active entries.
import { ApiError, del, get, patch, post } from '../api.js';
import { act, errorBox, field, h, show, table, when } from '../dom.js';

/** The plan-limit refusal in the dashboard's words: what to do here, not which API call to make. */
function explained(error, plan) {
  if (!error.problem || error.problem.code !== 'ip_limit_reached' || !plan) return error;
  return new ApiError(error.status, {
    ...error.problem,
    detail: `All ${plan.limits.activeIps} active addresses of your ${plan.title} plan are in use. `
      + 'Deactivate one in the list below (it stays listed, and you can activate it again later), or upgrade your plan.',
  });
}

export async function ipsPage() {
  let plan = null;
  const messages = h('div', { 'aria-live': 'polite' });
  const listing = h('div', {});
  const summary = h('p', { id: 'ip-summary' });
  const caller = h('p', { class: 'muted', id: 'ip-caller' });
  const address = h('input', { type: 'text', name: 'address', autocomplete: 'off', spellcheck: 'false', required: true });
  const add = h('button', { type: 'submit' }, 'Add IP');
  const form = h('form', { class: 'card', novalidate: true },
    h('div', { class: 'inline' },
      field('IP address or CIDR range', address, 'IPv4, IPv6 or a range such as 203.0.113.0/24.'), add));

  async function refresh() {
    const [ips, account] = await Promise.all([get('/api/v1/account/ips'), get('/api/v1/account')]);
    const active = ips.filter((ip) => ip.active).length;
    plan = account.plan;
    summary.textContent = `${active} of ${account.plan.limits.activeIps} active addresses in use (${account.plan.title} plan). `
      + 'API keys work only from an active address.';
    show(listing, ips.length === 0 ? h('p', {}, 'No addresses yet: API keys will not work until you add one.')
      : table('Allow-listed addresses', ['Address', 'Status', 'Added', 'Actions'], ips.map((ip) => [
        h('code', {}, ip.address),
        h('span', { class: `badge ${ip.active ? 'good' : ''}` }, ip.active ? 'active' : 'inactive'),
        when(ip.createdAt),
        h('div', { class: 'actions' },
          h('button', {
            type: 'button', class: 'secondary', 'aria-label': `${ip.active ? 'Deactivate' : 'Activate'} ${ip.address}`,
            onclick: (e) => act(e.currentTarget, messages, async () => {
              await patch(`/api/v1/account/ips/${ip.id}`, { active: !ip.active }).catch((err) => { throw explained(err, plan); });
              await refresh();
              return `${ip.address} is now ${ip.active ? 'inactive' : 'active'}.`;
            }),
          }, ip.active ? 'Deactivate' : 'Activate'),
          h('button', {
            type: 'button', class: 'danger', 'aria-label': `Delete ${ip.address}`,
            onclick: (e) => {
              if (!window.confirm(`Delete ${ip.address}? API keys stop working from it at once.`)) return;
              act(e.currentTarget, messages, async () => {
                await del(`/api/v1/account/ips/${ip.id}`);
                await refresh();
                return `${ip.address} was deleted.`;
              });
            },
          }, 'Delete')),
      ])));
    return ips;
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    act(add, messages, async () => {
      const created = await post('/api/v1/account/ips', { address: address.value.trim() })
        .catch((err) => { throw explained(err, plan); });
      address.value = '';
      await refresh();
      return `${created.address} was added.`;
    });
  });

  try {
    const [ips, me] = await Promise.all([refresh(), get('/api/v1/auth/whoami')]);
    if (me.clientAddress && me.clientAddress !== 'unknown') {
      caller.textContent = `This browser calls from ${me.clientAddress}. Your backend's address may differ.`;
      // offer it, unless it is listed already
      if (!ips.some((ip) => ip.address === me.clientAddress)) address.value = me.clientAddress;
    }
  } catch (e) {
    show(messages, errorBox(e));
  }
  return h('section', {}, h('h1', {}, 'IPs'), summary, form, caller, messages, listing);
}
