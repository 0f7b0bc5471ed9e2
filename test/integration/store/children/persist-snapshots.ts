// Child process for the durability test: persists large snapshots one after another and
// reports progress on stdout ("complete ID" / "progress DONE TOTAL") until it is killed.
import { SnapshotService } from '../../../../src/main/services/snapshots/snapshot-service';
import { Store } from '../../../../src/main/store/store';
import { syntheticSnapshot } from '../../../helpers/synthetic-snapshot';

const store = Store.open(process.argv[2]!, { appVersion: 'durability' });
const service = new SnapshotService(store);
const data = syntheticSnapshot(Number(process.argv[3] ?? 100_000));
for (;;) {
  const meta = service.persist(data, (p) => process.stdout.write(`progress ${p.done} ${p.total}\n`));
  process.stdout.write(`complete ${meta.id}\n`);
}
