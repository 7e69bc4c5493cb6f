// Writes docs/rules.md from the registered rules: npm run docs:rules.
import { writeFileSync } from 'node:fs';
import { RULES } from '../src/core/lint/rule-list.js';
import { RULES_DOC_PATH, renderRulesDoc } from './render-rules-doc.js';

writeFileSync(RULES_DOC_PATH, renderRulesDoc(RULES));
console.log(`wrote ${RULES_DOC_PATH} (${RULES.length} rules)`);
