import { notifications } from '@mantine/notifications';
import { explainError } from './format';

/** Shows a failed call as a toast with the plain-language explanation of its error. */
export function showError(thrown: unknown, context?: string): void {
  const view = explainError(thrown);
  notifications.show({
    color: 'red',
    title: context ? `${context}: ${view.title}` : view.title,
    message: view.message,
    autoClose: 10_000,
    withBorder: true,
  });
}

export function showSuccess(message: string): void {
  notifications.show({ color: 'green', message, autoClose: 3000 });
}
