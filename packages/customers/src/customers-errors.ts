import { defineErrors } from '@orion/contracts';

/**
 * The customers module's error codes. Each answers with its HTTP status, and its message is
 * translated into the caller's locale; placeholders are filled from the error's details.
 *
 * - `CUSTOMERS_ERR_CUSTOMER_NOT_FOUND` (404) `{ customerId }`: no such customer in the store;
 * - `CUSTOMERS_ERR_EMAIL_TAKEN` (409) `{ email }`: the store already has a customer with this e-mail.
 *
 * @example
 * ```ts
 * import { isOrionError } from '@orion/contracts';
 * import { CustomersService } from '@orion/customers';
 * try {
 *   await new CustomersService(db).get(99, { storeId: 12 });
 * } catch (error) {
 *   if (isOrionError(error, 'CUSTOMERS_ERR_CUSTOMER_NOT_FOUND')) console.log(error.details.customerId); // 99
 * }
 * ```
 */
export const customersErrors = defineErrors({
  CUSTOMERS_ERR_CUSTOMER_NOT_FOUND: {
    message: 'Customer {customerId} was not found in this store.',
    status: 404,
    messages: {
      de: 'Kunde {customerId} wurde in diesem Shop nicht gefunden.',
      fr: 'Le client {customerId} est introuvable dans cette boutique.',
      lb: 'De Client {customerId} gouf an dësem Buttek net fonnt.',
    },
  },
  CUSTOMERS_ERR_EMAIL_TAKEN: {
    message: 'This store already has a customer with the e-mail address {email}.',
    status: 409,
    messages: {
      de: 'Dieser Shop hat bereits einen Kunden mit der E-Mail-Adresse {email}.',
      fr: 'Cette boutique a déjà un client avec l’adresse e-mail {email}.',
      lb: 'Dëse Buttek huet schonn e Client mat der E-Mail-Adress {email}.',
    },
  },
});
