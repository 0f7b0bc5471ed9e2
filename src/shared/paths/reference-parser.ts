// REFFOLLOW = [ "#" ( POSNUM | "*" ) ] "+": `Param+`, `Param#2+`, `Param#*+`.

import type { ReferenceFollow } from './ast';
import type { Scanner } from './scanner';

/** Parses a reference-following suffix right after a name, if there is one. */
export function parseReferenceFollow(s: Scanner, allowed: boolean): ReferenceFollow | undefined {
  const c = s.peek();
  if (c !== '+' && c !== '#') return undefined;
  if (!allowed) s.fail('reference following is not allowed here', '"." or the end of the path');
  if (c === '+') {
    s.advance();
    return { index: null };
  }
  s.advance();
  let index: number | '*';
  if (s.peek() === '*') {
    s.advance();
    index = '*';
  } else {
    index = s.readPositiveNumber('a list index');
  }
  if (s.peek() !== '+') s.unexpected('"+" after the list index');
  s.advance();
  return { index };
}
