import type { EvidenceStoreConfig } from '../../config.ts';
import { S3EvidenceStore } from './evidence-store-s3.ts';
import { LocalEvidenceStore, type EvidenceStore } from './evidence-store.ts';

/** The store the configuration names. Nothing touches the disk or the network until first use. */
export function createEvidenceStore(config: EvidenceStoreConfig): EvidenceStore {
  if (config.kind === 'local') return new LocalEvidenceStore(config.dir);
  return new S3EvidenceStore(config);
}
