/** Shared by the reconciliation tests: a Customer Session payload and an OpenAPI file that returns it. */

/** A create-customer-session 201 payload, as the API sends it, with fields replaced or added. */
export function sessionPayload(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    customer_session: 'fe50d39a-5a1c-11ed-9b6a-0242ac120002',
    customer_id: '3956053c-5a1d-11ed-9b6a-0242ac120002',
    country: 'CO',
    callback_url: 'https://example.com/back',
    created_at: '2022-05-09T20:46:54.786342Z',
    ...over,
  };
}

/** An OpenAPI file of the create-customer-session endpoint with the given 201 examples, by name. */
export function sessionSpec(examples: Record<string, unknown>): string {
  return JSON.stringify({
    openapi: '3.1.0',
    info: { title: 'sessions', version: '1' },
    paths: {
      '/v1/customers/sessions': {
        post: { responses: { '201': { description: 'ok', content: { 'application/json': { examples: Object.fromEntries(Object.entries(examples).map(([k, v]) => [k, { value: v }])) } } } } },
      },
    },
  });
}
