import type { AgentGroupSummary, JobReportExport, JobReportFormat, TargetResolution } from '../../shared/api/jobs';
import { parseFilter } from '../../shared/jobs/filter-expression';
import type { JobTargets } from '../../shared/jobs/job-file';
import type { JobsService } from '../services/jobs/jobs-service';
import { resolveTargets } from '../services/jobs/resolve-targets';
import type { Store } from '../store/store';

/**
 * The ConsoleApi side of bulk jobs: the JobsService's use cases, plus the two shapes only
 * the UI needs (a filter error as data with its position, a report as a file to save).
 */
export class JobsApi {
  constructor(
    readonly service: JobsService,
    private readonly store: Store,
  ) {}

  resolveTargets(targets: JobTargets): TargetResolution {
    if ('filter' in targets) {
      const parsed = parseFilter(targets.filter);
      if (!parsed.ok) return { ok: false, error: parsed.error };
    }
    return { ok: true, agents: resolveTargets(this.store, targets).map((a) => a.endpointId) };
  }

  exportReport(jobId: string, format: JobReportFormat): JobReportExport {
    const base = `job-${jobId.slice(0, 8)}-report`;
    if (format === 'csv') return { fileName: `${base}.csv`, mimeType: 'text/csv', content: this.service.reportCsv(jobId) };
    return { fileName: `${base}.json`, mimeType: 'application/json', content: JSON.stringify(this.service.report(jobId), null, 2) };
  }

  groups(): AgentGroupSummary[] {
    return this.service.groups();
  }
}
