import WebSocket from 'ws';

export interface ApiClient {
  call<T>(method: string, ...params: unknown[]): Promise<T>;
  close(): void;
}

/** A minimal client of the web bridge, speaking the same frames as the renderer's web client. */
export async function apiClient(origin: string, token: string): Promise<ApiClient> {
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/api?token=${token}`);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let id = 0;
  const pending = new Map<number, (frame: { result?: unknown; error?: { message: string } }) => void>();
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
    if (typeof frame.id === 'number') pending.get(frame.id)?.(frame);
  });
  return {
    call<T>(method: string, ...params: unknown[]): Promise<T> {
      const callId = ++id;
      return new Promise<T>((resolve, reject) => {
        pending.set(callId, (frame) => {
          pending.delete(callId);
          if (frame.error) reject(new Error(frame.error.message));
          else resolve(frame.result as T);
        });
        ws.send(JSON.stringify({ id: callId, method, params }));
      });
    },
    close: () => ws.close(),
  };
}
