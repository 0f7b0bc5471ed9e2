import { describe, expect, it } from 'vitest';
import { brokerUrlProblem } from '../../../../src/main/api/validation/broker-url';

describe('brokerUrlProblem', () => {
  it.each(['mqtt://broker:1883', 'mqtts://broker', 'ws://broker:8080/mqtt', 'wss://[::1]:8883/mqtt'])('accepts %s', (url) => {
    expect(brokerUrlProblem(url)).toBeNull();
  });

  it.each([
    ['mqtt://h:99999', /port of 1–65535/],
    ['mqtt://h:0', /port of 1–65535/],
    ['mqtt://:1883', /valid URL/],
    ['http://broker:1883', /mqtt:\/\//],
    ['broker:1883', /mqtt:\/\//],
    ['not a url', /valid URL/],
  ])('refuses %s', (url, problem) => {
    expect(brokerUrlProblem(url)).toMatch(problem);
  });
});
