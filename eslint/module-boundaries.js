// ESLint rule: the platform never imports capability modules; a module reaches
// another module only through that module's index.ts; the web app never imports server code.
// The web app keeps the same boundaries: a feature imports shared/ and contracts, another feature
// only through its index.ts, and never app/ (the shell composes features, not the other way round);
// shared/ imports neither features nor app/.
import path from 'node:path';

const SERVER = `${path.sep}src${path.sep}server${path.sep}`;
const PLATFORM = `${SERVER}platform${path.sep}`;
const MODULES = `${SERVER}modules${path.sep}`;
const WEB = `${path.sep}src${path.sep}web${path.sep}`;
const WEB_APP = `${WEB}app${path.sep}`;
const WEB_SHARED = `${WEB}shared${path.sep}`;
const FEATURES = `${WEB}features${path.sep}`;

/** The capability folder a file lives in ("org" for src/server/modules/org/x.ts), or null. */
function moduleOf(file) {
  const i = file.indexOf(MODULES);
  return i === -1 ? null : file.slice(i + MODULES.length).split(path.sep)[0];
}

/** The feature folder a web file lives in ("org" for src/web/features/org/x.tsx), or null. */
function featureOf(file) {
  const i = file.indexOf(FEATURES);
  return i === -1 ? null : file.slice(i + FEATURES.length).split(path.sep)[0];
}

/** The path inside a module or feature folder ('' for the folder itself). */
function inside(target, root, name) {
  return target.slice(target.indexOf(root) + root.length + name.length);
}

const isIndex = (rest) => rest === '' || /^[\\/]index(\.tsx?)?$/.test(rest);

export default {
  meta: {
    type: 'problem',
    docs: { description: 'enforce module boundaries (see ARCHITECTURE.md)' },
    schema: [],
    messages: {
      platform: 'The platform must not import capability modules ({{target}}): publish an event or accept a callback instead.',
      deep: 'Import module "{{module}}" through its index.ts, not {{target}}.',
      web: 'The web app must not import server code ({{target}}): share shapes through src/contracts.',
      webApp: 'A feature or shared/ must not import the app shell ({{target}}): move what both need into src/web/shared.',
      webShared: 'shared/ must not import a feature ({{target}}): shared code knows no capability.',
      webDeep: 'Import feature "{{feature}}" through its index.ts, not {{target}}.',
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
      if ((file.includes(FEATURES) || file.includes(WEB_SHARED)) && target.includes(WEB_APP)) return context.report({ node, messageId: 'webApp', data: { target: rel } });
      if (file.includes(WEB_SHARED) && target.includes(FEATURES)) return context.report({ node, messageId: 'webShared', data: { target: rel } });
      const targetFeature = featureOf(target);
      if (targetFeature && featureOf(file) && targetFeature !== featureOf(file) && !isIndex(inside(target, FEATURES, targetFeature))) {
        return context.report({ node, messageId: 'webDeep', data: { feature: targetFeature, target: rel } });
      }
      const targetModule = moduleOf(target);
      if (!targetModule || targetModule === moduleOf(file)) return;
      if (!isIndex(inside(target, MODULES, targetModule))) {
        context.report({ node, messageId: 'deep', data: { module: targetModule, target: rel } });
      }
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: (node) => check({ source: node.source, ...node }) };
  },
};
