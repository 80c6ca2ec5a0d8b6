// @ts-check
import path from 'node:path';

/**
 * Enforces design.md's boundaries between the parts of the app:
 * - src/shared imports nothing of ours;
 * - src/renderer imports only src/shared;
 * - src/sim never imports src/main;
 * - src/main never imports src/renderer;
 * - src/main/approvals never imports the IPC contract layer (src/main/ipc):
 *   the desk throws domain errors and the edge maps them to call codes;
 * - only src/main/shell, src/main/index.ts and src/preload import electron
 *   (and the shell's tests, where 'electron' is the mocked double).
 */

const root = process.cwd();

/** @param {string} file */
function areaOf(file) {
  const rel = path.relative(root, file).split(path.sep).join('/');
  if (rel.startsWith('src/shared/')) return 'shared';
  if (rel.startsWith('src/renderer/')) return 'renderer';
  if (rel.startsWith('src/sim/')) return 'sim';
  if (rel.startsWith('src/preload/')) return 'preload';
  if (rel === 'src/main/index.ts' || rel.startsWith('src/main/shell/')) return 'shell';
  if (rel.startsWith('src/main/')) return 'backend';
  if (rel.startsWith('src/harness/')) return 'harness';
  if (rel.startsWith('src/')) return 'src-other';
  // The shell's tests import 'electron' only as vi.mock's double (and its types).
  if (rel.startsWith('test/unit/shell/')) return 'shell-test';
  return 'outside';
}

/** @param {string} file */
function relOf(file) {
  return path.relative(root, file).split(path.sep).join('/');
}

const ELECTRON_ALLOWED = new Set(['shell', 'preload', 'shell-test']);

/** @type {Record<string, (target: string) => boolean>} */
const MAY_IMPORT = {
  shared: (target) => target === 'shared',
  renderer: (target) => target === 'shared' || target === 'renderer',
  sim: (target) => target !== 'backend' && target !== 'shell' && target !== 'renderer' && target !== 'preload',
  // Main shares wording with the renderer through src/shared, never by reaching into it.
  backend: (target) => target !== 'renderer',
  shell: (target) => target !== 'renderer',
};

/** @type {import('eslint').Rule.RuleModule} */
const boundaries = {
  meta: {
    type: 'problem',
    docs: { description: "Keeps the app's parts inside design.md's boundaries." },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const from = areaOf(file);
    /** @param {import('estree').Node} node @param {unknown} value */
    function check(node, value) {
      if (typeof value !== 'string') return;
      if (value === 'electron' || value.startsWith('electron/')) {
        if (!ELECTRON_ALLOWED.has(from)) {
          context.report({
            node,
            message: `Only src/main/shell, src/main/index.ts and src/preload may import electron (this is ${from}); the backend must run in plain Node.`,
          });
        }
        return;
      }
      if (!value.startsWith('.')) return;
      const resolved = path.resolve(path.dirname(file), value);
      if (relOf(file).startsWith('src/main/approvals/') && `${relOf(resolved)}/`.startsWith('src/main/ipc/')) {
        context.report({ node, message: `src/main/approvals may not import the IPC contract layer (${value}): throw a domain error (src/main/domain-errors.ts) and let the edge map it.` });
        return;
      }
      const target = areaOf(resolved);
      const rule = MAY_IMPORT[from];
      if (rule && !rule(target)) {
        context.report({ node, message: `src/${from} may not import from ${target} (${value}).` });
      }
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
          check(node, node.arguments[0].value);
        }
      },
    };
  },
};

export default { rules: { boundaries } };
