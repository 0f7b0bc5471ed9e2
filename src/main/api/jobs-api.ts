import { ConsoleApiError } from '../../shared/api/errors';
import type { ConsoleApi } from '../../shared/console-api';
import { JobInputError, JobNotFoundError, JobStateError } from '../services/jobs/job-errors';
import type { JobsService } from '../services/jobs/jobs-service';

type JobMethods = Pick<
  ConsoleApi,
  | 'resolveTargets'
  | 'previewJob'
  | 'startJob'
  | 'listJobs'
  | 'getJob'
  | 'controlJob'
  | 'retryJob'
  | 'previewRollback'
  | 'rollbackJob'
  | 'getJobReport'
  | 'exportJobReport'
  | 'listGroups'
  | 'saveGroup'
  | 'deleteGroup'
>;

/** The jobs part of the ConsoleApi: the jobs service with its errors in the API's vocabulary. */
export function jobsApi(jobs: JobsService): JobMethods {
  const call = async <T>(fn: () => T | Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof JobInputError) throw new ConsoleApiError({ code: 'invalid-argument', message: err.message });
      if (err instanceof JobNotFoundError) throw new ConsoleApiError({ code: 'not-found', message: err.message });
      if (err instanceof JobStateError) throw new ConsoleApiError({ code: 'conflict', message: err.message });
      throw err;
    }
  };
  return {
    resolveTargets: (targets) => call(() => jobs.resolve(targets)),
    previewJob: (file, options) => call(() => jobs.preview(file, options)),
    startJob: (file) => call(() => jobs.start(file)),
    listJobs: () => call(() => jobs.list()),
    getJob: (id) => call(() => jobs.get(id)),
    controlJob: (id, action) => call(() => (action === 'pause' ? jobs.pause(id) : action === 'resume' ? jobs.resume(id) : jobs.cancel(id))),
    retryJob: (id, selection) => call(() => jobs.retry(id, selection)),
    previewRollback: (id) => call(() => jobs.rollbackPreview(id)),
    rollbackJob: (id) => call(() => jobs.rollback(id)),
    getJobReport: (id) => call(() => jobs.report(id)),
    exportJobReport: (id, format) => call(() => (format === 'csv' ? jobs.reportCsv(id) : JSON.stringify(jobs.report(id), null, 2))),
    listGroups: () => call(() => jobs.groups()),
    saveGroup: (group) => call(() => jobs.saveGroup(group)),
    deleteGroup: (name) => call(() => void jobs.deleteGroup(name)),
  };
}
