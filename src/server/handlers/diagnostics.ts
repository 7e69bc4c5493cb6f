// Findings become LSP diagnostics: rule id as the code with a link to its docs, cross-file findings carry
// related information. The last published findings are kept per document for code actions.
import { DiagnosticSeverity, type Connection, type Diagnostic } from 'vscode-languageserver';
import type { Finding, Severity } from '../../core/findings/finding.js';
import { DIAGNOSTIC_SOURCE, ruleDocsUrl } from '../../protocol/rule-docs.js';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(finding: Finding, uriOf: (path: string) => string): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: ruleDocsUrl(finding.ruleId) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((r) => ({ location: { uri: uriOf(r.path), range: r.range }, message: r.message }));
  }
  return diagnostic;
}

interface Published {
  readonly version: number | undefined;
  readonly revision: number;
  readonly findings: readonly Finding[];
}

export class DiagnosticsPublisher {
  private readonly published = new Map<string, Published>();

  constructor(private readonly connection: Connection, private readonly uriOf: (path: string) => string) {}

  /**
   * Publishes unless a result computed from a newer workspace revision was already published for this
   * document: a slow, older computation never overwrites a newer one.
   */
  publish(uri: string, version: number | undefined, revision: number, findings: readonly Finding[]): boolean {
    const last = this.published.get(uri);
    if (last && last.revision > revision) return false;
    this.published.set(uri, { version, revision, findings });
    void this.connection.sendDiagnostics({ uri, version, diagnostics: findings.map((f) => toDiagnostic(f, this.uriOf)) });
    return true;
  }

  clear(uri: string): void {
    this.published.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  findings(uri: string): readonly Finding[] {
    return this.published.get(uri)?.findings ?? [];
  }

  diagnostic(finding: Finding): Diagnostic {
    return toDiagnostic(finding, this.uriOf);
  }
}
