import { useMemo, type JSX } from 'react';
import { Text } from '@mantine/core';
import type { JobDetail } from '../../../shared/jobs/job-model';
import { VirtualList } from '../../components/VirtualList';
import { fleetReport } from './job-progress';

/** A `get` job's values: one row per agent, one column per path. */
export function FleetReportTable({ job }: { job: JobDetail }): JSX.Element {
  const report = useMemo(() => fleetReport(job), [job]);
  return (
    <>
      <div className="list-row" style={{ fontWeight: 600, fontSize: 12 }} aria-hidden>
        <Text size="xs" fw={600} w={240}>Agent</Text>
        {report.paths.map((p) => <Text key={p} size="xs" fw={600} w={200} truncate title={p} className="mono">{p.replace(/^Device\./, '')}</Text>)}
      </div>
      <div style={{ flex: 1, minHeight: 160 }}>
        <VirtualList
          items={report.rows}
          rowHeight={28}
          getKey={(r) => r.endpointId}
          label="Fleet report"
          role="grid"
          testId="fleet-report"
          renderRow={(r) => (
            <div className="list-row" role="row">
              <Text size="xs" w={240} truncate className="mono">{r.endpointId}</Text>
              {report.paths.map((p) => <Text key={p} size="xs" w={200} truncate className="mono">{r.values[p] ?? (r.state === 'succeeded' ? '∅' : r.state)}</Text>)}
            </div>
          )}
        />
      </div>
    </>
  );
}
