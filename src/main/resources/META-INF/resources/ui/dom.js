// Small DOM helpers: elements from data, labelled form fields and messages a screen reader announces.

let ids = 0;

/** A new id for a label/input pair. */
export function nextId(prefix = 'f') {
  ids += 1;
  return `${prefix}${ids}`;
}

const PROPERTIES = new Set(['value', 'checked', 'disabled', 'selected', 'hidden', 'textContent', 'required']);

/** Creates an element: attributes, on* listeners, then children (strings, nodes, arrays, null). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'class') {
      el.className = value;
    } else if (PROPERTIES.has(name)) {
      el[name] = value;
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** A labelled field: the label is tied to the control, the hint is its description. */
export function field(label, control, hint) {
  if (!control.id) control.id = nextId();
  const parts = [h('label', { for: control.id }, label), control];
  if (hint) {
    const hintId = `${control.id}-hint`;
    control.setAttribute('aria-describedby', hintId);
    parts.push(h('small', { id: hintId }, hint));
  }
  return h('div', { class: 'field' }, parts);
}

/** A labelled checkbox. */
export function checkbox(label, checked, onChange) {
  const input = h('input', { type: 'checkbox', id: nextId(), checked: Boolean(checked), onchange: (e) => onChange(e.target.checked) });
  return h('div', { class: 'check' }, input, h('label', { for: input.id }, label));
}

/** A labelled select from [value, text] pairs or plain values. */
export function select(label, options, value, onChange, hint) {
  const control = h('select', { onchange: (e) => onChange(e.target.value) },
    options.map((o) => {
      const [v, text] = Array.isArray(o) ? o : [o, o];
      return h('option', { value: v, selected: String(v) === String(orElse(value, '')) }, text);
    }));
  return field(label, control, hint);
}

/** An error box with the problem's detail and, for 422, each bad field in words. */
export function errorBox(error) {
  const problem = error.problem || {};
  const fields = (problem.errors || []).map((e) => h('li', {}, `${readablePath(e.path)}: ${e.message}`));
  return h('div', { class: 'error', role: 'alert' }, h('span', {}, error.message), fields.length ? h('ul', {}, fields) : null);
}

/** A success message, announced politely. */
export function okBox(text) {
  return h('p', { class: 'ok', role: 'status' }, text);
}

/** "$.operations[0].sizes[1].width" → "operation 1 › size 2 › width": paths read as words. */
export function readablePath(path) {
  return String(path || '')
    .replace(/^\$\.?/, '')
    .replace(/operations\[(\d+)\]/g, (_, i) => `operation ${Number(i) + 1}`)
    .replace(/sizes\[(\d+)\]/g, (_, i) => `size ${Number(i) + 1}`)
    .replace(/formats\[(\d+)\]/g, (_, i) => `format ${Number(i) + 1}`)
    .replace(/\./g, ' › ') || 'request';
}

/** Replaces a container's content with a single message or node (null clears it). */
export function show(container, node) {
  replaceChildren(container, ...(node ? [node] : []));
}

/** A date-time in the reader's locale; '—' when missing. */
export function when(instant) {
  return instant ? new Date(instant).toLocaleString() : '—';
}

/** Runs an action from a button: disables it meanwhile and shows the outcome in `messages`. */
export async function act(button, messages, action) {
  button.disabled = true;
  try {
    const text = await action();
    show(messages, text ? okBox(text) : null);
  } catch (e) {
    show(messages, errorBox(e));
  } finally {
    if (button.isConnected) {
      button.disabled = false;
    } else if (messages.isConnected && messages.firstChild) {
      // the list was redrawn without the button: keep keyboard focus near what just happened
      messages.setAttribute('tabindex', '-1');
      messages.focus();
    }
  }
}

/**
 * Copies text: with the asynchronous clipboard where there is one (Safari 13.1 and later, on a secure origin), else by
 * selecting the input and the older copy command (Safari 13.0, plain HTTP), which leaves it selected for the person's
 * own copy when that is refused too.
 */
export async function copy(text, input) {
  if (navigator.clipboard && navigator.clipboard.writeText) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (e) {
      // refused (no permission, page not focused): fall back
    }
  }
  if (!input) return false;
  input.focus();
  input.select();
  try {
    return document.execCommand('copy');
  } catch (e) {
    return false;
  }
}

/** The value, or the fallback when it is null or undefined (`??`, which Safari 13.0 cannot parse). */
export function orElse(value, fallback) {
  return value === null || value === undefined ? fallback : value;
}

/** A deep copy of plain JSON data (`structuredClone` arrived in Safari 15.4). */
export function copyOf(json) {
  return JSON.parse(JSON.stringify(json));
}

/** A table with a header row; rows are arrays of cells. */
export function table(caption, headers, rows) {
  return h('div', { class: 'table', tabindex: 0, role: 'region', 'aria-label': caption }, h('table', {},
    h('caption', { class: 'muted' }, caption),
    h('thead', {}, h('tr', {}, headers.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((c) => h('td', {}, c)))))));
}

/** Replaces what a container holds (`Element.replaceChildren` arrived in Safari 14 and Chrome 86). */
export function replaceChildren(container, ...nodes) {
  while (container.firstChild) container.removeChild(container.firstChild);
  container.append(...nodes);
}

/**
 * Object URLs of images a view made (previews of results), given back when the next view of that kind is drawn: the
 * dashboard is one page that never reloads, so each would otherwise keep its image's bytes for as long as the tab.
 */
export function objectUrls() {
  let urls = [];
  return {
    /** An object URL for the blob, remembered. */
    of(blob) {
      const url = URL.createObjectURL(blob);
      urls.push(url);
      return url;
    },
    /** Gives back every URL made so far. */
    revokeAll() {
      urls.forEach((url) => URL.revokeObjectURL(url));
      urls = [];
    },
  };
}
