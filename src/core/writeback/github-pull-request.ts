// GitHub and GitHub Enterprise: `POST {apiBase}/repos/{owner}/{repo}/pulls`; 422 "A pull request already
// exists" answers with the open one, found by `GET …/pulls?head=owner:branch&state=open`.
import { failureOf, forgeMessage, requestJson, type OpenedPullRequest, type PullRequestRequest } from './forge-http.js';

const HEADERS = (token: string) => ({ Authorization: `Bearer ${token}`, Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28' });

export async function openGitHubPullRequest(req: PullRequestRequest): Promise<OpenedPullRequest> {
  const repo = req.repositoryPath.split('/').map(encodeURIComponent).join('/');
  const url = `${req.apiBase}/repos/${repo}/pulls`;
  const created = await requestJson(req, 'POST', url, HEADERS(req.token), { title: req.title, head: req.branch, base: req.base, body: req.body, maintainer_can_modify: true });
  if (created.status === 201) return pullOf(created.json, false);
  if (created.status === 422 && /already exists/i.test(forgeMessage(created.json))) {
    const owner = req.repositoryPath.split('/')[0] ?? '';
    const listed = await requestJson(req, 'GET', `${url}?state=open&head=${encodeURIComponent(`${owner}:${req.branch}`)}`, HEADERS(req.token));
    const first = Array.isArray(listed.json) ? listed.json[0] : undefined;
    if (listed.status === 200 && first) return pullOf(first, true);
    return { ...(req.webUrl ? { url: `${req.webUrl}/pulls` } : {}), existed: true };
  }
  throw failureOf(created.status, created.json, 'GitHub', 'pull request');
}

function pullOf(json: unknown, existed: boolean): OpenedPullRequest {
  const o = (typeof json === 'object' && json !== null ? json : {}) as { html_url?: unknown; number?: unknown };
  return { ...(typeof o.html_url === 'string' ? { url: o.html_url } : {}), ...(typeof o.number === 'number' ? { number: o.number } : {}), existed };
}
