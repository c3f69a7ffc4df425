import { loginBodySchema, signupBodySchema } from './auth.api';
import { createFlowBodySchema } from './flows.api';

describe('request body schemas', () => {
  it('requires a 10-character password and a valid e-mail at signup', () => {
    expect(
      signupBodySchema.safeParse({ email: 'ada@example.com', password: 'long enough', name: 'Ada' })
        .success,
    ).toBe(true);
    const short = signupBodySchema.safeParse({
      email: 'ada@example.com',
      password: 'short',
      name: 'Ada',
    });
    expect(short.error?.issues[0]).toMatchObject({
      path: ['password'],
      message: 'must be at least 10 characters',
    });
    expect(loginBodySchema.safeParse({ email: 'not-an-email', password: 'x' }).success).toBe(false);
  });

  it('accepts a flow without a definition but not with a malformed one', () => {
    expect(createFlowBodySchema.safeParse({ name: 'Orders' }).success).toBe(true);
    expect(
      createFlowBodySchema.safeParse({ name: 'Orders', definition: { nodes: [] } }).success,
    ).toBe(false);
  });
});
