/** The five Customer Session inputs every validator is timed on, with the answer each must give. */
const valid = {
  customer_session: 'fe50d39a-5a1c-11ed-9b6a-0242ac120002',
  customer_id: '3956053c-5a1d-11ed-9b6a-0242ac120002',
  country: 'CO',
  callback_url: 'www.your-url.com',
  created_at: '2022-05-09T20:46:54.786342Z',
};

/** Each input is built fresh so no validator sees an object another one has already touched. */
export function inputs() {
  const { created_at: _dropped, ...missing } = valid;
  return [
    { name: 'valid (CO)', value: { ...valid }, valid: true },
    // ZW is the 249th code in the list: a linear enum scan pays the most here.
    { name: 'valid (ZW)', value: { ...valid, country: 'ZW' }, valid: true },
    { name: 'unknown country', value: { ...valid, country: 'XX' }, valid: false },
    { name: 'created_at Feb 30', value: { ...valid, created_at: '2022-02-30T20:46:54.786342Z' }, valid: false },
    { name: 'missing created_at', value: missing, valid: false },
  ];
}
