export type * from './agent';
export type * from './diff';
export type * from './events';
export type * from './schema';
export type * from './settings';
export type * from './snapshot';
export type * from './tls';
export type * from './values';
export { PARAM_TYPES } from './schema';
