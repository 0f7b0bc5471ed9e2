// Child process for the durability test: inserts notifications as fast as it can, alone and
// in batches, and reports the number committed so far ("committed N") until it is killed.
import type { NewNotification } from '../../../../src/shared/model/events';
import { Store } from '../../../../src/main/store/store';

const store = Store.open(process.argv[2]!, { appVersion: 'durability' });
let n = 0;
const next = (): NewNotification => {
  n += 1;
  return {
    endpointId: `proto::agent-${n % 50}`,
    receivedAt: Date.now(),
    msgId: `n-${n}`,
    subscriptionId: 'sub-1',
    sendResp: true,
    kind: 'ValueChange',
    path: `Device.Hosts.Host.${n % 1000}.Active`,
    detail: { value: n % 2 ? 'true' : 'false', padding: 'x'.repeat(200) },
  };
};
for (;;) {
  store.addNotification(next());
  store.notifications.addMany(Array.from({ length: 200 }, next));
  process.stdout.write(`committed ${n}\n`);
}
