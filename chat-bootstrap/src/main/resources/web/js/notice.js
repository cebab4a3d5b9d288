// The error banner (#error). It shows the server's own sentence (the `error` field of
// every JSON error), which is written for a person to act on.

import { $ } from './dom.js';
import { ApiError } from './api.js';

/** The sentence to show for a failure; a 429 adds when to try again (Retry-After). */
export function describe(failure) {
  if (failure instanceof ApiError) {
    let text = failure.message;
    if (failure.status === 429 && failure.retryAfter !== null) {
      text += ` Try again in ${failure.retryAfter} s.`;
    }
    return text;
  }
  if (typeof failure === 'string') return failure;
  return failure?.message || 'Something went wrong.';
}

/** Shows a failure (an ApiError, an Error or a sentence) in the banner. */
export function showError(failure) {
  const banner = $('#error');
  $('#error-text').textContent = describe(failure);
  banner.dataset.code = failure instanceof ApiError ? failure.code : '';
  banner.hidden = false;
}

export function clearError() {
  $('#error').hidden = true;
  $('#error-text').textContent = '';
}
