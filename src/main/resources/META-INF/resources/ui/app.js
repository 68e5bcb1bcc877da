// The dashboard's router: one page, views chosen by the URL fragment (#/ips, #/jobs/<id>…);
// /verify?token=… (the link of the sign-up email) opens the set-password view.
import { session } from './api.js';
import { h, replaceChildren } from './dom.js';
import { loginPage, signUpPage, verifyPage } from './pages/auth.js';
import { planPage } from './pages/plan.js';
import { ipsPage } from './pages/ips.js';
import { keysPage } from './pages/keys.js';
import { operationsPage, editorPage } from './pages/operations.js';
import { jobsPage, jobPage } from './pages/jobs.js';
import { uploadPage } from './pages/upload.js';

const PUBLIC = [
  [/^#\/signup$/, signUpPage],
  [/^#\/login$/, loginPage],
];
const PRIVATE = [
  [/^#\/?$/, planPage],
  [/^#\/ips$/, ipsPage],
  [/^#\/keys$/, keysPage],
  [/^#\/operations$/, operationsPage],
  [/^#\/operations\/new$/, () => editorPage(null)],
  [/^#\/operations\/([0-9a-f-]{36})$/, (id) => editorPage(id)],
  [/^#\/jobs$/, jobsPage],
  [/^#\/jobs\/([0-9a-f-]{36})$/, jobPage],
  [/^#\/upload(?:\/([0-9a-f-]{36}))?$/, uploadPage],
];

const main = document.getElementById('main');
const nav = document.getElementById('nav');

let routeSequence = 0;

async function route() {
  const hash = location.hash || '#/';
  // in-page anchors (the skip link's #main) are not views
  if (!hash.startsWith('#/') && hash !== '#') return;
  const mine = ++routeSequence;
  if (location.pathname === '/verify') {
    // a verification link always wins: whoever was signed in here, this link is for a new account
    session.clear();
  }
  const signedIn = Boolean(session.token());
  nav.hidden = !signedIn;
  for (const link of nav.querySelectorAll('a')) {
    const target = link.getAttribute('href');
    const current = target === '#/' ? hash === '#/' || hash === '#' : hash.startsWith(target);
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  let view;
  if (location.pathname === '/verify') {
    view = verifyPage(new URLSearchParams(location.search).get('token'));
  } else {
    const publicMatch = PUBLIC.find(([pattern]) => pattern.test(hash));
    const privateMatch = PRIVATE.find(([pattern]) => pattern.test(hash));
    if (publicMatch) {
      view = publicMatch[1]();
    } else if (!signedIn) {
      location.replace('#/login');
      return;
    } else if (privateMatch) {
      view = privateMatch[1](...hash.match(privateMatch[0]).slice(1));
    } else {
      view = h('section', {}, h('h1', {}, 'Not found'), h('p', {}, 'There is no page at this address. ', h('a', { href: '#/' }, 'Go to My Plan.')));
    }
  }
  const node = await view;
  // a slower earlier view must not replace the one asked for since
  if (mine !== routeSequence) return;
  replaceChildren(main, node);
  const heading = main.querySelector('h1');
  document.title = heading ? `${heading.textContent} · imagecogni` : 'imagecogni';
  // move focus to the new view, so keyboard and screen reader users start at its top
  main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

document.getElementById('logout').addEventListener('click', () => {
  session.clear();
  location.hash = '#/login';
});
window.addEventListener('session-ended', () => {
  nav.hidden = true;
  sessionStorage.setItem('imagecogni.notice', 'Your session has ended. Log in again.');
  location.replace('#/login');
});
window.addEventListener('hashchange', () => {
  if (location.pathname === '/verify') {
    // leave the verification address (and its token) behind once the view changes
    history.replaceState(null, '', `/${location.hash}`);
  }
  route();
});
route();
