import { Alert } from '@mantine/core';
import type { MonitoringRun } from './api.ts';
import { DriftResultView } from './DriftResultView.tsx';
import { FairnessResultView } from './FairnessResultView.tsx';
import { PerformanceResultView } from './PerformanceResultView.tsx';
import { resultOf } from './types.ts';

/** A run's full report, in the view of its metric. */
export function ResultView({ run }: { run: Pick<MonitoringRun, 'metric' | 'result' | 'thresholds'> }) {
  const result = resultOf(run.result, run.metric);
  if (!result) {
    return (
      <Alert color="gray" variant="light" title="This report cannot be shown">
        The run’s report is not in the shape Trellis expects for a {run.metric} run. Its metric values and threshold outcomes above still
        hold.
      </Alert>
    );
  }
  switch (result.metric) {
    case 'fairness':
      return <FairnessResultView result={result} outcomes={run.thresholds} />;
    case 'performance':
      return <PerformanceResultView result={result} outcomes={run.thresholds} />;
    case 'drift':
      return <DriftResultView result={result} outcomes={run.thresholds} />;
  }
}
