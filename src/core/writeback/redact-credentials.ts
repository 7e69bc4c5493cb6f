// Text from Git or a forge may carry credentials (a remote URL with `user:token@`, a token echoed back): they
// are removed before any of it reaches a message, a log or a pull-request body.

const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi;
/** Token shapes of GitHub (classic, fine-grained, app), GitLab and bearer headers. */
const TOKENS = /\b(gh[pousr]_[A-Za-z0-9_]{16,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{16,})\b|(\bbearer\s+)[A-Za-z0-9._~+/-]{16,}=*/gi;

/** The text with URL credentials and token-shaped words replaced by `***`. */
export function redactCredentials(text: string): string {
  return text.replace(URL_USERINFO, '$1').replace(TOKENS, (_m, _token: string | undefined, bearer: string | undefined) => (bearer ? `${bearer}***` : '***'));
}
