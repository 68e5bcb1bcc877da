// The upload request as curl, filled in with the chosen configuration and this service's address.
import { get } from '../api.js';
import { copy, errorBox, h, select } from '../dom.js';

/** What arrives at the postback URL, by the configuration's postbackFormat. */
const POSTBACKS = {
  multipart: 'multipart/form-data: outputZipFile (the ZIP), jobId, configId',
  json: 'a JSON job.completed event; its data.result.url downloads the ZIP',
};

function command(configuration) {
  return [
    `# the result is POSTed to ${configuration.postbackUrl} as ${POSTBACKS[configuration.postbackFormat]}`,
    `curl -X POST ${location.origin}/api/v1/jobs \\`,
    '  -H "Authorization: ick_YOUR_API_KEY" \\',
    `  -F configId=${configuration.id} \\`,
    '  -F sources=@photo.jpg \\',
    '  -F sources=@another.png',
  ].join('\n');
}

export async function uploadPage(configId) {
  let configurations;
  try {
    configurations = await get('/api/v1/configurations');
  } catch (e) {
    return h('section', {}, h('h1', {}, 'Upload example'), errorBox(e));
  }
  if (configurations.length === 0) {
    return h('section', {}, h('h1', {}, 'Upload example'),
      h('p', {}, 'Save a configuration first: ', h('a', { href: '#/operations/new' }, 'new configuration'), '.'));
  }
  const chosen = configurations.find((c) => c.id === configId) || configurations[0];
  const code = h('pre', { id: 'curl' }, h('code', {}, command(chosen)));
  const copied = h('span', { role: 'status' });
  const cost = h('span', {}, '');
  const describe = (configuration) => {
    code.firstChild.textContent = command(configuration);
    cost.textContent = `Each source costs ${configuration.creditsPerSource} credits with “${configuration.name}”. `;
  };
  // changing the configuration rewrites the command in place: focus stays on the picker
  const picker = select('Configuration', configurations.map((c) => [c.id, c.name]), chosen.id, (value) => {
    describe(configurations.find((c) => c.id === value));
    history.replaceState(null, '', `#/upload/${value}`);
  });
  describe(chosen);
  return h('section', {}, h('h1', {}, 'Upload example'),
    h('p', {}, 'Send images to a configuration from your backend. The call must come from an active allow-listed IP, '
      + 'with a key from the API Library; the answer is 202 with a job id, and the result ZIP is POSTed to the configuration’s postback URL.'),
    h('div', { class: 'card' }, picker, code,
      h('div', { class: 'actions' },
        h('button', { type: 'button', onclick: async () => { copied.textContent = (await copy(code.textContent)) ? 'Copied.' : 'Select the text to copy it.'; } }, 'Copy command'),
        copied)),
    h('p', {}, cost, 'Repeat ', h('code', {}, '-F sources=@…'),
      ' for more files (up to 40 MB per request). Follow the job at ', h('a', { href: '#/jobs' }, 'Jobs'), '.'));
}
