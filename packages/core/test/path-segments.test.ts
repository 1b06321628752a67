import { describe, expect, test } from 'vitest';
import { dotSegmentIn } from '../src/index.js';

describe('dotSegmentIn', () => {
  test('plain paths and names that merely contain dots pass', () => {
    for (const path of ['secret/aws/dev', 'a.b/c..d/.hidden', 'team1/secret', 'x', '...', 'v1.2/..x']) expect(dotSegmentIn(path)).toBeUndefined();
  });

  test('. and .. segments are found, and quoted as written', () => {
    expect(dotSegmentIn('../../sys/seal')).toBe('..');
    expect(dotSegmentIn('secret/./aws')).toBe('.');
    expect(dotSegmentIn('secret/aws/..')).toBe('..');
  });

  test('percent-encoded, mixed-case, double-encoded and backslash forms are found', () => {
    expect(dotSegmentIn('secret/%2e%2e/sys')).toBe('%2e%2e');
    expect(dotSegmentIn('secret/%2E./sys')).toBe('%2E.');
    expect(dotSegmentIn('secret/.%2E')).toBe('.%2E');
    expect(dotSegmentIn('secret/%252e%252e/sys')).toBe('%252e%252e');
    expect(dotSegmentIn('secret/%2e')).toBe('%2e');
    expect(dotSegmentIn('secret/..%2fsys')).toBe('..%2fsys');
    expect(dotSegmentIn('secret/aws%5c..%5csys')).toBe('aws%5c..%5csys');
    expect(dotSegmentIn('secret\\..\\sys')).toBe('secret\\..\\sys');
  });
});
