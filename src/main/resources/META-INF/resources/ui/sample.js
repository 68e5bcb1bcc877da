// "Try on a sample image" in the configuration editor: the unsaved operations run on one picked image
// (POST /api/v1/configurations/try), and the outputs are shown side by side from the answered ZIP.
import { request } from './api.js';
import { act, h, objectUrls, show } from './dom.js';

const TYPES = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif', avif: 'image/avif' };

/**
 * The ZIP's stored (uncompressed) entries: the images are stored so, which is what lets a browser without a ZIP
 * library or DecompressionStream (Safari 13) read them. Compressed entries (the JSON ones) are skipped.
 */
export function storedEntries(buffer) {
  const view = new DataView(buffer);
  let end = -1;
  for (let i = buffer.byteLength - 22; i >= Math.max(0, buffer.byteLength - 65557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('The answer is not a ZIP file.');
  const count = view.getUint16(end + 10, true);
  const decoder = new TextDecoder();
  const entries = [];
  let at = view.getUint32(end + 16, true);
  for (let n = 0; n < count; n++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error('The ZIP file is damaged.');
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = decoder.decode(new Uint8Array(buffer, at + 46, nameLength));
    if (method === 0) {
      const data = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      entries.push({ name, bytes: buffer.slice(data, data + size) });
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The outputs' object URLs: the previous try's are given back when the next one is shown or the editor reopens. */
const tried = objectUrls();

function figureOf(entry) {
  const parts = entry.name.split('/');
  const extension = parts[parts.length - 1].split('.').pop().toLowerCase();
  const url = tried.of(new Blob([entry.bytes], { type: TYPES[extension] || 'application/octet-stream' }));
  const size = h('span', {}, '');
  const img = h('img', { src: url, alt: `${parts[1]} as ${extension}`, width: 160 });
  img.addEventListener('load', () => { size.textContent = `${img.naturalWidth}×${img.naturalHeight}, `; });
  return h('figure', { class: 'output', 'data-path': entry.name },
    h('a', { href: url, target: '_blank', rel: 'noopener', class: 'thumb', 'aria-label': `Open ${entry.name} in full` }, img),
    h('figcaption', {}, h('strong', {}, parts[1]), ` ${extension.toUpperCase()}`, h('br', {}), size,
      `${entry.bytes.byteLength.toLocaleString()} bytes`));
}

/** The editor's card: pick an image, see what it costs, run the current operations on it, see the outputs. */
export function trySampleCard(operations) {
  tried.revokeAll();
  const cost = h('span', { id: 'try-cost' }, 'what a job of one source costs');
  const file = h('input', { type: 'file', id: 'try-file', name: 'sample', accept: 'image/*' });
  const messages = h('div', { 'aria-live': 'polite', id: 'try-message' });
  const outputs = h('div', {});
  const button = h('button', { type: 'button', class: 'secondary', id: 'try-run' }, 'Try on this image');
  button.addEventListener('click', () => act(button, messages, async () => {
    if (!file.files || file.files.length === 0) throw new Error('Pick an image first.');
    const form = new FormData();
    form.append('operations', JSON.stringify(operations()));
    form.append('source', file.files[0], file.files[0].name);
    const response = await request('POST', '/api/v1/configurations/try', form, 'application/zip, application/problem+json');
    const charged = response.headers.get('Imagecogni-Credits-Charged');
    const images = storedEntries(await response.arrayBuffer()).filter((e) => e.name.startsWith('output/'));
    tried.revokeAll();
    show(outputs, h('div', { class: 'gallery', id: 'try-outputs' }, ...images.map(figureOf)));
    return `${images.length} output(s) from ${file.files[0].name}; charged ${charged} credits.`;
  }));
  const node = h('div', { class: 'card', id: 'try-sample' },
    h('h3', {}, 'Try on a sample image'),
    h('p', { class: 'muted' }, 'Runs the operations above, as they are now (unsaved), on one image of yours and shows the'
      + ' outputs. It costs ', cost, ' credits — what a job of one source costs — and sends no postback.'),
    h('label', { for: 'try-file' }, 'Sample image'), ' ', file, ' ', button, messages, outputs);
  return {
    node,
    /** Shows the current cost (from the editor's estimate) before anything runs. */
    setCost(credits) { cost.textContent = String(credits); },
  };
}
