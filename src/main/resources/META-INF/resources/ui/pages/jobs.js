// Jobs: recent jobs, one job's sources and deliveries, the result ZIP and redelivery.
import { api, get, post } from '../api.js';
import { act, errorBox, h, objectUrls, show, table, when } from '../dom.js';

const PAGE_SIZE = 20;

function badge(status) {
  const tone = status === 'completed' || status === 'delivered' || status === 'succeeded' ? 'good'
    : status === 'failed' || status === 'gone' || status === 'exhausted' ? 'bad' : '';
  return h('span', { class: `badge ${tone}` }, status || '—');
}

export async function jobsPage() {
  const messages = h('div', { 'aria-live': 'polite' });
  const listing = h('div', {});
  let page = 0;
  async function refresh() {
    const result = await get(`/api/v1/jobs?page=${page}&size=${PAGE_SIZE}`);
    const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    show(listing, h('div', {},
      result.items.length === 0 ? h('p', {}, 'No jobs yet. ', h('a', { href: '#/upload' }, 'See how to upload.'))
        : table(`Jobs, newest first (page ${page + 1} of ${pages})`, ['Accepted', 'Status', 'Sources', 'Credits', 'Postback', ''],
          result.items.map((job) => [
            when(job.createdAt), badge(job.status), String(job.sources), String(job.credits), badge(job.deliveryState),
            h('a', { href: `#/jobs/${job.jobId}`, 'aria-label': `Details of the job accepted ${when(job.createdAt)}` }, 'Details'),
          ])),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', disabled: page === 0, onclick: () => { page -= 1; refresh().catch((e) => show(messages, errorBox(e))); } }, 'Newer'),
        h('button', { type: 'button', class: 'secondary', disabled: page + 1 >= pages, onclick: () => { page += 1; refresh().catch((e) => show(messages, errorBox(e))); } }, 'Older'),
        h('button', { type: 'button', class: 'secondary', id: 'refresh-jobs', onclick: () => refresh().catch((e) => show(messages, errorBox(e))) }, 'Refresh'))));
  }
  try {
    await refresh();
  } catch (e) {
    show(messages, errorBox(e));
  }
  return h('section', {}, h('h1', {}, 'Jobs'), messages, listing);
}

