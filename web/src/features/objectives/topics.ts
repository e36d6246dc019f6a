import { useMemo } from 'react';
import { ISO_42001, useFramework } from '../catalog/api.ts';

export interface TopicOption {
  value: string;
  label: string;
  title: string;
}

/** "C.2.10" after "C.2.9". */
function byNumber(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** The Annex C objectives (C.2.1 … C.2.11) of ISO/IEC 42001 from the catalog, as options. */
export function useAnnexCTopics(org: string) {
  const framework = useFramework(org, ISO_42001);
  const options = useMemo<TopicOption[]>(
    () =>
      (framework.data?.items ?? [])
        .filter((i) => i.id.startsWith('C.2.'))
        .sort((a, b) => byNumber(a.id, b.id))
        .map((i) => ({ value: i.id, label: `${i.id} ${i.title}`, title: i.title })),
    [framework.data],
  );
  return { options, isPending: framework.isPending, isError: framework.isError };
}
