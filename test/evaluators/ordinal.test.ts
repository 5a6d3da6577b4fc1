import { describe, expect, it } from 'vitest';
import { ordinal } from '../../src/evaluators/index.js';

describe('ordinal', () => {
  it.each([
    [1, '1st'],
    [2, '2nd'],
    [3, '3rd'],
    [4, '4th'],
    [11, '11th'],
    [12, '12th'],
    [13, '13th'],
    [21, '21st'],
    [22, '22nd'],
    [89.8, '90th'],
    [92.6, '93rd'],
    [100, '100th'],
    [101, '101st'],
    [111, '111th'],
  ])('when %d is written as a rank, then it reads %s', (n, text) => {
    expect(ordinal(n)).toBe(text);
  });
});
