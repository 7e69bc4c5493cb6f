// Principle 4: "Software agents continuously observe actual system state and attempt to apply the desired state."
import { capEvidence } from './cap-evidence.js';
import { unitEvidence, type AgentUnit } from './gitops-agents.js';
import type { ReadinessFacts } from './readiness-facts.js';
import type { Evidence, QuestionAnswer, Verdict } from './readiness-types.js';

const NO_AGENT = { text: 'Install a GitOps agent (Flux or Argo CD) that reconciles this repository.', effort: 'hard' } as const;

function verdictOf(units: readonly AgentUnit[], isGood: (u: AgentUnit) => boolean): Verdict {
  const good = units.filter(isGood).length;
  return good === units.length ? 'met' : good === 0 ? 'unmet' : 'partial';
}

/** Shared with the `no-drift-alerts` finding, so the quick wins name it once. */
export const ALERTS_REMEDY = 'Add a Flux Provider (Slack, Teams…) and an Alert on the Kustomizations, or Argo CD notifications with an `on-sync-failed`/`on-health-degraded` trigger.';

const ANSWER: Record<Verdict, string> = { met: 'Yes', partial: 'Partial', unmet: 'No' };

export function answerReconciled(facts: ReadinessFacts): QuestionAnswer[] {
  const principle = 'reconciled' as const;
  const units = facts.ownUnits.length > 0 ? facts.ownUnits : facts.units;
  const drift = facts.input.cluster;
  const driftNote: Evidence[] = drift ? [{ note: `Cluster '${drift.context}': ${drift.driftCount} of ${drift.resourceCount} resource(s) drift now${drift.unknownCount ? `, ${drift.unknownCount} unknown` : ''}` }] : [];
  if (units.length === 0) {
    const base = { principle, answer: 'No', verdict: 'unmet', confidence: 'high', evidence: [], remedy: NO_AGENT } as const;
    return [
      { ...base, id: 'reconciled.continuous-sync', question: 'Is there continuous sync?', summary: 'No agent: the cluster changes only when someone deploys.' },
      { ...base, id: 'reconciled.drift-detected', question: 'Is drift detected automatically?', summary: 'No agent compares the cluster with Git.', evidence: [...facts.alerts, ...driftNote] },
      { ...base, id: 'reconciled.drift-corrected', question: 'Is drift corrected automatically?', summary: 'No agent corrects the cluster.' },
    ];
  }

  const sync = verdictOf(units, (u) => u.isContinuous);
  const continuous: QuestionAnswer = {
    id: 'reconciled.continuous-sync', principle, question: 'Is there continuous sync?', answer: ANSWER[sync], verdict: sync, confidence: 'certain',
    summary: sync === 'met' ? 'Every agent unit syncs on its own (Flux `interval`, Argo CD `syncPolicy.automated`).' : 'Some agent units sync only when someone asks (Argo CD without `automated`, a suspended Flux object).',
    evidence: capEvidence(units.map((u) => unitEvidence(u, [], `${u.resource.kind} '${u.resource.name}' ${u.isSuspended ? 'is suspended' : u.isContinuous ? 'syncs on its own' : 'syncs only when asked'}`))),
    ...(sync === 'met' ? {} : { remedy: { text: 'Set `syncPolicy.automated` on the Argo CD Applications (or resume the suspended Flux objects).', effort: 'quick' } as const }),
  };

  const alerted = facts.alerts.length > 0;
  const detectVerdict: Verdict = sync === 'unmet' ? 'unmet' : alerted ? sync : 'partial';
  const detected: QuestionAnswer = {
    id: 'reconciled.drift-detected', principle, question: 'Is drift detected automatically?', answer: ANSWER[detectVerdict], verdict: detectVerdict, confidence: 'high',
    summary: alerted
      ? `The agent compares the cluster with Git on every sync, and ${facts.alerts.length} alert(s) tell people about it.`
      : 'The agent sees drift when it syncs, but no alert is configured: nobody is told (no Flux Alert/Provider, no Argo CD notifications).',
    evidence: capEvidence([...facts.alerts, ...driftNote]),
    ...(detectVerdict === 'met' ? {} : { remedy: { text: ALERTS_REMEDY, effort: 'quick' } as const }),
  };

  const isCorrecting = (u: AgentUnit) => u.heals && u.prunes;
  const correctVerdict = verdictOf(units, isCorrecting) === 'met' ? 'met' : units.some((u) => u.heals || u.prunes) ? 'partial' : 'unmet';
  const corrected: QuestionAnswer = {
    id: 'reconciled.drift-corrected', principle, question: 'Is drift corrected automatically?', answer: ANSWER[correctVerdict], verdict: correctVerdict, confidence: 'certain',
    summary: correctVerdict === 'met'
      ? 'Every agent unit reverts live changes and prunes what Git no longer declares.'
      : 'Some agent units leave drift in place: Flux without `prune: true`, Argo CD without `selfHeal`/`prune`.',
    evidence: capEvidence(units.map((u) => unitEvidence(u, [], `${u.resource.kind} '${u.resource.name}': ${u.heals ? 'reverts live changes' : 'leaves live changes'}, ${u.prunes ? 'prunes' : 'does not prune'}`))),
    ...(correctVerdict === 'met' ? {} : { remedy: { text: 'Set `prune: true` on the Flux Kustomizations; set `syncPolicy.automated: {prune: true, selfHeal: true}` on the Argo CD Applications.', effort: 'quick' } as const }),
  };
  return [continuous, detected, corrected];
}
