// Principle 2: "Desired state is stored in a way that enforces immutability, versioning and retains a
// complete version history."
import { capEvidence } from './cap-evidence.js';
import type { ReadinessFacts } from './readiness-facts.js';
import { stepEvidence } from './readiness-facts.js';
import type { QuestionAnswer } from './readiness-types.js';

const NO_GIT = { text: 'Put the folder under git (`git init`, commit, push to a shared remote).', effort: 'quick' } as const;

export function answerVersioned(facts: ReadinessFacts): QuestionAnswer[] {
  const principle = 'versioned' as const;
  const git = facts.input.git;
  if (!git) {
    const base = { principle, answer: 'No', verdict: 'unmet', confidence: 'certain', evidence: [], remedy: NO_GIT } as const;
    return [
      { ...base, id: 'versioned.in-git', question: 'Is the config in Git?', summary: 'The folder is not a git repository.' },
      { ...base, id: 'versioned.every-change-a-commit', question: 'Is every change a commit?', summary: 'Without git, changes are not commits.' },
      { ...base, id: 'versioned.history', question: 'Can you see full change history?', summary: 'Without git there is no history.' },
    ];
  }
  const tracked = new Set(git.trackedPaths);
  const untracked = facts.manifestPaths.filter((p) => !tracked.has(p));
  const ignored = git.ignoredPaths;
  const outside = [...untracked.map((path) => ({ path, note: 'manifest not tracked by git' })), ...ignored.map((path) => ({ path, note: 'manifest ignored by .gitignore' }))];

  const inGit: QuestionAnswer = facts.objects.length === 0 && ignored.length === 0
    ? { id: 'versioned.in-git', principle, question: 'Is the config in Git?', answer: 'No', verdict: 'unmet', confidence: 'high',
      summary: 'The repository is in git, but it holds no Kubernetes config to version.', evidence: [],
      remedy: { text: 'Commit the manifests the cluster runs.', effort: 'hard' } }
    : outside.length > 0
      ? { id: 'versioned.in-git', principle, question: 'Is the config in Git?', answer: 'Partial', verdict: 'partial', confidence: 'certain',
        summary: `${untracked.length} manifest(s) are not tracked and ${ignored.length} are ignored by .gitignore.`,
        evidence: capEvidence(outside),
        remedy: { text: 'Commit the untracked manifests (`git add`), and stop ignoring manifests the cluster needs.', effort: 'quick' } }
      : { id: 'versioned.in-git', principle, question: 'Is the config in Git?', answer: 'Yes', verdict: 'met', confidence: 'certain',
        summary: `All ${facts.manifestPaths.length} manifest file(s) are tracked by git.`, evidence: [] };

  const mutations = facts.steps.filter((s) => s.kind === 'mutation' || s.kind === 'delete');
  const modified = facts.manifestPaths.filter((p) => git.modifiedPaths.includes(p));
  const everyChange: QuestionAnswer = git.commitCount === 0
    ? { id: 'versioned.every-change-a-commit', principle, question: 'Is every change a commit?', answer: 'No', verdict: 'unmet', confidence: 'certain',
      summary: 'The repository has no commit yet.', evidence: [], remedy: { text: 'Commit the config.', effort: 'quick' } }
    : mutations.length > 0
      ? { id: 'versioned.every-change-a-commit', principle, question: 'Is every change a commit?', answer: 'No', verdict: 'unmet', confidence: 'medium',
        summary: `${mutations.length} command(s) change the cluster without a commit.`,
        evidence: capEvidence(mutations.map((s) => stepEvidence(s, 'changes the cluster outside git'))),
        remedy: { text: 'Change the manifests in a commit instead (a pull request per change); remove kubectl scale/set/patch/edit from scripts.', effort: 'quick' } }
      : modified.length > 0 || untracked.length > 0
        ? { id: 'versioned.every-change-a-commit', principle, question: 'Is every change a commit?', answer: 'Partial', verdict: 'partial', confidence: 'high',
          summary: `${git.commitCount} commit(s), but ${modified.length + untracked.length} manifest change(s) are not committed yet.`,
          evidence: capEvidence([...modified.map((path) => ({ path, note: 'uncommitted change' })), ...untracked.map((path) => ({ path, note: 'not tracked' }))]),
          remedy: { text: 'Commit (or discard) the working-tree changes: only what is committed reaches the cluster.', effort: 'quick' } }
        : { id: 'versioned.every-change-a-commit', principle, question: 'Is every change a commit?', answer: 'Yes', verdict: 'met', confidence: 'high',
          summary: `${git.commitCount} commit(s); no script changes the cluster outside git and the working tree is clean.`, evidence: [] };

  const history: QuestionAnswer = git.commitCount === 0
    ? { id: 'versioned.history', principle, question: 'Can you see full change history?', answer: 'No', verdict: 'unmet', confidence: 'certain',
      summary: 'No commit: no history.', evidence: [], remedy: { text: 'Commit the config.', effort: 'quick' } }
    : git.isShallow
      ? { id: 'versioned.history', principle, question: 'Can you see full change history?', answer: 'Partial', verdict: 'partial', confidence: 'certain',
        summary: `This is a shallow clone: only ${git.commitCount} commit(s) of the history are here.`,
        evidence: [{ note: 'git rev-parse --is-shallow-repository: true' }],
        remedy: { text: 'Fetch the whole history (`git fetch --unshallow`); in CI, check out with full depth.', effort: 'quick' } }
      : { id: 'versioned.history', principle, question: 'Can you see full change history?', answer: 'Yes', verdict: 'met', confidence: 'certain',
        summary: `Full history: ${git.commitCount} commit(s).`, evidence: [{ note: `${git.commitCount} commit(s) on ${git.currentBranch ?? 'HEAD'}` }] };

  return [inGit, everyChange, history];
}
