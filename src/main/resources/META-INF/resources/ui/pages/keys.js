// API Library: create (the key is shown once), list and revoke API keys.
import { del, get, post } from '../api.js';
import { act, copy, errorBox, field, h, show, table, when } from '../dom.js';

function createdPanel(created) {
  const secret = h('input', { type: 'text', id: 'new-key', readonly: true, value: created.key, 'aria-describedby': 'new-key-hint' });
  const copied = h('span', { role: 'status' });
  return h('div', { class: 'card hint' },
    h('h2', {}, `Your new key “${created.name}”`),
    h('p', { id: 'new-key-hint' }, 'Copy it now: this is the only time it is shown. Only a fingerprint of it is stored.'),
    h('div', { class: 'secret' },
      h('label', { for: 'new-key', class: 'label' }, 'API key'), secret,
      h('button', {
        type: 'button', id: 'copy-key',
        onclick: async () => {
          copied.textContent = (await copy(created.key, secret)) ? 'Copied.' : 'Selected: press Ctrl+C (⌘C) to copy.';
        },
      }, 'Copy')),
    copied);
}

/** The webhook secret that signs postbacks: shown on request, rotated on request. */
function webhookSecretCard() {
  const value = h('input', { type: 'text', id: 'webhook-secret', readonly: true, value: '', placeholder: 'hidden' });
  const status = h('div', { 'aria-live': 'polite' });
  const reveal = h('button', {
    type: 'button', class: 'secondary', id: 'show-secret',
    onclick: (e) => act(e.currentTarget, status, async () => {
      value.value = (await get('/api/v1/account/webhook-secret')).secret;
      return null;
    }),
  }, 'Show');
  const rotate = h('button', {
    type: 'button', class: 'danger', id: 'rotate-secret',
    onclick: (e) => {
      if (!window.confirm('Rotate the webhook secret? Postbacks are signed with the new one from now on.')) return;
      act(e.currentTarget, status, async () => {
        value.value = (await post('/api/v1/account/webhook-secret/rotate')).secret;
        return 'A new secret signs your postbacks from now on; update your receiver.';
      });
    },
  }, 'Rotate');
  return h('div', { class: 'card' }, h('h2', {}, 'Webhook secret'),
    h('p', {}, 'Every postback is signed with it (Standard Webhooks: the webhook-id, webhook-timestamp and '
      + 'webhook-signature headers), so your receiver can check that a result comes from this service.'),
    h('div', { class: 'secret' }, h('label', { for: 'webhook-secret', class: 'label' }, 'Secret'), value, reveal, rotate),
    status);
}

export async function keysPage() {
  const messages = h('div', { 'aria-live': 'polite' });
  const fresh = h('div', {});
  const listing = h('div', {});
  const name = h('input', { type: 'text', name: 'name', maxlength: 100, required: true, placeholder: 'production backend' });
  const create = h('button', { type: 'submit' }, 'Create key');
  const form = h('form', { class: 'card', novalidate: true },
    h('div', { class: 'inline' }, field('Key name', name, 'Say where the key is used, to know what to revoke later.'), create));

  async function refresh() {
    const keys = await get('/api/v1/account/api-keys');
    show(listing, keys.length === 0 ? h('p', {}, 'No keys yet.')
      : table('Your API keys', ['Name', 'Starts with', 'Created', 'Last used', 'Status', 'Actions'], keys.map((key) => [
        key.name,
        h('code', {}, `${key.prefix}…`),
        when(key.createdAt),
        when(key.lastUsedAt),
        h('span', { class: `badge ${key.revoked ? 'bad' : 'good'}` }, key.revoked ? 'revoked' : 'active'),
        key.revoked ? '' : h('button', {
          type: 'button', class: 'danger', 'aria-label': `Revoke ${key.name}`,
          onclick: (e) => {
            if (!window.confirm(`Revoke “${key.name}”? Calls with it fail at once.`)) return;
            act(e.currentTarget, messages, async () => {
              await del(`/api/v1/account/api-keys/${key.id}`);
              await refresh();
              return `“${key.name}” was revoked.`;
            });
          },
        }, 'Revoke'),
      ])));
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    act(create, messages, async () => {
      const created = await post('/api/v1/account/api-keys', { name: name.value.trim() });
      name.value = '';
      show(fresh, createdPanel(created));
      await refresh();
      fresh.querySelector('#copy-key').focus();
      return null;
    });
  });
  try {
    await refresh();
  } catch (e) {
    show(messages, errorBox(e));
  }
  return h('section', {}, h('h1', {}, 'API Library'),
    h('p', {}, 'Send a key in the Authorization header of your API calls, from an allow-listed IP.'),
    form, messages, fresh, listing, webhookSecretCard());
}
