// Media Operations: the configurations, and an editor that builds one operation by operation,
// showing what a source will cost (and a cheaper order) while it changes.
import { del, get, plans, post, put } from '../api.js';
import { catalogue } from '../catalogue.js';
import { act, checkbox, copyOf, errorBox, field, h, okBox, orElse, replaceChildren, select, show, table, when } from '../dom.js';
import { FEATURES } from './plan.js';
import { trySampleCard } from '../sample.js';

const LABELS = {
  resize: 'Resize', crop: 'Crop', trim: 'Trim', rotate: 'Rotate', flip: 'Flip', convert: 'Convert',
  compress: 'Compress', watermark: 'Watermark', filter: 'Filter',
};
const DEFAULTS = {
  resize: { type: 'resize', sizes: [{ width: 800 }] },
  crop: { type: 'crop', aspectRatio: '16:9', gravity: 'center' },
  trim: { type: 'trim' },
  rotate: { type: 'rotate', degrees: 90 },
  flip: { type: 'flip', direction: 'horizontal' },
  convert: { type: 'convert', formats: ['webp'] },
  compress: { type: 'compress', quality: 80 },
  watermark: { type: 'watermark', text: '© ', position: 'southeast', opacity: 0.5 },
  filter: { type: 'filter', filter: 'grayscale' },
};
const FITS = [['contain', 'contain (fit inside)'], ['cover', 'cover (fill, then crop)'], ['fill', 'fill (stretch)'], ['pad', 'pad (fit, then pad)']];
const GRAVITY = ['center', 'north', 'south', 'east', 'west', 'northeast', 'northwest', 'southeast', 'southwest'];
const FORMATS = ['jpeg', 'png', 'webp', 'gif', 'avif'];

// a message for the list page after a save navigates to it
let flash = null;

/** The configuration's postbackFormat values, as the editor offers them. */
const POSTBACK_FORMATS = [
  ['multipart', 'multipart: the ZIP in a multipart/form-data body'],
  ['json', 'JSON: a job.completed event with a signed link to the ZIP'],
];

export async function operationsPage() {
  const messages = h('div', { 'aria-live': 'polite' });
  if (flash) {
    show(messages, okBox(flash));
    flash = null;
  }
  const listing = h('div', {});
  async function refresh() {
    const [configurations, account] = await Promise.all([get('/api/v1/configurations'), get('/api/v1/account')]);
    const limit = account.plan.limits.configurations;
    show(listing, h('div', {},
      h('p', {}, `${configurations.length} of ${limit} configurations (${account.plan.title} plan).`),
      configurations.length === 0 ? h('p', {}, 'No configurations yet.')
        : table('Your configurations', ['Name', 'Version', 'Credits per source', 'Postback', 'Saved', 'Actions'],
          configurations.map((c) => [
            h('a', { href: `#/operations/${c.id}` }, c.name),
            String(c.version),
            String(c.creditsPerSource),
            h('span', {}, h('code', {}, c.postbackUrl), ` (${c.postbackFormat})`),
            when(c.updatedAt),
            h('div', { class: 'actions' },
              h('a', { class: 'button secondary', href: `#/operations/${c.id}`, 'aria-label': `Edit ${c.name}` }, 'Edit'),
              h('a', { class: 'button secondary', href: `#/upload/${c.id}`, 'aria-label': `Upload example for ${c.name}` }, 'Upload example'),
              h('button', {
                type: 'button', class: 'danger', 'aria-label': `Delete ${c.name}`,
                onclick: (e) => {
                  if (!window.confirm(`Delete “${c.name}”? Jobs that ran on it keep their results.`)) return;
                  act(e.currentTarget, messages, async () => {
                    await del(`/api/v1/configurations/${c.id}`);
                    await refresh();
                    return `“${c.name}” was deleted.`;
                  });
                },
              }, 'Delete')),
          ]))));
  }
  try {
    await refresh();
  } catch (e) {
    show(messages, errorBox(e));
  }
  return h('section', {}, h('h1', {}, 'Media Operations'),
    h('p', {}, h('a', { class: 'button', href: '#/operations/new', id: 'new-configuration' }, 'New configuration')),
    messages, listing);
}

