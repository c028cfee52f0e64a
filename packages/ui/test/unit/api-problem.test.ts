import { describe, expect, it } from 'vitest';
import { ApiProblem, problemFrom } from '../../src/api/problem.js';
import { describeRoles } from '../../src/auth/roles.js';

describe('RFC 9457 problems from the server', () => {
  it('carry the status, the detail and each field error by its path', () => {
    const response = new Response(null, { status: 400, statusText: 'Bad Request' });
    const problem = problemFrom(response, {
      type: 'https://vexil.dev/problems/validation',
      title: 'Invalid request',
      status: 400,
      detail: 'password: must NOT have fewer than 12 characters',
      errors: [
        { path: 'password', message: 'must NOT have fewer than 12 characters' },
        { path: 'variations[0].value', message: 'is not a boolean' },
      ],
    });
    expect(problem).toBeInstanceOf(ApiProblem);
    expect(problem.status).toBe(400);
    expect(problem.fieldError('password')).toBe('Must have at least 12 characters');
    expect(problem.fieldError('name')).toBeUndefined();
    expect(problem.otherErrors(['password'])).toEqual([{ path: 'variations[0].value', message: 'is not a boolean' }]);
  });

  it('read Retry-After on 429', () => {
    const response = new Response(null, { status: 429, headers: { 'retry-after': '42' } });
    expect(problemFrom(response, { title: 'Too many requests', status: 429 }).retryAfterSeconds).toBe(42);
  });

  it('still name the status when the body is not a problem', () => {
    const problem = problemFrom(new Response(null, { status: 502, statusText: 'Bad Gateway' }), '<html>');
    expect(problem.title).toBe('Bad Gateway');
    expect(problem.errors).toEqual([]);
  });
});

describe('roles in words', () => {
  it('say where each role applies', () => {
    expect(describeRoles([{ role: 'owner' }])).toBe('Owner');
    expect(describeRoles([{ role: 'editor', project: 'default' }])).toBe('Editor on default');
    expect(describeRoles([{ role: 'viewer', project: 'shop', environment: 'production' }])).toBe(
      'Viewer on shop / production',
    );
  });
});
