// The workspace's modules run as shipped, without a compiler: these rules catch what one would (an undefined
// name, a duplicate key, dead code) and keep the one security rule of the UI: nothing reaches the HTML parser.
import globals from 'globals';

export default [{
  files: ['**/*.js'],
  languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: globals.browser },
  rules: {
    'no-undef': 'error',
    'no-unused-vars': ['error', { caughtErrors: 'none', ignoreRestSiblings: true }],
    'no-dupe-keys': 'error',
    'no-unreachable': 'error',
    'no-redeclare': 'error',
    'no-restricted-properties': ['error',
      { property: 'innerHTML', message: 'Build nodes with h() (dom.js); customer text must never be parsed as HTML.' },
      { property: 'outerHTML', message: 'Build nodes with h() (dom.js).' },
      { property: 'insertAdjacentHTML', message: 'Build nodes with h() (dom.js).' },
      { property: 'srcdoc', message: 'Only the sandboxed message frame (ticket.js) may hold HTML.' },
      { object: 'document', property: 'write', message: 'Build nodes with h() (dom.js).' }],
    'no-eval': 'error',
    'no-implied-eval': 'error',
    'no-new-func': 'error',
  },
}];
