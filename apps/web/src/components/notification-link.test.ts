import { describe, expect, it } from 'vitest';
import { appPath } from './notification-link';

describe('appPath', () => {
  it('turns a notification link (PUBLIC_URL and a path) into a path of this web app', () => {
    expect(appPath('https://coop.example/proposals/7f3a?tab=tally#result')).toBe('/proposals/7f3a?tab=tally#result');
    expect(appPath('https://coop.example/')).toBe('/');
  });

  it('keeps a bare path, and has no path for no link or a malformed one', () => {
    expect(appPath('/assemblies/1')).toBe('/assemblies/1');
    expect(appPath(null)).toBeUndefined();
    expect(appPath(undefined)).toBeUndefined();
    expect(appPath('not a link')).toBeUndefined();
  });
});
