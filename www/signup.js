// The sign-up form: per-field rules as the customer types (validateField), mobile
// normalisation, and CheckUserIdentity / SendVerificationMessageCode / CreateSubCustomer
// through the partner's signing proxy, with BSS's answers shown on the field they concern.

import { validateField, validateRegistration, normalizeMobile, BssError } from '/pkg/dist/index.js';
import { t, msg, lang, SERVER_CODES } from './i18n.js';

const FIELDS = ['domain_name', 'mobile_phone', 'verification_code', 'password'];
const XACCOUNT_TYPE = 'SANDBOX_IDP';
const RESEND_SECONDS = 60;

const $ = (id) => document.getElementById(id);

/**
 * Wires the form. `bss` is a BssClient on the partner's proxy; `config` is /demo/config.
 * Returns `render()`, which redraws every text in the current language.
 */
export function setupSignup(bss, config) {
  const form = $('signup-form');
  // The storefront's own user id: what BSS links the new account to (xaccount_id).
  const xaccount = `shop-user-${Date.now().toString(36)}`;
  $('xaccount').textContent = `${XACCOUNT_TYPE} / ${xaccount}`;

  const touched = new Set();
  /** Per field: { issues } from the rules, or { server: [code, en, zh] }, or { ok: text key }. */
  const state = {};
  let status = null; // { key, params, error }
  let resendAt = 0;
  let timer = null;

  /** The form, blank fields left out (BSS generates a name or password when none is given). */
  const values = () => {
    const form = { xaccount_id: xaccount, xaccount_type: XACCOUNT_TYPE, is_close_market_ms: $('is_close_market_ms').checked };
    for (const field of FIELDS) {
      if ($(field).value !== '') form[field] = $(field).value;
    }
    return form;
  };

  /** The rules of one field as typed; a blank field waits for the whole-form check. */
  function check(field) {
    const value = $(field).value;
    state[field] = { issues: value === '' ? [] : validateField(field, value, values()) };
  }

  function renderField(field) {
    const input = $(field);
    const out = $(`${field}-msg`);
    const s = state[field];
    out.replaceChildren();
    out.className = 'msg';
    input.removeAttribute('aria-invalid');
    if (!s) return;
    if (s.server) {
      const [code, en, zh] = s.server;
      out.textContent = `${lang() === 'zh' ? zh : en} (${code})`;
      out.classList.add('error');
      input.setAttribute('aria-invalid', 'true');
    } else if (s.issues?.length) {
      for (const issue of s.issues) {
        const line = document.createElement('span');
        line.textContent = msg(issue);
        line.dataset.code = issue.code;
        out.append(line);
      }
      out.classList.add('error');
      input.setAttribute('aria-invalid', 'true');
    } else if (s.ok) {
      out.textContent = t(s.ok);
      out.classList.add('ok');
    } else if (s.issues && input.value !== '') {
      out.textContent = t('field_ok');
      out.classList.add('ok');
    }
  }

  function renderMobileHint() {
    const hint = $('mobile_phone-hint');
    const value = $('mobile_phone').value;
    hint.textContent = t('mobile_phone_hint');
    // What is sent is a developer's detail: it goes to the developer panel.
    const note = $('mobile-normalized');
    note.textContent = '';
    if (!value || state.mobile_phone?.issues?.length) return;
    try {
      const m = normalizeMobile(value);
      note.textContent = t('mobile_normalized', { national: m.national, check: m.check_identity });
    } catch (e) {
      if (!(e instanceof BssError)) throw e;
    }
  }

  function renderCodeHint() {
    const hint = $('verification_code-hint');
    hint.textContent = config.mode === 'sandbox' && config.verification_code
      ? t('sandbox_code', { code: config.verification_code }) : '';
  }

  function renderSendButton() {
    const button = $('send-code');
    const left = Math.ceil((resendAt - Date.now()) / 1000);
    button.disabled = left > 0 || Boolean(form.dataset.created);
    button.textContent = left > 0 ? t('resend_in', { s: left }) : t('send_code');
    if (left <= 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  }

  function renderStatus() {
    const out = $('signup-status');
    out.className = 'msg';
    out.textContent = !status ? '' : status.text ? status.text() : t(status.key, status.params);
    if (status?.error) out.classList.add('error');
    if (status?.ok) out.classList.add('ok');
  }

  function render() {
    FIELDS.forEach(renderField);
    renderMobileHint();
    renderCodeHint();
    renderSendButton();
    renderStatus();
  }

  /** Re-checks every touched field: cross-field rules (password vs name and mobile) follow. */
  function revalidate() {
    for (const field of touched) {
      if (!state[field]?.server) check(field);
    }
    render();
  }

  for (const field of FIELDS) {
    const input = $(field);
    input.addEventListener('input', () => {
      if (input.value !== '') touched.add(field);
      delete state[field]; // a server answer or "available" is about the old value
      revalidate();
    });
    input.addEventListener('blur', () => {
      if (input.value !== '') touched.add(field);
      revalidate();
    });
  }

  /** Shows a failed call: on its field when the code belongs to one, else below the form. */
  function showError(e, fallbackField) {
    if (!(e instanceof BssError)) throw e;
    const known = SERVER_CODES[e.code];
    if (known?.[0]) {
      state[known[0]] = { server: [e.code, known[1], known[2]] };
      touched.add(known[0]);
      status = null;
      render();
      $(known[0]).focus();
      return;
    }
    if (e.code === 'invalid_request' && Array.isArray(e.issues) && e.issues.length) {
      for (const issue of e.issues) {
        if (FIELDS.includes(issue.field)) state[issue.field] = { issues: [issue] };
      }
    }
    const text = () => (known ? (lang() === 'zh' ? known[2] : known[1]) : e.message);
    status = { text: () => `${text()} (${e.code})`, error: true };
    render();
    if (fallbackField) $(fallbackField).focus();
  }

  /** Runs `work` with `button` disabled and marked busy. */
  async function busy(button, work) {
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    try {
      await work();
    } finally {
      button.removeAttribute('aria-busy');
      button.disabled = Boolean(form.dataset.created); // a created account locks the form
      renderSendButton();
    }
  }

  $('check-name').addEventListener('click', () => busy($('check-name'), async () => {
    touched.add('domain_name');
    check('domain_name');
    if (state.domain_name.issues.length || !$('domain_name').value) {
      render();
      $('domain_name').focus();
      return;
    }
    try {
      const r = await bss.checkUserIdentity({ search_type: 'name', search_value: $('domain_name').value });
      state.domain_name = r.check_result === 'available'
        ? { ok: 'name_available' }
        : { server: ['CBC.99000038', ...SERVER_CODES['CBC.99000038'].slice(1)] };
      render();
    } catch (e) {
      showError(e, 'domain_name');
    }
  }));

  $('send-code').addEventListener('click', () => busy($('send-code'), async () => {
    touched.add('mobile_phone');
    check('mobile_phone');
    let mobile;
    try {
      mobile = normalizeMobile($('mobile_phone').value);
    } catch (e) {
      if (!(e instanceof BssError)) throw e;
      render();
      $('mobile_phone').focus();
      return;
    }
    try {
      const identity = await bss.checkUserIdentity({ search_type: 'mobile', search_value: mobile.check_identity });
      if (identity.check_result !== 'available') {
        state.mobile_phone = { server: ['CBC.99000030', ...SERVER_CODES['CBC.99000030'].slice(1)] };
        render();
        $('mobile_phone').focus();
        return;
      }
      await bss.sendVerificationMessageCode({
        receiver_type: 1, mobile_phone: mobile.national, scene: 29, lang: lang() === 'zh' ? 'zh-cn' : 'en-us',
      });
      resendAt = Date.now() + RESEND_SECONDS * 1000;
      timer ??= setInterval(renderSendButton, 1000);
      status = { key: 'code_sent', params: { mobile: mobile.national }, ok: true };
      render();
      $('verification_code').focus();
    } catch (e) {
      showError(e, 'mobile_phone');
    }
  }));

  // Enter in a field never creates an account (a name alone would do): it runs that field's
  // own step (check the name, send the code); only the button creates.
  form.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.target.tagName !== 'INPUT') return;
    event.preventDefault();
    const step = { domain_name: 'check-name', mobile_phone: 'send-code' }[event.target.id];
    if (step && !$(step).disabled) $(step).click();
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy($('create-account'), async () => {
      const { valid, issues, body } = validateRegistration(values());
      for (const field of FIELDS) {
        touched.add(field);
        state[field] = { issues: issues.filter((i) => i.field === field) };
      }
      if (!valid) {
        const shown = issues.filter((i) => FIELDS.includes(i.field));
        status = { key: 'fix_fields', params: { n: new Set(shown.map((i) => i.field)).size }, error: true };
        render();
        const first = FIELDS.find((f) => state[f].issues.length);
        if (first) $(first).focus();
        return;
      }
      status = { key: 'working', params: {} };
      render();
      try {
        const r = await bss.createSubCustomer(body);
        status = {
          key: r.association_pending ? 'created_pending' : 'created',
          params: { name: r.domain_name, id: r.domain_id },
          ok: true,
        };
        render();
        form.dataset.created = r.domain_id;
        // Done: the form locks (no second account by a second click) and leads on to the shop.
        for (const control of form.elements) control.disabled = true;
        const next = $('signup-next');
        next.hidden = false;
        next.focus();
      } catch (e) {
        showError(e);
      }
    });
  });

  render();
  return render;
}
