// Sign up, the verification link (set a password) and log in.
import { post, session } from '../api.js';
import { act, errorBox, field, h, show } from '../dom.js';

const MIN_PASSWORD = 12;

async function signIn(email, password) {
  const token = await post('/api/v1/auth/token', { email, password });
  session.save(token.accessToken, token.expiresIn);
}

/** Sign up: an email address; the service sends the verification link. */
export function signUpPage() {
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'email', required: true });
  const messages = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, 'Sign up');
  const form = h('form', { class: 'card narrow', novalidate: true }, field('Email', email),
    submit, messages);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    act(submit, messages, async () => {
      await post('/api/v1/accounts', { email: email.value.trim() });
      return `Check your inbox: if ${email.value.trim()} can sign up, a verification link is on its way. `
        + 'It works once, within 24 hours, and lets you choose your password.';
    });
  });
  return h('section', {}, h('h1', {}, 'Create your account'),
    h('p', {}, 'Your first allow-listed IP will be the address you open the emailed link from.'), form,
    h('p', {}, 'Already verified? ', h('a', { href: '#/login' }, 'Log in.')));
}

/** The page the verification email links to: choose a password, then you are signed in. */
export function verifyPage(token) {
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'new-password', minlength: MIN_PASSWORD, required: true });
  const repeat = h('input', { type: 'password', name: 'repeat', autocomplete: 'new-password', required: true });
  const messages = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, 'Set password and continue');
  const form = h('form', { class: 'card narrow', novalidate: true },
    field('New password', password, `At least ${MIN_PASSWORD} characters.`),
    field('Repeat the password', repeat), submit, messages);
  if (!token) {
    show(messages, errorBox(new Error('This link has no token. Open the link from your email again.')));
    submit.disabled = true;
  }
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (password.value.length < MIN_PASSWORD) {
      show(messages, errorBox(new Error(`The password needs at least ${MIN_PASSWORD} characters.`)));
      password.focus();
      return;
    }
    if (password.value !== repeat.value) {
      show(messages, errorBox(new Error('The two passwords differ.')));
      repeat.focus();
      return;
    }
    act(submit, messages, async () => {
      const verified = await post('/api/v1/accounts/verify', { token, password: password.value });
      try {
        await signIn(verified.email, password.value);
        location.hash = '#/';
      } catch (e) {
        // the link is used up now: send the person to log in rather than back to this form
        sessionStorage.setItem('imagecogni.notice', `Your password is set. Log in as ${verified.email}.`);
        location.hash = '#/login';
      }
      return null;
    });
  });
  return h('section', {}, h('h1', {}, 'Verify your email'),
    h('p', {}, 'Choose the password for your imagecogni account.'), form);
}

/** Log in with email and password; the token lives until the tab closes or it expires. */
export function loginPage() {
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const messages = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, 'Log in');
  const form = h('form', { class: 'card narrow', novalidate: true }, field('Email', email), field('Password', password),
    submit, messages);
  const notice = sessionStorage.getItem('imagecogni.notice');
  if (notice) {
    sessionStorage.removeItem('imagecogni.notice');
    show(messages, h('p', { class: 'hint', role: 'status' }, notice));
  }
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    act(submit, messages, async () => {
      await signIn(email.value.trim(), password.value);
      location.hash = '#/';
      return null;
    });
  });
  return h('section', {}, h('h1', {}, 'Log in'), form,
    h('p', {}, 'New here? ', h('a', { href: '#/signup' }, 'Create an account.')));
}

