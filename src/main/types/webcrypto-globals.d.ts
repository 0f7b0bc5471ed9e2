// Main code is typechecked without DOM types, but @peculiar/x509's declarations name the Web
// Crypto types as globals; Node's own WebCrypto types stand in for them.
import type { webcrypto } from 'node:crypto';

declare global {
  type Crypto = webcrypto.Crypto;
  type CryptoKey = webcrypto.CryptoKey;
  type CryptoKeyPair = webcrypto.CryptoKeyPair;
}

export {};
