// kustomize's patch `target` fields (group, version, kind, name, namespace) are regular expressions anchored at
// both ends; a field that is unset or empty matches anything. Flux's `spec.patches` targets are the same.

/**
 * Whether `pattern` matches one of `values`: true for an unset or empty pattern, undefined when the pattern is
 * not a valid regular expression (the caller decides what "cannot tell" means for it).
 */
export function doesTargetFieldMatch(pattern: unknown, values: Iterable<string>): boolean | undefined {
  if (typeof pattern !== 'string' || pattern === '') return true;
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${pattern})$`);
  } catch {
    return undefined;
  }
  for (const v of values) if (re.test(v)) return true;
  return false;
}
