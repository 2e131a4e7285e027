/**
 * The one error type of bss-storefront. Every thrown or rejected error is a BssError with a
 * stable `code` (`invalid_amount`, `CBC.99000038`, …) and, where relevant, `field`, `status`,
 * `issues`, `request_id`.
 */
export class BssError extends Error {
  constructor(code, message, details) {
    super(message);
    this.name = 'BssError';
    this.code = String(code);
    if (details && typeof details === 'object') {
      for (const key of Object.keys(details)) {
        if (details[key] !== undefined && key !== 'name' && key !== 'message' && key !== 'code') {
          this[key] = details[key];
        }
      }
    }
  }

  toJSON() {
    return { ...this, name: this.name, code: this.code, message: this.message };
  }
}
