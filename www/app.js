// The storefront demo: sign-up and shop on the package's web build, loaded as plain ES
// modules (no bundler). Secrets stay on the server: the page calls BSS through the demo
// server's signing proxies (/api/bss/ for the partner's operations, /api/customer/ for the
// signed-in customer's).
import init, { version, BssClient } from '/pkg/dist/index.js';
import { setLang, t } from './i18n.js';
import { setupSignup } from './signup.js';
import { setupShop } from './shop.js';
import { setupOrders } from './orders.js';
import { ot } from './orders-i18n.js';

const [, config] = await Promise.all([init(), fetch('/demo/config').then((r) => r.json())]);
document.getElementById('version').textContent = version();

const proxy = (mount) => new BssClient({ endpoint: new URL(mount, location.origin).href });
const partner = proxy('/api/bss');
const customer = proxy('/api/customer');

const renderSignup = setupSignup(partner, config);
const orders = setupOrders(customer);
const shop = setupShop(partner, customer, config, { placed: (id) => { location.hash = `#orders/${id}`; } });

function render() {
  document.getElementById('mode').textContent = t(config.mode === 'sandbox' ? 'mode_sandbox' : 'mode_bss');
  renderSignup();
  document.getElementById('signup-next').textContent = ot('continue_shop');
  document.getElementById('shop-developer-summary').textContent = ot('developer');
  document.getElementById('signup-developer-summary').textContent = ot('developer');
  shop.render();
  orders.render();
}

// ---- language ----

function useLanguage(next) {
  setLang(next);
  for (const [code, id] of [['zh', 'lang-zh'], ['en', 'lang-en']]) {
    document.getElementById(id).setAttribute('aria-pressed', String(code === next));
  }
  try {
    localStorage.setItem('lang', next);
  } catch {
    // storage may be unavailable (private mode): the choice lasts for this page only
  }
  render();
  if (section === 'orders') orders.language();
}
document.getElementById('lang-zh').addEventListener('click', () => useLanguage('zh'));
document.getElementById('lang-en').addEventListener('click', () => useLanguage('en'));

// ---- sections ----

let section = null;
/** Shows the section named by the hash (#signup, #shop); other anchors keep the current one. */
function showSection() {
  const named = { '#shop': 'shop', '#signup': 'signup' }[location.hash] ?? (/^#orders(\/|$)/.test(location.hash) ? 'orders' : undefined);
  if (section && !named) return false;
  const name = named ?? 'signup';
  section = name;
  for (const id of ['signup', 'shop', 'orders']) {
    document.getElementById(id).hidden = id !== name;
    const tab = document.getElementById(`tab-${id}`);
    if (id === name) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
  if (name === 'shop') shop.activate();
  if (name === 'orders') orders.show(location.hash.replace(/^#orders\/?/, ''));
  return true;
}
window.addEventListener('hashchange', () => {
  if (showSection()) document.getElementById('main').focus();
});

let saved = null;
try {
  saved = localStorage.getItem('lang');
} catch {
  // see above
}
useLanguage(saved ?? (navigator.language?.startsWith('zh') ? 'zh' : 'en'));
showSection();
document.body.dataset.ready = 'true';
