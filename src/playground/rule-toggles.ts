// The rule toggles: one checkbox per check, off for the rules the user (or the shared link) turned off.
import type { RuleMeta } from '../core/lint/rule.js';

export function renderRuleToggles(container: HTMLElement, checks: readonly RuleMeta[], disabled: ReadonlySet<string>, onChange: (disabled: Set<string>) => void): void {
  container.replaceChildren();
  const boxes: HTMLInputElement[] = [];
  for (const meta of checks) {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = meta.id;
    box.checked = !disabled.has(meta.id);
    box.dataset.rule = meta.id;
    const code = document.createElement('code');
    code.textContent = meta.id;
    label.append(box, ' ', code, ` — ${meta.title}`);
    label.title = meta.rationale;
    container.append(label);
    boxes.push(box);
  }
  container.addEventListener('change', () => onChange(new Set(boxes.filter((b) => !b.checked).map((b) => b.value))));
}
