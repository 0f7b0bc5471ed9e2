// tsyringe, used inside @peculiar/x509, needs the Reflect metadata polyfill loaded first.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

// Node 20's WebCrypto does the key generation and signing; no hand-written ASN.1 anywhere.
x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export { x509 };
