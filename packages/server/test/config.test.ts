import { describe, expect, it } from 'vitest';
import { ConfigurationError, configFromEnvironment } from '../src/config.js';

describe('settings from the environment', () => {
  it('defaults LOG_LEVEL to info and takes each of pino’s levels', () => {
    expect(configFromEnvironment({}).logLevel).toBe('info');
    for (const level of ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) {
      expect(configFromEnvironment({ LOG_LEVEL: level }).logLevel).toBe(level);
    }
  });

  it.each(['verbose', 'INFO', 'warning', ' info'])('names LOG_LEVEL and the allowed values for %j', (level) => {
    expect(() => configFromEnvironment({ LOG_LEVEL: level })).toThrow(ConfigurationError);
    expect(() => configFromEnvironment({ LOG_LEVEL: level })).toThrow(
      /^LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, not /,
    );
  });

  it.each(['abc', '0x1f', '1e3', ' 80', '-1', '65536', '80.5'])('refuses PORT=%j, naming it and the range', (port) => {
    expect(() => configFromEnvironment({ PORT: port })).toThrow(/^PORT must be a whole number from 0 to 65535, not /);
  });

  it('takes a decimal PORT', () => {
    expect(configFromEnvironment({ PORT: '8080' }).port).toBe(8080);
  });
});

describe('VEXIL_CORS_ORIGINS', () => {
  it('is empty by default and takes a comma-separated list of origins', () => {
    expect(configFromEnvironment({}).corsOrigins).toEqual([]);
    expect(
      configFromEnvironment({ VEXIL_CORS_ORIGINS: 'https://admin.example.com, http://localhost:3000' }).corsOrigins,
    ).toEqual(['https://admin.example.com', 'http://localhost:3000']);
  });

  it.each([
    '*',
    'admin.example.com',
    'https://admin.example.com/',
    'https://admin.example.com/path',
    'ftp://x.example',
  ])('refuses %j, naming the variable', (value) => {
    expect(() => configFromEnvironment({ VEXIL_CORS_ORIGINS: value })).toThrow(/^VEXIL_CORS_ORIGINS must list origins/);
  });
});
