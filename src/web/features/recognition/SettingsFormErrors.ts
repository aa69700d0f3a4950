import type { FormInstance } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/client.ts';

interface ApiIssue {
  field: string;
  message: string;
}

/** The `{field, message}` issues of a 400 from the API (`body.cost` …), or none. */
function issuesOf(error: unknown): ApiIssue[] {
  if (!(error instanceof ApiError)) return [];
  const issues = error.details.issues;
  return Array.isArray(issues) ? (issues as ApiIssue[]).filter((i) => typeof i?.field === 'string' && typeof i?.message === 'string') : [];
}

/**
 * Puts the server's validation issues on the form fields they name ("Not accepted: …" under the input)
 * and returns true when it could place at least one; the caller shows the error otherwise.
 */
export function useShowFieldIssues(): <Values>(form: FormInstance<Values>, error: unknown) => boolean {
  const { t } = useTranslation();
  return useCallback(
    <Values,>(form: FormInstance<Values>, error: unknown) => {
      const known = new Set(Object.keys(form.getFieldsValue() as object));
      const placed = issuesOf(error)
        .map((issue) => ({ name: issue.field.replace(/^body\.?/, ''), message: issue.message }))
        .filter((issue) => known.has(issue.name));
      if (placed.length === 0) return false;
      form.setFields(placed.map((issue) => ({ name: issue.name as never, errors: [t('recognition.settings.refused', { reason: issue.message })] })));
      return true;
    },
    [t],
  );
}
