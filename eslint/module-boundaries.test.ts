import path from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import rule from './module-boundaries.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const root = path.resolve(import.meta.dirname, '..');
const at = (rel: string) => path.join(root, rel);
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2024, sourceType: 'module' } });

tester.run('module-boundaries', rule, {
  valid: [
    { filename: at('src/server/modules/cases/cases.service.ts'), code: "import { dataScopeOf } from '../org/index.ts';" },
    { filename: at('src/server/modules/org/units.service.ts'), code: "import { unitSubtreeIds } from './org.scope.ts';" },
    { filename: at('src/server/platform/http/app.ts'), code: "import { AppError } from '../errors.ts';" },
    { filename: at('src/server/main.ts'), code: "import { registerOrgRoutes } from './modules/org/index.ts';" },
    { filename: at('src/web/features/org/units-page.tsx'), code: "import type { Unit } from '../../../contracts/org.ts';" },
  ],
  invalid: [
    { filename: at('src/server/platform/audit.ts'), code: "import { x } from '../modules/org/index.ts';", errors: [{ messageId: 'platform' }] },
    { filename: at('src/server/modules/cases/cases.service.ts'), code: "import { x } from '../org/org.scope.ts';", errors: [{ messageId: 'deep' }] },
    { filename: at('src/server/modules/cases/cases.service.ts'), code: "export { x } from '../org/units.service.ts';", errors: [{ messageId: 'deep' }] },
    { filename: at('src/web/app/app.tsx'), code: "import { x } from '../../server/main.ts';", errors: [{ messageId: 'web' }] },
  ],
});
