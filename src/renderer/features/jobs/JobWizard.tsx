import { useCallback, useMemo, useState, type JSX } from 'react';
import { Button, Group, Modal, Stepper } from '@mantine/core';
import type { JobSummary } from '../../../shared/jobs/job-model';
import type { JobPreview } from '../../../shared/jobs/preview';
import { useApi } from '../../api/api-context';
import { showError } from '../../lib/notify';
import { ConfirmStep } from './ConfirmStep';
import { draftIssues, newDraft, requiredConfirmation, toJobFile, type JobDraft } from './job-draft';
import { OperationStep } from './OperationStep';
import { OptionsStep } from './OptionsStep';
import { PreviewStep } from './PreviewStep';
import { TargetsStep } from './TargetsStep';

const STEPS = ['Targets', 'Operation', 'Preview', 'Options', 'Confirm'] as const;

/** The bulk-operation wizard (issue 10): targets → operation → preview → options → confirm. */
export function JobWizard({ picked, onClose, onStarted }: {
  picked: readonly string[];
  onClose: () => void;
  onStarted: (job: JobSummary) => void;
}): JSX.Element {
  const api = useApi();
  const [step, setStep] = useState(0);
  const [draft, setDraft] = useState<JobDraft>(() => newDraft(picked.length > 0 ? { agents: [...picked] } : { filter: '' }));
  const [resolved, setResolved] = useState<string[] | null>(null);
  const [preview, setPreview] = useState<JobPreview | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [typed, setTyped] = useState('');
  const [starting, setStarting] = useState(false);
  /** The schema's issues with the draft, shown once the user asked for the preview. */
  const [checked, setChecked] = useState(false);
  const issues = useMemo(() => (checked ? draftIssues(draft) : {}), [checked, draft]);
  const file = useMemo(() => toJobFile(draft), [draft]);
  const confirmation = requiredConfirmation(draft);
  const onResolved = useCallback((agents: string[] | null) => setResolved(agents), []);

  const loadPreview = async (refresh: boolean): Promise<boolean> => {
    setRefreshing(refresh);
    try {
      setPreview(await api.previewJob(file, { refresh }));
      return true;
    } catch (e) {
      showError(e, 'Preview');
      return false;
    } finally {
      setRefreshing(false);
    }
  };

  const next = async (): Promise<void> => {
    if (step === 1) {
      // The same schema main validates with: nothing half-filled reaches the preview.
      setChecked(true);
      if (Object.keys(draftIssues(draft)).length > 0) return;
      setPreview(null);
      if (!(await loadPreview(false))) return;
    }
    setStep((s) => s + 1);
  };

  const start = async (): Promise<void> => {
    setStarting(true);
    try {
      onStarted(await api.startJob(file));
    } catch (e) {
      showError(e, 'Starting the job');
    } finally {
      setStarting(false);
    }
  };

  const canNext = step === 0 ? resolved !== null && resolved.length > 0 : true;
  return (
    <Modal opened onClose={onClose} title="New bulk job" size="90%" data-testid="job-wizard" closeOnClickOutside={false}>
      <Stepper active={step} onStepClick={(s) => s < step && setStep(s)} size="sm" mb="md">
        {STEPS.map((label) => <Stepper.Step key={label} label={label} data-testid={`wizard-step-${label.toLowerCase()}`} />)}
      </Stepper>
      {step === 0 && <TargetsStep picked={picked} targets={draft.targets} onChange={(targets) => setDraft((d) => ({ ...d, targets }))} onResolved={onResolved} />}
      {step === 1 && <OperationStep draft={draft} agentId={resolved?.[0] ?? null} issues={issues} onChange={setDraft} />}
      {step === 2 && <PreviewStep preview={preview} kind={draft.kind} loading={refreshing} onRefresh={() => void loadPreview(true)} />}
      {step === 3 && <OptionsStep options={draft.options} onChange={(options) => setDraft((d) => ({ ...d, options }))} />}
      {step === 4 && <ConfirmStep file={file} agents={preview?.total ?? resolved?.length ?? 0} confirmation={confirmation} typed={typed} onType={setTyped} />}
      <Group justify="space-between" mt="md">
        <Button variant="default" onClick={step === 0 ? onClose : () => setStep((s) => s - 1)} data-testid="wizard-back">{step === 0 ? 'Cancel' : 'Back'}</Button>
        {step < STEPS.length - 1 ? (
          <Button onClick={() => void next()} disabled={!canNext} data-testid="wizard-next">Next</Button>
        ) : (
          <Button color={confirmation ? 'red' : 'blue'} loading={starting} disabled={confirmation !== null && typed !== confirmation} onClick={() => void start()} data-testid="wizard-start">
            Start the job
          </Button>
        )}
      </Group>
    </Modal>
  );
}
