import { useCallback } from 'react';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import { en } from './strings.ts';

/** Groups of stored codes the UI knows names for (touchpoints, channels, …). */
export type CodeGroup = 'touchpoints' | 'channels' | 'interactionTypes' | 'segments' | 'sources' | 'flags' | 'languages';

/** The codes of a group that have a translation, e.g. the demo's touchpoints. */
export const knownCodes = (group: CodeGroup): string[] => Object.keys(en[group]);

/**
 * Names a stored code (a touchpoint, channel, segment…) in the UI language; a code the UI does
 * not know (an integrator's own touchpoint) is shown as stored, and a missing one as a dash.
 */
export function useCodeLabel(): (group: CodeGroup, code: string | null | undefined) => string {
  const { t } = useTranslation();
  return useCallback(
    (group, code) => {
      if (!code) return t('common.none');
      return Object.hasOwn(en[group], code) ? t(`responses.${group}.${code}` as ParseKeys) : code;
    },
    [t],
  );
}