/** Saves the result ZIP through the API (it needs the session's token, so not a plain link). */
async function download(jobId) {
  const zip = await api('GET', `/api/v1/jobs/${jobId}/result`);
  const url = URL.createObjectURL(zip);
  const link = h('a', { href: url, download: `${jobId}.zip` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
  return `The result ZIP (${zip.size.toLocaleString()} bytes) is downloading.`;
}

/** How many outputs the job page previews: each is read out of the stored ZIP on its own. */
const PREVIEWS = 24;

/** The previews' object URLs: those of the job shown before are given back when the next job page is drawn. */
const previews = objectUrls();

/** An entry of the result ZIP as an object URL (the API needs the session's token, so not a plain src). */
async function entryUrl(jobId, path) {
  const blob = await api('GET', `/api/v1/jobs/${jobId}/result/${path.split('/').map(encodeURIComponent).join('/')}`,
    undefined, 'image/*, application/problem+json');
  return previews.of(blob);
}

/**
 * The outputs as pictures: per output a thumbnail with its variant, format, size and bytes, which opens the full
 * image. The list comes from the ZIP's manifest; the images load two at a time, so a large result is not read
 * many times over at once.
 */
async function outputsGallery(jobId) {
  const manifest = await get(`/api/v1/jobs/${jobId}/result/manifest.json`);
  const outputs = [];
  (manifest.sources || []).forEach((source) => (source.outputs || []).forEach((output) => outputs.push({ source, output })));
  if (outputs.length === 0) return h('p', { class: 'muted' }, 'No outputs: every source failed.');
  const shown = outputs.slice(0, PREVIEWS);
  const figures = shown.map(({ source, output }) => {
    const img = h('img', { alt: `${source.originalName}, ${output.variant} as ${output.format}`, width: 160 });
    const link = h('a', { href: '#', class: 'thumb', 'aria-label': `Open ${output.path} in full` }, img);
    const figure = h('figure', { class: 'output', 'data-path': output.path }, link,
      h('figcaption', {}, h('strong', {}, output.variant), ` ${output.format.toUpperCase()}`, h('br', {}),
        `${output.width}×${output.height}, ${output.bytes.toLocaleString()} bytes`, h('br', {}),
        h('span', { class: 'muted' }, source.originalName)));
    return { figure, img, link, path: output.path };
  });
  const queue = figures.slice();
  const gallery = h('div', { class: 'gallery', id: 'outputs' }, ...figures.map((f) => f.figure));
  let shownOnce = false;
  async function loadNext() {
    const next = queue.shift();
    if (gallery.isConnected) shownOnce = true;
    // the person left the page: the rest is not fetched
    if (!next || (shownOnce && !gallery.isConnected)) return;
    try {
      const url = await entryUrl(jobId, next.path);
      next.img.src = url;
      next.link.href = url;
      next.link.target = '_blank';
      next.link.rel = 'noopener';
    } catch (e) {
      next.figure.append(h('p', { class: 'error' }, e.message));
    }
    await loadNext();
  }
  loadNext();
  loadNext();
  return h('div', {}, gallery,
    outputs.length > PREVIEWS ? h('p', { class: 'muted' }, `The first ${PREVIEWS} of ${outputs.length} outputs; the ZIP has them all.`) : null);
}

/** The progress bar of a job that is still running, from the status' progress. */
function progressBar(job) {
  const p = job.progress;
  if (!p || (job.status !== 'queued' && job.status !== 'processing')) return null;
  // the outputs' total is known once the worker has planned the job; until then the sources measure it
  const byOutputs = typeof p.outputsTotal === 'number' && p.outputsTotal > 0;
  return h('div', { class: 'progress' },
    h('label', { for: 'job-progress' }, job.status === 'queued' ? 'Waiting for a worker' : 'Processing'),
    h('progress', { id: 'job-progress', max: byOutputs ? p.outputsTotal : Math.max(1, p.sourcesTotal),
      value: byOutputs ? p.outputsDone : p.sourcesDone }),
    h('span', { class: 'muted' }, ` ${p.sourcesDone} of ${p.sourcesTotal} sources`
      + (byOutputs ? `, ${p.outputsDone} of ${p.outputsTotal} outputs` : '')));
}

export async function jobPage(id) {
  previews.revokeAll();
  const messages = h('div', { 'aria-live': 'polite' });
  const body = h('div', {});
  const gallery = h('div', {});
  const progress = h('div', {});
  let galleryShown = false;
  let following = null;
  let shownStatus = null;
  async function refresh() {
    clearTimeout(following);
    const job = await get(`/api/v1/jobs/${id}`);
    const delivery = job.delivery || {};
    const running = job.status === 'queued' || job.status === 'processing';
    if (running) {
      // the page follows a running job by itself, until it ends or the person leaves the page
      following = setTimeout(() => {
        if (body.isConnected) refresh().catch((e) => show(messages, errorBox(e)));
      }, 1000);
      if (shownStatus === job.status) {
        // only the bar moves: the rest of the page (and the keyboard focus in it) stays as it is
        show(progress, progressBar(job));
        return;
      }
    }
    shownStatus = job.status;
    show(progress, progressBar(job));
    if (job.result && !galleryShown) {
      galleryShown = true;
      outputsGallery(id).then((node) => show(gallery, node)).catch((e) => show(gallery, errorBox(e)));
    }
    show(body, h('div', {},
      progress,
      h('dl', { class: 'stats' },
        h('div', {}, h('dt', {}, 'Status'), h('dd', { id: 'job-status' }, job.status)),
        h('div', {}, h('dt', {}, 'Credits charged'), h('dd', {}, `${job.credits.charged} (reserved ${job.credits.reserved}, refunded ${job.credits.refunded})`)),
        h('div', {}, h('dt', {}, 'Accepted'), h('dd', {}, when(job.createdAt))),
        h('div', {}, h('dt', {}, 'Finished'), h('dd', {}, when(job.finishedAt)))),
      job.error ? h('p', { class: 'error' }, job.error) : null,
      h('p', {}, 'Configuration ', h('a', { href: `#/operations/${job.configId}` }, h('code', {}, job.configId)),
        `, version ${job.configVersion} (the version current when the job was accepted).`,
        !job.result ? '' : job.result.expiresAt ? ` The result is kept until ${when(job.result.expiresAt)}.`
          : ' The result is kept for a while after its delivery ends.'),
      h('div', { class: 'actions' },
        job.result ? h('button', { type: 'button', id: 'download', onclick: (e) => act(e.currentTarget, messages, () => download(id)) },
          `Download ZIP (${job.result.bytes.toLocaleString()} bytes)`) : h('span', { class: 'muted' }, 'No result to download (yet, or no longer).'),
        h('button', {
          type: 'button', class: 'secondary', id: 'redeliver', disabled: !job.result,
          onclick: (e) => act(e.currentTarget, messages, async () => {
            await post(`/api/v1/jobs/${id}/redeliver`);
            await refresh();
            return 'The postback is being sent again.';
          }),
        }, 'Redeliver postback'),
        h('button', { type: 'button', class: 'secondary', onclick: () => refresh().catch((e) => show(messages, errorBox(e))) }, 'Refresh')),
      h('h2', {}, 'Outputs'),
      job.result ? gallery : h('p', { class: 'muted' }, running ? 'The outputs appear here when the job is done.'
        : 'No result to show (it is no longer kept, or no source succeeded).'),
      h('h2', {}, 'Sources'),
      table('Each uploaded file and its outcome', ['#', 'Name', 'Bytes', 'Status', 'Error'], (job.sources || []).map((s) => [
        String(s.position), s.name, s.bytes.toLocaleString(), badge(s.status), s.error ? `${s.error.message} (${s.error.reason})` : '',
      ])),
      h('h2', {}, 'Postback'),
      h('p', {}, 'State: ', badge(delivery.state), delivery.deliveredAt ? ` — last delivered ${when(delivery.deliveredAt)}` : '',
        delivery.nextAttemptAt ? ` — next attempt ${when(delivery.nextAttemptAt)}` : ''),
      (delivery.history || []).length === 0 ? h('p', { class: 'muted' }, 'No attempts yet.')
        : table('Delivery attempts', ['Attempt', 'At', 'HTTP status', 'Outcome', 'Took', 'Error'], delivery.history.map((a) => [
          String(a.attempt), when(a.at), a.statusCode ? String(a.statusCode) : '—', badge(a.outcome), `${a.durationMs} ms`, a.error || '',
        ]))));
  }
  try {
    await refresh();
  } catch (e) {
    show(messages, errorBox(e));
  }
  return h('section', {}, h('h1', {}, 'Job'), h('p', {}, h('a', { href: '#/jobs' }, '← All jobs')), messages, body);
}

