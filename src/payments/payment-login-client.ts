/** The client id of the login a "payer must be identified" payment of `clientId` sends the citizen through. */
export const paymentLoginClientId = (clientId: string) => `pay:${clientId}`;
