// ESLint rule: the platform never imports capability modules; a module reaches
// another module only through that module's index.ts; the web app never imports server code.
import path from 'node:path';

const SERVER = `${path.sep}src${path.sep}server${path.sep}`;
const PLATFORM = `${SERVER}platform${path.sep}`;
const MODULES = `${SERVER}modules${path.sep}`;
const WEB = `${path.sep}src${path.sep}web${path.sep}`;

/** The capability folder a file lives in ("org" for src/server/modules/org/x.ts), or null. */
function moduleOf(file) {
  const i = file.indexOf(MODULES);
  return i === -1 ? null : file.slice(i + MODULES.length).split(path.sep)[0];
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'enforce module boundaries (see ARCHITECTURE.md)' },
    schema: [],
    messages: {
      platform: 'The platform must not import capability modules ({{target}}): publish an event or accept a callback instead.',
      deep: 'Import module "{{module}}" through its index.ts, not {{target}}.',
      web: 'The web app must not import server code ({{target}}): share shapes through src/contracts.',
    },
  },
  create(context) {
    const file = context.filename;
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = path.resolve(path.dirname(file), spec);
      const rel = path.relative(context.cwd, target);
      if (file.includes(WEB) && target.includes(SERVER)) return context.report({ node, messageId: 'web', data: { target: rel } });
      if (file.includes(PLATFORM) && target.includes(MODULES)) return context.report({ node, messageId: 'platform', data: { target: rel } });
      const targetModule = moduleOf(target);
      if (!targetModule || targetModule === moduleOf(file)) return;
      const inside = target.slice(target.indexOf(MODULES) + MODULES.length + targetModule.length);
      if (inside !== '' && inside !== `${path.sep}index.ts` && inside !== `${path.sep}index`) {
        context.report({ node, messageId: 'deep', data: { module: targetModule, target: rel } });
      }
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: (node) => check({ source: node.source, ...node }) };
  },
};