/** The editor for a new configuration (id null) or a new version of an existing one. */
export async function editorPage(id) {
  let account;
  let allPlans;
  let templates;
  let existing;
  let known;
  try {
    [account, allPlans, templates, known, existing] = await Promise.all([get('/api/v1/account'), plans(),
      get('/api/v1/templates'), catalogue(), id ? get(`/api/v1/configurations/${id}`) : null]);
  } catch (e) {
    return h('section', {}, h('h1', {}, 'Media Operations'), errorBox(e));
  }
  const plan = account.plan;
  const state = existing
    ? { name: existing.name, postbackUrl: existing.postbackUrl, postbackFormat: existing.postbackFormat, operations: copyOf(existing.operations) }
    : { name: '', postbackUrl: '', postbackFormat: 'multipart', operations: [copyOf(DEFAULTS.resize)] };

  const operationsBox = h('div', { id: 'operations' });
  const estimateBox = h('div', { class: 'card estimate', id: 'estimate', 'aria-live': 'polite' }, 'Working out the cost…');
  const sample = trySampleCard(() => state.operations);
  const messages = h('div', { 'aria-live': 'polite' });
  const paletteMessage = h('p', { role: 'status', class: 'muted' });
  let timer;
  let sequence = 0;

  function changed() {
    clearTimeout(timer);
    timer = setTimeout(estimate, 250);
  }

  async function estimate() {
    const mine = ++sequence;
    try {
      const result = await post('/api/v1/configurations/estimate', { operations: state.operations });
      if (mine !== sequence) return;
      if (estimateBox.dataset.shown === JSON.stringify(result)) return;
      estimateBox.dataset.shown = JSON.stringify(result);
      sample.setCost(result.creditsPerSource);
      show(estimateBox, h('div', {},
        h('p', {}, 'Credits per source: ', h('strong', { id: 'credits-per-source' }, String(result.creditsPerSource))),
        result.hint ? h('p', { class: 'hint', id: 'cheaper-hint' }, result.hint)
          : h('p', { class: 'muted' }, 'This order is already the cheapest.')));
    } catch (e) {
      if (mine !== sequence) return;
      const shown = JSON.stringify(e.problem || e.message);
      if (estimateBox.dataset.shown === shown) return;
      estimateBox.dataset.shown = shown;
      show(estimateBox, errorBox(e));
    }
  }

  /** Redraws the operations (after a structural change) and moves focus to `focus` inside them. */
  function render(focus, fallback) {
    replaceChildren(operationsBox, ...state.operations.map((op, i) => operationCard(op, i)));
    if (focus) {
      // a button that became disabled (a step moved to the top) cannot hold focus: use its step's heading
      const target = form.querySelector(focus);
      const focusable = target && !target.disabled ? target : form.querySelector(fallback || 'h2');
      if (focusable) focusable.focus();
    }
    changed();
  }

  // --- bound inputs: each writes straight into the operation object it edits ---
  function number(label, obj, key, name, { min, max, step, hint, placeholder } = {}) {
    const input = h('input', {
      type: 'number', name, min, max, step, placeholder, value: orElse(obj[key], ''), inputmode: 'decimal',
      oninput: (e) => {
        if (e.target.value === '') delete obj[key];
        else obj[key] = Number(e.target.value);
        changed();
      },
    });
    return field(label, input, hint);
  }
  function text(label, obj, key, name, hint) {
    const input = h('input', {
      type: 'text', name, value: orElse(obj[key], ''),
      oninput: (e) => {
        if (e.target.value === '') delete obj[key];
        else obj[key] = e.target.value;
        changed();
      },
    });
    return field(label, input, hint);
  }
  function choice(label, options, obj, key, name, { optional = false, fallback = 'default', convert = (v) => v } = {}) {
    const el = select(label, optional ? [['', `(${fallback})`], ...options] : options, obj[key], (v) => {
      if (v === '') delete obj[key];
      else obj[key] = convert(v);
      changed();
    });
    el.querySelector('select').name = name;
    return el;
  }
  function flag(label, obj, key, name, defaultValue = false) {
    const el = checkbox(label, orElse(obj[key], defaultValue), (on) => {
      if (on === defaultValue) delete obj[key];
      else obj[key] = on;
      changed();
    });
    el.querySelector('input').name = name;
    return el;
  }

  /**
   * The watermark's image: a picked file, kept in the operation as a data URL (the API takes base64 image bytes), with
   * a preview and a way to remove it.
   */
  function watermarkImage(op, i) {
    const input = h('input', { type: 'file', accept: 'image/png,image/webp,image/jpeg,image/gif', name: `op${i}-image`,
      id: `op${i}-image` });
    input.addEventListener('change', () => {
      const picked = input.files && input.files[0];
      if (!picked) return;
      const reader = new FileReader();
      reader.addEventListener('load', () => {
        op.image = String(reader.result);
        render(`[name="op${i}-image"]`);
      });
      reader.readAsDataURL(picked);
    });
    return h('div', { class: 'field watermark-image' },
      h('label', { for: `op${i}-image` }, op.image ? 'Image (replace)' : 'Image (PNG with transparency works best)'),
      input,
      op.image ? h('div', { class: 'inline' },
        h('img', { src: op.image, alt: 'The watermark image', class: 'mark-preview', id: `op${i}-image-preview` }),
        h('button', {
          type: 'button', class: 'danger', 'aria-label': `Remove the watermark image of step ${i + 1}`,
          onclick: () => {
            op.image = '';
            render(`[name="op${i}-image"]`);
          },
        }, 'Remove image')) : null);
  }

  /** The templates grouped by platform, each with its exact size. */
  function templatePicker(size, name) {
    const platforms = [...new Set(templates.map((t) => t.platform))];
    const control = h('select', {
      name,
      onchange: (e) => {
        size.template = e.target.value;
        changed();
      },
    }, platforms.map((platform) => h('optgroup', { label: platform }, templates.filter((t) => t.platform === platform)
      .map((t) => h('option', { value: t.name, selected: t.name === size.template }, `${t.name} (${t.width}×${t.height})`)))));
    return field('Template', control);
  }

  function sizeRow(op, size, j, i) {
    const mode = size.template !== undefined ? 'template' : size.percent !== undefined ? 'percent' : 'pixels';
    const prefix = `op${i}-size${j}`;
    const modeSelect = select(`Size ${j + 1} by`, [['pixels', 'pixels'], ['percent', 'percent'], ['template', 'template']], mode, (v) => {
      delete size.width;
      delete size.height;
      delete size.percent;
      delete size.template;
      if (v === 'pixels') size.width = 800;
      if (v === 'percent') size.percent = 50;
      if (v === 'template') size.template = templates[0].name;
      render(`[name="${prefix}-mode"]`);
    });
    modeSelect.querySelector('select').name = `${prefix}-mode`;
    const fields = mode === 'pixels'
      ? [number('Width (px)', size, 'width', `${prefix}-width`, { min: 1 }), number('Height (px)', size, 'height', `${prefix}-height`, { min: 1 })]
      : mode === 'percent' ? [number('Percent', size, 'percent', `${prefix}-percent`, { min: 1, max: 1000 })]
        : [templatePicker(size, `${prefix}-template`)];
    return h('div', { class: 'size inline', 'data-size': j }, modeSelect, fields,
      choice(`Size ${j + 1} fit`, FITS, size, 'fit', `${prefix}-fit`, { optional: true, fallback: "the resize's fit" }),
      text('Folder name (optional)', size, 'name', `${prefix}-name`),
      h('button', {
        type: 'button', class: 'danger', disabled: op.sizes.length === 1, 'aria-label': `Remove size ${j + 1}`,
        onclick: () => {
          op.sizes.splice(j, 1);
          render(`[data-op="${i}"] .add-size`);
        },
      }, 'Remove'));
  }

  const editors = {
    resize(op, i) {
      op.sizes = op.sizes || [];
      const max = plan.limits.sizesPerResize;
      return [
        h('div', { class: 'inline' },
          choice('Fit', FITS, op, 'fit', `op${i}-fit`, { optional: true, fallback: 'default: contain' }),
          text('Background (for pad)', op, 'background', `op${i}-background`, 'A colour such as #ffffff.')),
        flag('Enlarge images smaller than the size (upscale)', op, 'upscale', `op${i}-upscale`),
        h('fieldset', {}, h('legend', {}, `Sizes: ${op.sizes.length} of up to ${max}`),
          op.sizes.map((size, j) => sizeRow(op, size, j, i)),
          h('p', {}, h('button', {
            type: 'button', class: 'secondary add-size', disabled: op.sizes.length >= max,
            onclick: () => {
              op.sizes.push({ width: 400 });
              render(`[name="op${i}-size${op.sizes.length - 1}-mode"]`);
            },
          }, 'Add size'), op.sizes.length >= max ? h('small', {}, ` Your plan allows ${max} sizes per resize.`) : null)),
      ];
    },
    crop(op, i) {
      const mode = op.aspectRatio !== undefined || (op.width === undefined && op.x === undefined) ? 'aspect' : 'box';
      const modeSelect = select('Crop by', [['aspect', 'aspect ratio'], ['box', 'exact box (pixels)']], mode, (v) => {
        for (const key of ['x', 'y', 'width', 'height', 'aspectRatio', 'gravity']) delete op[key];
        Object.assign(op, v === 'aspect' ? { aspectRatio: '16:9', gravity: 'center' } : { x: 0, y: 0, width: 800, height: 600 });
        render(`[name="op${i}-crop-mode"]`);
      });
      modeSelect.querySelector('select').name = `op${i}-crop-mode`;
      return [h('div', { class: 'inline' }, modeSelect, mode === 'aspect'
        ? [text('Aspect ratio', op, 'aspectRatio', `op${i}-aspect`, 'Such as 16:9 or 1:1.'),
          choice('Keep', [...GRAVITY, 'smart'].map((g) => [g, g === 'smart' ? 'smart (the busiest part)' : g]), op, 'gravity', `op${i}-gravity`, { optional: true, fallback: 'default: center' })]
        : ['x', 'y', 'width', 'height'].map((k) => number(k, op, k, `op${i}-${k}`, { min: k.length === 1 ? 0 : 1 })))];
    },
    trim(op, i) {
      const { min, max, defaultValue, description } = known.trimThreshold;
      return [number(`Threshold (${min}–${max})`, op, 'threshold', `op${i}-threshold`, {
        min, max, step: 1, placeholder: String(defaultValue),
        hint: `${description} Empty for ${defaultValue}.`,
      })];
    },
    rotate(op, i) {
      return [choice('Degrees (clockwise)', [90, 180, 270], op, 'degrees', `op${i}-degrees`, { convert: Number })];
    },
    flip(op, i) {
      return [choice('Direction', ['horizontal', 'vertical'], op, 'direction', `op${i}-direction`)];
    },
    convert(op, i) {
      op.formats = op.formats || [];
      return [h('fieldset', {}, h('legend', {}, 'Formats (one output per format)'), FORMATS.map((format) => {
        const el = checkbox(format, op.formats.includes(format), (on) => {
          if (on) op.formats.push(format);
          else op.formats.splice(op.formats.indexOf(format), 1);
          changed();
        });
        el.querySelector('input').name = `op${i}-format-${format}`;
        return el;
      })), choice('Colour profile', [['srgb', 'convert to sRGB'], ['keep', "keep the source's (e.g. Display P3)"]], op,
        'colorProfile', `op${i}-color-profile`, { optional: true, fallback: 'default: convert to sRGB' })];
    },
    compress(op, i) {
      return [number('Quality (1–100)', op, 'quality', `op${i}-quality`, { min: 1, max: 100 }),
        flag('Progressive JPEG', op, 'progressive', `op${i}-progressive`),
        flag('Lossless (WebP, AVIF)', op, 'lossless', `op${i}-lossless`),
        number('Effort (0–9)', op, 'effort', `op${i}-effort`, { min: 0, max: 9, hint: 'Slower and smaller as it grows; empty for each format\'s default.' }),
        flag('Strip metadata', op, 'stripMetadata', `op${i}-strip`, true),
        flag('Keep GPS (with metadata kept)', op, 'keepGps', `op${i}-keep-gps`)];
    },
    watermark(op, i) {
      // a mark is a text or an image, never both (the API refuses both): switching drops the other's fields
      const byImage = op.image !== undefined;
      const markSelect = select('Mark', [['text', 'a text'], ['image', 'an image']], byImage ? 'image' : 'text', (v) => {
        if (v === 'image') {
          delete op.text;
          delete op.textSize;
          delete op.textColor;
          op.image = '';
        } else {
          delete op.image;
          op.text = '';
        }
        render(`[name="op${i}-mark"]`);
      });
      markSelect.querySelector('select').name = `op${i}-mark`;
      const own = byImage ? [watermarkImage(op, i)] : [
        text('Text', op, 'text', `op${i}-text`),
        number('Text size (px)', op, 'textSize', `op${i}-text-size`, { min: 1 }),
        text('Text colour', op, 'textColor', `op${i}-text-color`, 'Such as #ffffff.')];
      return [h('div', { class: 'two' }, markSelect, ...own,
        choice('Position', GRAVITY, op, 'position', `op${i}-position`, { optional: true }),
        number('Opacity (0–1)', op, 'opacity', `op${i}-opacity`, { min: 0, max: 1, step: 0.05 }),
        number('Margin (px)', op, 'margin', `op${i}-margin`, { min: 0 }),
        choice('Blend mode', known.blendModes.values, op, 'mode', `op${i}-mode`,
          { optional: true, fallback: `default: ${known.blendModes.defaultValue}` }))];
    },
    filter(op, i) {
      const kind = known.filters.find((f) => f.name === op.filter);
      const kindSelect = select('Filter', known.filters.map((f) => f.name), op.filter, (v) => {
        // an amount means something else for each filter: the new one starts at its default
        op.filter = v;
        delete op.amount;
        if (!known.filters.find((f) => f.name === v).color) delete op.color;
        render(`[name="op${i}-filter"]`);
      });
      kindSelect.querySelector('select').name = `op${i}-filter`;
      if (!kind) return [h('div', { class: 'inline' }, kindSelect)];
      const range = `${kind.min}–${kind.max}`;
      const colour = kind.color ? field('Border colour', h('input', {
        type: 'color', name: `op${i}-color`, value: orElse(op.color, kind.color.defaultValue),
        oninput: (e) => {
          op.color = e.target.value;
          changed();
        },
      }), `Default ${kind.color.defaultValue}.`) : null;
      return [h('div', { class: 'inline' }, kindSelect,
        number(`Amount (${range})`, op, 'amount', `op${i}-amount`, {
          min: kind.min, max: kind.max, step: kind.step, placeholder: String(kind.defaultAmount),
          hint: `${kind.meaning.charAt(0).toUpperCase()}${kind.meaning.slice(1)} Empty for ${kind.defaultAmount}.`,
        }), colour)];
    },
  };

  /** Why an operation the plan lacks is locked, naming the plans that include it. */
  function unlockMessage(type) {
    const unlocking = allPlans.filter((p) => p.features.includes(type)).map((p) => p.title);
    return `${LABELS[type] || type} comes with the ${unlocking.join(' or ')} plan${unlocking.length > 1 ? 's' : ''}; `
      + `your ${plan.title} plan does not include it. The operator can upgrade you.`;
  }

  function operationCard(op, i) {
    const label = LABELS[op.type] || op.type;
    const count = state.operations.length;
    const move = (to, cls) => () => {
      const [moved] = state.operations.splice(i, 1);
      state.operations.splice(to, 0, moved);
      render(`[data-op="${to}"] .${cls}`, `[data-op="${to}"] h3`);
    };
    return h('div', { class: 'card op', 'data-op': i, 'data-type': op.type },
      h('div', { class: 'op-head' },
        h('h3', { tabindex: -1 }, `${i + 1}. ${label}`),
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'secondary up', disabled: i === 0, 'aria-label': `Move ${label} (step ${i + 1}) up`, onclick: move(i - 1, 'up') }, '↑ Up'),
          h('button', { type: 'button', class: 'secondary down', disabled: i === count - 1, 'aria-label': `Move ${label} (step ${i + 1}) down`, onclick: move(i + 1, 'down') }, '↓ Down'),
          h('button', {
            type: 'button', class: 'danger', 'aria-label': `Remove ${label} (step ${i + 1})`,
            onclick: () => {
              state.operations.splice(i, 1);
              render('.palette button:not([aria-disabled])', '.palette button');
            },
          }, 'Remove'))),
      // a step saved before the plan changed: say why saving it fails, and what would allow it
      plan.features.includes(op.type) ? null : h('p', { class: 'hint locked-step' }, unlockMessage(op.type)),
      editors[op.type] ? editors[op.type](op, i) : h('p', {}, 'This operation cannot be edited here.'));
  }

  const palette = h('div', { class: 'palette' }, FEATURES.map((type) => {
    if (plan.features.includes(type)) {
      return h('button', {
        type: 'button', class: 'secondary', 'data-add': type,
        onclick: () => {
          state.operations.push(copyOf(DEFAULTS[type]));
          render(`[data-op="${state.operations.length - 1}"] h3`);
        },
      }, `+ ${LABELS[type]}`);
    }
    const unlocking = allPlans.filter((p) => p.features.includes(type)).map((p) => p.title);
    const why = unlockMessage(type);
    return h('button', {
      type: 'button', class: 'secondary locked', 'data-add': type, 'aria-disabled': 'true', title: why,
      onclick: () => {
        paletteMessage.textContent = why;
      },
    }, `${LABELS[type]} · locked (${unlocking[0] || 'unavailable'})`);
  }));

  const name = h('input', { type: 'text', name: 'name', maxlength: 100, value: state.name, required: true,
    oninput: (e) => { state.name = e.target.value; } });
  const postbackUrl = h('input', { type: 'url', name: 'postbackUrl', value: state.postbackUrl, required: true, placeholder: 'https://example.com/hooks/images',
    oninput: (e) => { state.postbackUrl = e.target.value; } });
  const postbackFormat = select('Postback format', POSTBACK_FORMATS, state.postbackFormat, (v) => { state.postbackFormat = v; },
    'Multipart sends the ZIP itself; JSON sends a small signed event that the Standard Webhooks libraries verify, with a link to the ZIP.');
  postbackFormat.querySelector('select').name = 'postbackFormat';
  const save = h('button', { type: 'submit', id: 'save' }, id ? 'Save new version' : 'Save configuration');
  const form = h('form', { novalidate: true },
    h('div', { class: 'card' },
      field('Name', name, 'It names the configuration folder in every result ZIP.'),
      field('Postback URL', postbackUrl, 'The result is POSTed here, signed; it must be a public http(s) address.'),
      postbackFormat),
    h('h2', {}, 'Operations, in order'),
    h('p', { class: 'muted' }, 'Each operation applies to every image the ones before it produced.'),
    operationsBox,
    h('h2', {}, 'Add an operation'), palette, paletteMessage,
    estimateBox,
    sample.node,
    h('p', {}, save), messages);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    act(save, messages, async () => {
      const body = { name: state.name.trim(), postbackUrl: state.postbackUrl.trim(), postbackFormat: state.postbackFormat,
        operations: state.operations };
      const saved = id ? await put(`/api/v1/configurations/${id}`, body) : await post('/api/v1/configurations', body);
      flash = `Saved “${saved.name}”, version ${saved.version}: ${saved.creditsPerSource} credits per source.`;
      location.hash = '#/operations';
      return null;
    });
  });
  render();
  return h('section', {},
    h('h1', {}, id ? `Edit “${existing.name}” (version ${existing.version})` : 'New configuration'),
    id ? h('p', { class: 'muted' }, 'Saving makes a new version; jobs already accepted keep the version they started with.') : null,
    form);
}
