import init, { normalizeAmount, version, BssError } from '/pkg/entry/web.js';

await init();
document.getElementById('version').textContent = version();

const input = document.getElementById('amount');
const out = document.getElementById('amount-out');

function showAmount() {
  try {
    out.textContent = normalizeAmount(input.value);
    out.className = '';
    input.removeAttribute('aria-invalid');
  } catch (e) {
    if (!(e instanceof BssError)) throw e;
    out.textContent = `${e.code}: ${e.message}`;
    out.className = 'error';
    input.setAttribute('aria-invalid', 'true');
  }
}
input.addEventListener('input', showAmount);
showAmount();
document.body.dataset.ready = 'true';
