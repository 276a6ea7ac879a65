import {
  PP_KNOWLEDGE_INDUSTRIES,
  PpKnowledgeIndustry,
} from '@internal/plugin-pp-common';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

const isIndustry = (v: string | null): v is PpKnowledgeIndustry =>
  (PP_KNOWLEDGE_INDUSTRIES as readonly string[]).includes(v ?? '');

/**
 * The industry the knowledge pages show, kept in the address (`?industry=education`) so a link or
 * a reload keeps it; marketing when the address names none.
 */
export function useIndustry(): [
  PpKnowledgeIndustry,
  (industry: PpKnowledgeIndustry) => void,
] {
  const [params, setParams] = useSearchParams();
  const value = params.get('industry');
  const industry: PpKnowledgeIndustry = isIndustry(value) ? value : 'marketing';
  const setIndustry = useCallback(
    (next: PpKnowledgeIndustry) => {
      setParams(
        current => {
          const p = new URLSearchParams(current);
          p.set('industry', next);
          return p;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return [industry, setIndustry];
}
