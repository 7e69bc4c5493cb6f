// The worksheet filled in: twelve answers, a score per principle and out of 12, the mistakes, the biggest gaps
// (lowest principle first), quick wins and blockers.
import { answerDeclarative } from './answer-declarative.js';
import { answerPulled } from './answer-pulled.js';
import { answerReconciled } from './answer-reconciled.js';
import { answerVersioned } from './answer-versioned.js';
import { findMistakes } from './common-mistakes.js';
import { gatherFacts } from './readiness-facts.js';
import { PRINCIPLE_TITLES, PRINCIPLES, type Gap, type PrincipleScore, type QuestionAnswer, type ReadinessInput, type ReadinessReport, type Verdict } from './readiness-types.js';

const POINTS: Readonly<Record<Verdict, number>> = { met: 1, partial: 0.5, unmet: 0 };

/** Never throws on any repository: every question gets an answer. */
export function assessReadiness(input: ReadinessInput): ReadinessReport {
  const facts = gatherFacts(input);
  const questions: QuestionAnswer[] = [...answerDeclarative(facts), ...answerVersioned(facts), ...answerPulled(facts), ...answerReconciled(facts)];
  const scores: PrincipleScore[] = PRINCIPLES.map((principle) => ({
    principle, title: PRINCIPLE_TITLES[principle],
    score: questions.filter((q) => q.principle === principle).reduce((sum, q) => sum + POINTS[q.verdict], 0),
  }));
  const total = scores.reduce((sum, s) => sum + s.score, 0);
  const mistakes = findMistakes(facts);

  // Lowest first; ties keep the worksheet's order (a repository is declared before it is pulled).
  const gaps: Gap[] = scores
    .filter((s) => s.score < 3)
    .sort((a, b) => a.score - b.score || PRINCIPLES.indexOf(a.principle) - PRINCIPLES.indexOf(b.principle))
    .map((s) => {
      const open = questions.filter((q) => q.principle === s.principle && q.verdict !== 'met');
      return { principle: s.principle, title: s.title, score: s.score, missing: open.map((q) => q.summary), fixes: unique(open.map((q) => q.remedy?.text).filter(isString)) };
    });

  const remedies = [...questions.filter((q) => q.verdict !== 'met').map((q) => q.remedy), ...mistakes.map((m) => m.remedy)].filter((r) => r !== undefined);
  return {
    questions, scores, total, mistakes, gaps,
    quickWins: unique(remedies.filter((r) => r.effort === 'quick').map((r) => r.text)),
    blockers: unique(remedies.filter((r) => r.effort === 'hard').map((r) => r.text)),
    ...(input.cluster ? { cluster: input.cluster } : {}),
  };
}

function isString(value: string | undefined): value is string {
  return value !== undefined;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
