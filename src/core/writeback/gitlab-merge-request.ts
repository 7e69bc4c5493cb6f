// GitLab: `POST {apiBase}/projects/{url-encoded path}/merge_requests` with the `PRIVATE-TOKEN` header; an open
// merge request for the branch (409, or 422 on older GitLab) answers with that one, found by listing.
import { failureOf, forgeMessage, requestJson, type OpenedPullRequest, type PullRequestRequest } from './forge-http.js';

export async function openGitLabMergeRequest(req: PullRequestRequest): Promise<OpenedPullRequest> {
  const url = `${req.apiBase}/projects/${encodeURIComponent(req.repositoryPath)}/merge_requests`;
  const headers = { 'PRIVATE-TOKEN': req.token };
  const created = await requestJson(req, 'POST', url, headers, { source_branch: req.branch, target_branch: req.base, title: req.title, description: req.body, remove_source_branch: true });
  if (created.status === 201) return requestOf(created.json, false);
  if ((created.status === 409 || created.status === 422) && /already exists/i.test(forgeMessage(created.json))) {
    const listed = await requestJson(req, 'GET', `${url}?state=opened&source_branch=${encodeURIComponent(req.branch)}&target_branch=${encodeURIComponent(req.base)}`, headers);
    const first = Array.isArray(listed.json) ? listed.json[0] : undefined;
    if (listed.status === 200 && first) return requestOf(first, true);
    return { ...(req.webUrl ? { url: `${req.webUrl}/-/merge_requests` } : {}), existed: true };
  }
  throw failureOf(created.status, created.json, 'GitLab', 'merge request');
}

function requestOf(json: unknown, existed: boolean): OpenedPullRequest {
  const o = (typeof json === 'object' && json !== null ? json : {}) as { web_url?: unknown; iid?: unknown };
  return { ...(typeof o.web_url === 'string' ? { url: o.web_url } : {}), ...(typeof o.iid === 'number' ? { number: o.iid } : {}), existed };
}
